package org.trademap.server.checks.screening;

import java.util.Locale;
import java.util.Optional;

/** The lists a subject is screened against. */
public enum ListSource {
  /** The UN Security Council Consolidated List, imported from its official XML. */
  UN(ListCategory.SANCTIONS, true),
  /** The US Treasury OFAC Specially Designated Nationals list, imported from its CSV files. */
  OFAC(ListCategory.SANCTIONS, true),
  /** The consortium's list of anti-social forces (JPX), edited by operators. */
  ASF(ListCategory.ASF, false),
  /** The consortium's list of politically exposed persons, edited by operators. */
  PEP(ListCategory.PEP, false);

  private final ListCategory category;
  private final boolean imported;

  ListSource(ListCategory category, boolean imported) {
    this.category = category;
    this.imported = imported;
  }

  /** What a confirmed hit on this list means. */
  public ListCategory category() {
    return category;
  }

  /** Whether the list is imported from a published file (else operators edit it). */
  public boolean imported() {
    return imported;
  }

  /** The list's name in paths and JSON: {@code un}, {@code ofac}, {@code asf}, {@code pep}. */
  public String path() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The list named by {@link #path()} (case-insensitive). */
  public static Optional<ListSource> fromPath(String path) {
    for (ListSource source : values()) {
      if (source.path().equalsIgnoreCase(path)) {
        return Optional.of(source);
      }
    }
    return Optional.empty();
  }
}
