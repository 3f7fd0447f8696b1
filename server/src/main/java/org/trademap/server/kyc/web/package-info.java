/**
 * The onboarding pages of a signed-in user, server-rendered with Thymeleaf and made smoother by
 * htmx: My Page ({@code /me}: every step with its status and ledger transactions), personal data
 * ({@code /me/profile}), beneficial owners ({@code /me/owners}, legal entities only), consents
 * ({@code /me/consents}) and the submission ({@code /me/submit}). Every page works without
 * JavaScript (plain form posts, post/redirect/get); htmx adds inline validation, adding and
 * removing owner rows in place and polling the ledger status after the submission. The data and the
 * rules are the KYC file's ({@link org.trademap.server.kyc.KycFiles}, {@link
 * org.trademap.server.kyc.Consents}); these pages only read forms and render results.
 */
@NullMarked
package org.trademap.server.kyc.web;

import org.jspecify.annotations.NullMarked;
