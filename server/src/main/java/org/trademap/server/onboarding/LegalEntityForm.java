package org.trademap.server.onboarding;

import org.jspecify.annotations.Nullable;

/**
 * What the person acting for a legal entity enters about it (AMLO-FINMA Art. 44, JPX Table 5-1),
 * not yet validated; {@code null} stands for a missing field. The register extract is a document
 * and is not part of this form; the beneficial owners are declared in {@link OwnerDeclarationForm}.
 *
 * @param name the registered name
 * @param registerNumber commercial-register number; for Swiss companies the UID {@code
 *     CHE-123.456.788}
 * @param domicile the registered domicile
 * @param signingAuthority the {@link SigningAuthority#name()} of the person acting
 */
public record LegalEntityForm(
    @Nullable String name,
    @Nullable String registerNumber,
    @Nullable AddressForm domicile,
    @Nullable String signingAuthority) {}
