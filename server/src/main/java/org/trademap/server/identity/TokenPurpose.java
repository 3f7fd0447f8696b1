package org.trademap.server.identity;

/**
 * What a one-time token is for. The purpose is bound into the stored hash, so a token issued for
 * one purpose never passes as a token for another.
 */
public enum TokenPurpose {
  /** Confirms the email address given at sign-up. */
  EMAIL_VERIFICATION,
  /** Lets the owner of the email address set a new password. */
  PASSWORD_RESET,
  /** Confirms a new email address for an existing account. */
  EMAIL_CHANGE,
  /** Accepts an invitation to a staff account (operator, supervisor, company staff). */
  INVITATION
}
