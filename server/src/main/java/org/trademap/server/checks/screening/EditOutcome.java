package org.trademap.server.checks.screening;

/** What an operator's edit of the ASF or PEP list came to. */
public sealed interface EditOutcome {

  /** The edit made a new version; {@code entryKey} is the added or removed entry. */
  record Edited(ListVersion version, String entryKey) implements EditOutcome {}

  /**
   * Nothing changed.
   *
   * @param code {@code screening.entry-invalid} (with the field), {@code
   *     screening.entry-not-found}, {@code screening.list-not-editable}
   * @param field the refused field of an invalid entry, else empty
   */
  record Refused(String code, String field) implements EditOutcome {}
}
