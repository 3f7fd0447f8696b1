package org.trademap.server.checks.screening;

/** Where a hit stands. */
public enum HitStatus {
  /** Waiting for an operator. */
  OPEN,
  /** The operator confirmed that the party is the listed person or organisation. */
  TRUE_POSITIVE,
  /** The operator found that the party is someone else. */
  FALSE_POSITIVE
}
