/**
 * Residence confirmation (JPX's no-forwarding mail): the consortium posts a letter with a one-time
 * code to the subject's domicile address as entered in the KYC profile; the operator marks it sent
 * or returned (undeliverable); the user proves they live there by entering the code on {@code
 * /me/residence} or {@code POST /api/v1/me/residence/confirmation}.
 *
 * <p>{@link org.trademap.server.checks.residence.ResidenceConfirmation} is the façade the case flow
 * calls. A letter's lifecycle is the sealed {@link
 * org.trademap.server.checks.residence.LetterState}; only an HMAC of each code is kept after the
 * letter leaves (ADR 0018), the PDF with the code and the address only sealed by the vault while
 * the letter waits to be printed. Codes expire, are single-use, and wrong ones are limited per
 * letter and per account. Logs name letters and subjects by their ids only: never a name, an
 * address or a code.
 */
@NullMarked
package org.trademap.server.checks.residence;

import org.jspecify.annotations.NullMarked;
