package org.trademap.server.checks.document;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * An OCR engine restricted to the characters of a machine-readable zone ({@code A-Z 0-9 <}). The
 * production engine is {@link TesseractRecognizer}; tests may use a fake.
 *
 * <p>Implementations are thread-safe; a call may take a second or more of one core's time, so run
 * it on the bounded pool of {@link DocumentJudge}, never on a request or common-pool thread.
 */
public interface TextRecognizer {

  /** How the engine should segment the image. */
  enum Segmentation {
    /** One uniform block of text lines (a crop around the zone). */
    BLOCK,
    /** Find the text blocks itself (a whole document page). */
    AUTO
  }

  /**
   * The text lines found in the image, top to bottom.
   *
   * @param image 8-bit grey ({@link BufferedImage#TYPE_BYTE_GRAY})
   * @param segmentation how to segment it
   */
  Recognized recognise(BufferedImage image, Segmentation segmentation);

  /**
   * What the engine read.
   *
   * @param lines the non-blank lines, top to bottom, as read
   * @param confidence the engine's mean confidence, 0–100
   */
  record Recognized(List<String> lines, int confidence) {
    public Recognized {
      lines = List.copyOf(lines);
      if (confidence < 0 || confidence > 100) {
        throw new IllegalArgumentException("confidence is 0 to 100");
      }
    }
  }
}
