package org.trademap.server.onboarding;

import org.jspecify.annotations.Nullable;

/**
 * A domicile address as typed in a form or sent in JSON, not yet validated; {@code null} stands for
 * a missing field.
 *
 * @param street street and house number
 * @param postalCode the postal code
 * @param town the town or city
 * @param country ISO 3166-1 alpha-2 code
 */
public record AddressForm(
    @Nullable String street,
    @Nullable String postalCode,
    @Nullable String town,
    @Nullable String country) {}
