package org.trademap.server.checks.document;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** What reading a machine-readable zone gave: its data, or every defect that was found. */
public sealed interface MrzOutcome {

  /**
   * Every check digit holds and every element has a valid form.
   *
   * @param data the elements
   */
  record Parsed(MrzData data) implements MrzOutcome {}

  /**
   * The zone is refused.
   *
   * @param format the format the zone was read as; {@code null} if its size fits none
   * @param defects at least one, in zone order
   */
  record Rejected(@Nullable MrzFormat format, List<MrzDefect> defects) implements MrzOutcome {
    public Rejected {
      defects = List.copyOf(defects);
      if (defects.isEmpty()) {
        throw new IllegalArgumentException("a rejection names at least one defect");
      }
    }

    /** The defects in English sentences, one per defect. */
    public List<String> descriptions() {
      return MrzDefect.describeAll(defects);
    }
  }
}
