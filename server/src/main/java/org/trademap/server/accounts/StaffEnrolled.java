package org.trademap.server.accounts;

import java.time.Instant;
import java.util.UUID;

/**
 * A staff member accepted their invitation: chose a password and enrolled the second factor ({@link
 * StaffAccounts#accept}). Ids only.
 *
 * @param accountId the staff account
 * @param at when
 */
public record StaffEnrolled(UUID accountId, Instant at) {}
