/**
 * The back office of the consortium's account-opening department: a case per submitted KYC file
 * with one task per common check (ID document, sanctions screening, residence confirmation), a work
 * queue per check with claim and release, results with reasons, four eyes on high-risk results and
 * overrides, the decision, the user's KYC key, re-KYC, and an append-only audit log of every staff
 * action.
 *
 * <p>Every final result and every decision is recorded on the ledger through the outbox ({@code
 * kyc-registry.record-check}) under the acting operator's pseudonym, never a name; the KYC key only
 * as a commitment ({@code record-key}). {@link org.trademap.server.checks.Checks} is the façade;
 * check-specific parts plug in with {@link org.trademap.server.checks.CheckEvidence} and {@link
 * org.trademap.server.checks.Checks#propose}.
 */
@NullMarked
package org.trademap.server.checks;

import org.jspecify.annotations.NullMarked;
