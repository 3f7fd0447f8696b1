package org.trademap.server.onboarding;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a beneficial-owner declaration as typed or sent in JSON, not yet validated; {@code
 * null} stands for a missing field. The last four fields belong to Form K only and must be absent
 * or blank on Form A.
 *
 * @param surname family name(s)
 * @param givenNames first and middle names
 * @param dateOfBirth ISO 8601 {@code YYYY-MM-DD}
 * @param nationality ISO 3166-1 alpha-2 code
 * @param address the owner's address of domicile
 * @param basis Form K: the {@link ControlBasis.Kind#name()} of the basis of control
 * @param capitalPercent Form K, {@code CAPITAL_OR_VOTES}: share of the capital, e.g. {@code 33.5};
 *     blank is 0
 * @param votesPercent Form K, {@code CAPITAL_OR_VOTES}: share of the votes; blank is 0
 * @param controlDescription Form K, {@code OTHER_MEANS}: how the person controls the company
 */
public record BeneficialOwnerForm(
    @Nullable String surname,
    @Nullable String givenNames,
    @Nullable String dateOfBirth,
    @Nullable String nationality,
    @Nullable AddressForm address,
    @Nullable String basis,
    @Nullable String capitalPercent,
    @Nullable String votesPercent,
    @Nullable String controlDescription) {

  /** A Form A entry: the owner without a basis of control. */
  public static BeneficialOwnerForm formA(
      @Nullable String surname,
      @Nullable String givenNames,
      @Nullable String dateOfBirth,
      @Nullable String nationality,
      @Nullable AddressForm address) {
    return new BeneficialOwnerForm(
        surname, givenNames, dateOfBirth, nationality, address, null, null, null, null);
  }
}
