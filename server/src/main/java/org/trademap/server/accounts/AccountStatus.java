package org.trademap.server.accounts;

/** Whether an account may be used. */
enum AccountStatus {
  /** It may sign in (once its email address is verified). */
  ACTIVE,
  /** It was switched off and may not sign in. */
  DISABLED
}
