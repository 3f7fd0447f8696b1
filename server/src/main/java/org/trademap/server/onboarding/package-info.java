/**
 * KYC onboarding: what a person or a company tells us about itself (AMLO-FINMA Art. 44 and 60, JPX
 * Table 5-1) and the beneficial-owner declaration on Form A or Form K.
 *
 * <p>Raw input arrives as form records ({@link org.trademap.server.onboarding.PersonalForm}, {@link
 * org.trademap.server.onboarding.LegalEntityForm}, {@link
 * org.trademap.server.onboarding.OwnerDeclarationForm}) holding the strings exactly as a web form
 * or a JSON body gave them. {@link org.trademap.server.onboarding.KycDataValidator} turns them into
 * validated values ({@link org.trademap.server.onboarding.PersonalData}, {@link
 * org.trademap.server.onboarding.LegalEntityData}, {@link
 * org.trademap.server.onboarding.OwnerDeclaration}) or into a list of {@link
 * org.trademap.server.onboarding.FieldError}s with stable codes; it never throws for bad input.
 * Text is normalised to NFC before it is checked, stored or hashed; {@link
 * org.trademap.server.onboarding.CanonicalFields} gives the byte encoding of a validated subject
 * that the ledger commitment {@code HMAC(pepper, salt ‖ canonical fields)} is computed over.
 */
@NullMarked
package org.trademap.server.onboarding;

import org.jspecify.annotations.NullMarked;
