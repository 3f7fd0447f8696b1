package org.trademap.server.kyc;

import org.jspecify.annotations.Nullable;
import org.trademap.server.onboarding.LegalEntityForm;
import org.trademap.server.onboarding.OwnerDeclarationForm;
import org.trademap.server.onboarding.PersonalForm;

/**
 * What a user enters for their KYC file, not yet validated: the parts to save. A part that is null
 * is left as it is.
 *
 * @param person a person's own data; for a legal entity, the data of the person acting for it
 * @param entity a legal entity's data; null for a person
 * @param beneficialOwners a legal entity's beneficial-owner declaration (the whole list; it
 *     replaces the previous one); null for a person
 */
public record ProfileForm(
    @Nullable PersonalForm person,
    @Nullable LegalEntityForm entity,
    @Nullable OwnerDeclarationForm beneficialOwners) {

  /** A person's or acting person's data alone. */
  public static ProfileForm person(PersonalForm person) {
    return new ProfileForm(person, null, null);
  }

  @Override
  public String toString() {
    return "ProfileForm[person="
        + (person == null ? "-" : "(hidden)")
        + ", entity="
        + (entity == null ? "-" : "(hidden)")
        + ", beneficialOwners="
        + (beneficialOwners == null ? "-" : "(hidden)")
        + "]";
  }
}
