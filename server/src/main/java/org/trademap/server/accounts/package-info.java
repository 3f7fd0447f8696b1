/**
 * Accounts: sign-up with email and password, email verification by an emailed one-time link, and
 * resending that link. Wires the identity primitives (password policy, Argon2id hashes, typed
 * one-time tokens) to the database and the mailer.
 *
 * <p>No answer tells whether an email address has an account: a sign-up with a taken address gets
 * the same response as a new one (the owner of the address is told by mail instead), and a resend
 * request is always accepted. {@link org.trademap.server.accounts.Accounts} is the façade.
 */
@NullMarked
package org.trademap.server.accounts;

import org.jspecify.annotations.NullMarked;
