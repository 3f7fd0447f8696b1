/**
 * The KYC file of each account: who the subject is ({@link org.trademap.server.kyc.Subjects}), what
 * the user has provided, and how it is registered on the ledger.
 *
 * <p>The data model and its validation live in {@code onboarding}; personal data is sealed by the
 * {@code vault} before it is stored. The ledger knows a subject only by its opaque {@link
 * org.trademap.server.kyc.SubjectRef} and a salted commitment.
 */
@NullMarked
package org.trademap.server.kyc;

import org.jspecify.annotations.NullMarked;
