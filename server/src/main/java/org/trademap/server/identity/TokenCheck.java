package org.trademap.server.identity;

/**
 * The outcome of presenting a one-time token. Only {@link Valid} lets the caller act; it must then
 * mark the token used in the same transaction (a conditional update on {@code used_at is null}, so
 * that of two concurrent presentations exactly one wins). The other outcomes are for the audit log;
 * the person sees the same "link invalid or expired" for all of them.
 */
public sealed interface TokenCheck {

  /** The token matches, is unused and not expired. */
  record Valid() implements TokenCheck {}

  /** The token matches but its lifetime has ended. */
  record Expired() implements TokenCheck {}

  /** The token matches but was already used. */
  record Used() implements TokenCheck {}

  /** The token is genuine but was issued for another purpose. */
  record WrongPurpose() implements TokenCheck {}

  /** No stored token, or the presented token does not match it, or it is malformed. */
  record Unknown() implements TokenCheck {}
}
