package org.trademap.server.kyc;

import java.util.Arrays;
import org.trademap.server.onboarding.AddressForm;
import org.trademap.server.onboarding.BeneficialOwnerForm;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test data for KYC files in one place: valid forms (a person living in Zurich, a Swiss company
 * with a valid UID, Form A owners), and their JSON for API tests.
 */
public final class KycForms {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A Swiss UID with a valid check digit. */
  static final String UID = "CHE-123.456.788";

  private KycForms() {}

  static AddressForm zurich() {
    return new AddressForm("Bahnhofstrasse 1", "8001", "Zürich", "CH");
  }

  /** A valid adult living in Zurich with these names. */
  public static PersonalForm person(String surname, String givenNames) {
    return person(surname, givenNames, "anna.eriksson@example.ch");
  }

  /** A valid adult living in Zurich with these names and email address. */
  public static PersonalForm person(String surname, String givenNames, String email) {
    return new PersonalForm(
        surname, givenNames, "1974-08-12", "SE", zurich(), "Engineer", "+41 44 668 18 00", email);
  }

  static PersonalForm anna() {
    return person("Eriksson", "Anna Maria");
  }

  static LegalEntityForm company(String name) {
    return new LegalEntityForm(name, UID, zurich(), "SOLE_SIGNATURE");
  }

  static BeneficialOwnerForm owner(String surname, String givenNames, String dateOfBirth) {
    return BeneficialOwnerForm.formA(surname, givenNames, dateOfBirth, "CH", zurich());
  }

  static OwnerDeclarationForm formA(BeneficialOwnerForm... owners) {
    return new OwnerDeclarationForm("A", Arrays.asList(owners));
  }

  /** A complete company profile with two owners. */
  static ProfileForm companyProfile() {
    return new ProfileForm(
        anna(),
        company("Muster Treuhand AG"),
        formA(owner("Muster", "Hans", "1960-01-31"), owner("Beispiel", "Eva", "1970-05-05")));
  }

  /** The JSON of a value, as an API client would send it. */
  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
