package org.trademap.server.checks.screening;

/**
 * Whether a list entry or a screened party is a natural person or an organisation. Persons are
 * screened against persons, organisations against organisations (OFAC's vessels and aircraft count
 * as organisations).
 */
public enum EntryKind {
  PERSON,
  ENTITY
}
