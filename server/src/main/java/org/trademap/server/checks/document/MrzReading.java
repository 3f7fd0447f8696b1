package org.trademap.server.checks.document;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What OCR made of a document image. */
public sealed interface MrzReading {

  /** The zone as corrected and parsed; empty if no zone was found or OCR could not run. */
  default Optional<CorrectedMrz> zone() {
    return switch (this) {
      case Found f -> Optional.of(f.corrected());
      case Typed t -> Optional.of(t.corrected());
      case NotFound n -> Optional.empty();
      case Unavailable u -> Optional.empty();
    };
  }

  /**
   * Lines that look like a machine-readable zone were found (the best-parsing such lines if there
   * were several candidates).
   *
   * @param rawLines the zone's lines as OCR read them
   * @param confidence the engine's mean confidence for the pass that found them, 0–100
   * @param pass which pass found them
   * @param corrected the lines corrected and parsed
   */
  record Found(List<String> rawLines, int confidence, Pass pass, CorrectedMrz corrected)
      implements MrzReading {
    public Found {
      rawLines = List.copyOf(rawLines);
    }
  }

  /**
   * The operator typed the zone from the image (when OCR could not read it).
   *
   * @param corrected the typed lines, normalised and parsed
   */
  record Typed(CorrectedMrz corrected) implements MrzReading {}

  /**
   * No lines of a zone's shape were found.
   *
   * @param textSeen every line OCR read in any pass (MRZ characters only), for the operator
   */
  record NotFound(List<String> textSeen) implements MrzReading {
    public NotFound {
      textSeen = List.copyOf(textSeen);
    }
  }

  /**
   * OCR could not be run.
   *
   * @param cause why
   */
  record Unavailable(Cause cause) implements MrzReading {}

  /** The passes of {@link MrzReader}, in the order they are tried. */
  enum Pass {
    /** The lower part of the image, where passports and identity cards have the zone. */
    BOTTOM,
    /** The whole image with automatic layout analysis. */
    WHOLE,
    /** The lower part of the image turned upside down. */
    UPSIDE_DOWN
  }

  /** Why OCR could not be run. */
  enum Cause {
    /** The stored document is no image that can be decoded (or is not on file). */
    NOT_AN_IMAGE,
    /** Too many OCR jobs are waiting; try again later. */
    BUSY,
    /** OCR took longer than allowed. */
    TIMED_OUT,
    /** The OCR engine failed. */
    ENGINE_FAILED;

    /** The key of the cause's display text in {@code messages*.properties}. */
    public String messageKey() {
      return "checks.document.ocr." + name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
