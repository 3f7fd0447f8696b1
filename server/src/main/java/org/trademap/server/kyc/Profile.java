package org.trademap.server.kyc;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.onboarding.LegalEntityData;
import org.trademap.server.onboarding.OwnerDeclaration;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.onboarding.ReviewFlag;

/**
 * The KYC file's data as stored, decrypted and validated. Parts not saved yet are null.
 *
 * @param kind person or legal entity
 * @param revision the number of changes so far (0: nothing saved)
 * @param submittedAt when the file was submitted, or null while it is a draft
 * @param person a person's own data; for a legal entity, the person acting for it
 * @param entity a legal entity's data; null for a person
 * @param beneficialOwners a legal entity's beneficial-owner declaration; null for a person
 * @param reviewFlags findings for a compliance officer (e.g. look-alike names), with the field
 *     paths of the profile's JSON ({@code person.surname}, {@code beneficialOwners.owners[0]...})
 */
public record Profile(
    AccountKind kind,
    int revision,
    @Nullable Instant submittedAt,
    @Nullable PersonalData person,
    @Nullable LegalEntityData entity,
    @Nullable OwnerDeclaration beneficialOwners,
    List<ReviewFlag> reviewFlags) {

  /** Copies the flags. */
  public Profile {
    reviewFlags = List.copyOf(reviewFlags);
  }

  /** The stored data as a form, e.g. to edit it. */
  public ProfileForm toForm() {
    return new ProfileForm(
        person == null ? null : person.toForm(),
        entity == null ? null : entity.toForm(),
        beneficialOwners == null ? null : beneficialOwners.toForm());
  }

  @Override
  public String toString() {
    return "Profile[kind=" + kind + ", revision=" + revision + ", data=(hidden)]";
  }
}
