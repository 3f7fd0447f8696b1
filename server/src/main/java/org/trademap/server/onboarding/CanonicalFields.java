package org.trademap.server.onboarding;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The canonical byte encoding of a validated subject, over which the ledger commitment {@code
 * HMAC(pepper, salt ‖ canonical fields)} is computed (ARCHITECTURE.md §4). Equal data always give
 * equal bytes, and different data always give different bytes.
 *
 * <p>Format: a sequence of fields, each a 4-byte big-endian length followed by that many bytes of
 * UTF-8 of the NFC-normalised text; a list is a 4-byte big-endian count followed by its items. The
 * first field is a version tag ({@link #PERSON_V1} or {@link #ENTITY_V1}) that changes whenever the
 * layout changes. Then, in this order:
 *
 * <ul>
 *   <li>person: surname, given names, date of birth (ISO 8601), nationality, domicile (street,
 *       postal code, town, country), occupation, phone, email;
 *   <li>entity: name, register number, domicile (as above), signing authority (its enum name),
 *       declaration form ({@code A} or {@code K}), the list of owners in {@link OwnerIdentity}
 *       order, each with surname, given names, date of birth, nationality and address, and on Form
 *       K the basis (its enum name), capital and vote shares (plain decimals without trailing
 *       zeros, empty when the basis has none) and the description (empty when none).
 * </ul>
 *
 * <p>An empty postal code is an empty field.
 */
public final class CanonicalFields {
  /** The version tag of the person layout. */
  public static final String PERSON_V1 = "trademap.kyc.person.v1";

  /** The version tag of the entity layout. */
  public static final String ENTITY_V1 = "trademap.kyc.entity.v1";

  private CanonicalFields() {}

  /** The canonical bytes of a natural person's data. */
  public static byte[] person(PersonalData person) {
    Writer w = new Writer();
    w.field(PERSON_V1);
    w.field(person.surname());
    w.field(person.givenNames());
    w.field(person.dateOfBirth().toString());
    w.field(person.nationality());
    w.address(person.domicile());
    w.field(person.occupation());
    w.field(person.phone());
    w.field(person.email());
    return w.bytes();
  }

  /** The canonical bytes of a legal entity's data with its beneficial-owner declaration. */
  public static byte[] entity(LegalEntityData entity, OwnerDeclaration declaration) {
    Writer w = new Writer();
    w.field(ENTITY_V1);
    w.field(entity.name());
    w.field(entity.registerNumber());
    w.address(entity.domicile());
    w.field(entity.signingAuthority().name());
    w.field(declaration.form());
    switch (declaration) {
      case OwnerDeclaration.FormA a -> {
        w.count(a.owners());
        a.owners().forEach(w::owner);
      }
      case OwnerDeclaration.FormK k -> {
        w.count(k.controllingPersons());
        for (ControllingPerson p : k.controllingPersons()) {
          w.owner(p.person());
          w.field(p.basis().kind().name());
          switch (p.basis()) {
            case ControlBasis.CapitalOrVotes s -> {
              w.field(s.capitalPercent().toPlainString());
              w.field(s.votesPercent().toPlainString());
              w.field("");
            }
            case ControlBasis.OtherMeans m -> {
              w.field("");
              w.field("");
              w.field(m.description());
            }
            case ControlBasis.ManagingDirector _ -> {
              w.field("");
              w.field("");
              w.field("");
            }
          }
        }
      }
    }
    return w.bytes();
  }

  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void field(String text) {
      byte[] utf8 = TextRules.nfc(text).getBytes(StandardCharsets.UTF_8);
      writeInt(utf8.length);
      out.writeBytes(utf8);
    }

    void count(List<?> list) {
      writeInt(list.size());
    }

    void address(Address address) {
      field(address.street());
      field(address.postalCode());
      field(address.town());
      field(address.country());
    }

    void owner(BeneficialOwner owner) {
      field(owner.surname());
      field(owner.givenNames());
      field(owner.dateOfBirth().toString());
      field(owner.nationality());
      address(owner.address());
    }

    private void writeInt(int value) {
      out.write(value >>> 24);
      out.write(value >>> 16);
      out.write(value >>> 8);
      out.write(value);
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }
}
