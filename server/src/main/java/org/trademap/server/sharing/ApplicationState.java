package org.trademap.server.sharing;

/** Where an application stands on the server's side. */
enum ApplicationState {
  /** Applied; waiting for the company's decision. */
  APPLIED,
  /** The company opened the account. */
  APPROVED,
  /** The company refused. */
  REJECTED,
  /** The person withdrew the consent before a decision. */
  WITHDRAWN
}
