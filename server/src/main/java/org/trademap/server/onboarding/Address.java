package org.trademap.server.onboarding;

/**
 * A validated domicile address (see {@link TextRules} and {@link FieldRules} for the rules).
 *
 * @param street street and house number, NFC, at most {@value TextRules#MAX_STREET_LENGTH} code
 *     points
 * @param postalCode upper case; empty only for countries without a known postal-code format
 * @param town NFC, at most {@value TextRules#MAX_TOWN_LENGTH} code points
 * @param country ISO 3166-1 alpha-2 code
 */
public record Address(String street, String postalCode, String town, String country) {
  /** Refuses components that validation would not have produced. */
  public Address {
    Invariants.require(
        TextRules.text("street", street, TextRules.MAX_STREET_LENGTH), street, "street");
    Invariants.require(FieldRules.country("country", country), country, "country");
    Invariants.require(
        FieldRules.postalCode("postalCode", postalCode, country), postalCode, "postalCode");
    Invariants.require(TextRules.text("town", town, TextRules.MAX_TOWN_LENGTH), town, "town");
  }

  /** The address as a form, e.g. to edit it; validating the form gives this address again. */
  public AddressForm toForm() {
    return new AddressForm(street, postalCode, town, country);
  }
}
