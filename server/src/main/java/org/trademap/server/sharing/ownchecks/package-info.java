/**
 * A securities company's own checks before it opens an account (issue 6 step 4, ADR 0036): its own
 * list of anti-social forces ({@code /api/v1/company/asf-list}, uploaded as CSV), screening the
 * verified package's parties against that list only with the consortium's matcher, clearing false
 * positives, and the suitability assessment ({@code /api/v1/company/applications/{id}/own-checks}).
 * {@link org.trademap.server.sharing.ownchecks.ApprovalRule} is what an approval needs. Nothing of
 * it goes to the ledger; details quoting the person are sealed under the subject's vault key.
 */
@NullMarked
package org.trademap.server.sharing.ownchecks;

import org.jspecify.annotations.NullMarked;
