package org.trademap.server.accounts;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.trademap.server.identity.Role;

/**
 * A staff account was made and its invitation mailed ({@link StaffAccounts#invite}). Ids only.
 *
 * @param invitedBy the administrator who invited, or null when the server did (the initial
 *     administrator, the demo)
 * @param accountId the new account
 * @param role its role
 * @param at when
 */
public record StaffInvited(@Nullable UUID invitedBy, UUID accountId, Role role, Instant at) {}
