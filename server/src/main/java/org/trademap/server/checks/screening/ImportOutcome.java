package org.trademap.server.checks.screening;

/** What an import of a list came to. */
public sealed interface ImportOutcome {

  /** The content was new: it is the list's newest version now. */
  record Imported(ListVersion version) implements ImportOutcome {}

  /** The content equals the newest version's: nothing was stored. */
  record Unchanged(ListVersion version) implements ImportOutcome {}

  /**
   * Nothing was stored and the list is as it was.
   *
   * @param code {@code screening.list-unreadable} (the location could not be read), {@code
   *     screening.list-malformed} (the file is not of the list's format) or {@code
   *     screening.list-not-importable} (ASF and PEP are edited, not imported)
   * @param detail which file, where and why; no personal data
   */
  record Failed(String code, String detail) implements ImportOutcome {}
}
