package org.trademap.server.onboarding.documents;

import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the type-specific checks made of an upload: clean bytes, or a refusal. */
sealed interface Inspection permits Inspection.Passed, Inspection.Stopped {

  /**
   * The bytes to keep.
   *
   * @param bytes re-encoded for an image, as sent for a PDF
   * @param pixels the displayed dimensions of an image, {@code null} for a PDF
   * @param pages 1 for an image
   * @param notices what was changed on the way
   */
  record Passed(byte[] bytes, @Nullable PixelSize pixels, int pages, Set<IntakeNotice> notices)
      implements Inspection {
    public Passed {
      notices = notices.isEmpty() ? EnumSet.noneOf(IntakeNotice.class) : EnumSet.copyOf(notices);
    }
  }

  /** A refusal. */
  record Stopped(IntakeResult.Refused refused) implements Inspection {}

  static Inspection stop(Refusal reason, Object... arguments) {
    return new Stopped(reason.refuse(arguments));
  }
}
