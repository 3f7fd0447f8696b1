package org.trademap.server.onboarding;

import org.jspecify.annotations.Nullable;

/**
 * What a natural person enters about themselves (AMLO-FINMA Art. 44, JPX Table 5-1), as typed in
 * the form or sent in JSON and not yet validated; {@code null} stands for a missing field.
 *
 * @param surname family name(s)
 * @param givenNames first and middle names
 * @param dateOfBirth ISO 8601 {@code YYYY-MM-DD}
 * @param nationality ISO 3166-1 alpha-2 code
 * @param domicile the address of domicile
 * @param occupation profession or occupation
 * @param phone E.164, e.g. {@code +41 44 668 18 00}
 * @param email the email address
 */
public record PersonalForm(
    @Nullable String surname,
    @Nullable String givenNames,
    @Nullable String dateOfBirth,
    @Nullable String nationality,
    @Nullable AddressForm domicile,
    @Nullable String occupation,
    @Nullable String phone,
    @Nullable String email) {}
