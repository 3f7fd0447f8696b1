package org.trademap.server.accounts;

import java.util.UUID;
import org.trademap.server.identity.Role;

/**
 * Who is signed in: the principal of every authenticated request, from a browser session (cookie)
 * or from a bearer token ({@code Authorization: Bearer …} on {@code /api/**}). Controllers receive
 * it with {@code @AuthenticationPrincipal SignedIn user}; it carries ids only, never the email
 * address or other personal data, so it can be logged.
 *
 * <p>It is built fresh from the database on every request, so a disabled account, a password reset
 * or a logout takes effect at once.
 *
 * @param accountId the account's id
 * @param kind whether the account stands for a person or a legal entity
 * @param role what the account acts as; its {@link Role#authority()} is the request's authority
 */
public record SignedIn(UUID accountId, AccountKind kind, Role role) {}
