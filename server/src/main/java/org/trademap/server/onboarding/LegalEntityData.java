package org.trademap.server.onboarding;

import java.util.Objects;

/**
 * The validated data of a legal entity (AMLO-FINMA Art. 44). Obtain it from {@link
 * KycDataValidator#validateEntity}; the constructor refuses anything validation would not have
 * produced.
 *
 * @param name NFC, at most {@value TextRules#MAX_ENTITY_NAME_LENGTH} code points
 * @param registerNumber upper case; for a Swiss domicile the UID as {@code CHE-123.456.788}
 * @param domicile the registered domicile
 * @param signingAuthority how the person acting may sign for the entity
 */
public record LegalEntityData(
    String name, String registerNumber, Address domicile, SigningAuthority signingAuthority) {

  /** Refuses components that validation would not have produced. */
  public LegalEntityData {
    Invariants.require(
        TextRules.name("name", name, TextRules.MAX_ENTITY_NAME_LENGTH), name, "name");
    Objects.requireNonNull(domicile, "domicile");
    Invariants.require(
        FieldRules.registerNumber("registerNumber", registerNumber, domicile.country()),
        registerNumber,
        "registerNumber");
    Objects.requireNonNull(signingAuthority, "signingAuthority");
  }

  /** The data as a form, e.g. to edit it; validating the form gives this value again. */
  public LegalEntityForm toForm() {
    return new LegalEntityForm(name, registerNumber, domicile.toForm(), signingAuthority.name());
  }
}
