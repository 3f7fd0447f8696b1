/**
 * Accounts: sign-up with email and password, email verification by an emailed one-time link,
 * resending that link, and signing in: browser sessions behind the login page, bearer tokens for
 * API clients, and the optional TOTP second factor. Wires the identity primitives (password policy,
 * Argon2id hashes, typed one-time tokens, TOTP, login throttle) to the database, the vault and the
 * mailer.
 *
 * <p>No answer tells whether an email address has an account: a sign-up with a taken address gets
 * the same response as a new one (the owner of the address is told by mail instead), a resend
 * request is always accepted, and a login with an unknown address is refused exactly like one with
 * a wrong password. {@link org.trademap.server.accounts.Accounts} is the façade; every
 * authenticated request carries a {@link org.trademap.server.accounts.SignedIn} as its principal
 * ({@code @AuthenticationPrincipal SignedIn user}).
 *
 * <p>Who may reach what is decided in {@code SecurityConfiguration}: {@code /me/**} pages need a
 * browser session, {@code /api/v1/me/**} a bearer token; everything else is public.
 */
@NullMarked
package org.trademap.server.accounts;

import org.jspecify.annotations.NullMarked;
