/**
 * The security primitives of accounts, without storage: what the account pages and the login wire
 * together.
 *
 * <ul>
 *   <li>{@link org.trademap.server.identity.PasswordPolicy}: which new passwords are acceptable
 *       (OWASP ASVS 5.0 V6.2: length, common and breached passwords, the user's own name).
 *   <li>{@link org.trademap.server.identity.PasswordHasher}: Argon2id in PHC strings, constant-time
 *       verification, a dummy verification for unknown accounts, re-hashing when the parameters
 *       rise.
 *   <li>{@link org.trademap.server.identity.TokenService}: typed, expiring, single-use tokens for
 *       emailed links, of which only a hash is stored.
 *   <li>{@link org.trademap.server.identity.TotpService}: the optional second factor (RFC 6238)
 *       with replay protection.
 *   <li>{@link org.trademap.server.identity.LoginThrottle}: back-off and lockout of failed logins
 *       that an attacker cannot turn against the account's owner.
 *   <li>{@link org.trademap.server.identity.Role}: who an account acts as.
 * </ul>
 *
 * <p>Every business rejection is a value (a sealed result), never an exception. Time comes from the
 * {@link java.time.Clock} bean when the application has one, else from the system clock in UTC.
 * Settings are the {@code trademap.identity.*} properties in {@link
 * org.trademap.server.identity.IdentityProperties}.
 */
@NullMarked
package org.trademap.server.identity;

import org.jspecify.annotations.NullMarked;
