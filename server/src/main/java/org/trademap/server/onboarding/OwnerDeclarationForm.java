package org.trademap.server.onboarding;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A legal entity's beneficial-owner declaration as submitted, not yet validated. Each submission is
 * the whole list: editing the owners means submitting the edited list, which replaces the previous
 * one.
 *
 * @param form {@code A} (beneficial owners of assets) or {@code K} (controlling persons)
 * @param owners the entries, in the order the declarant listed them
 */
public record OwnerDeclarationForm(
    @Nullable String form, @Nullable List<@Nullable BeneficialOwnerForm> owners) {}
