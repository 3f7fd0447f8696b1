package org.trademap.server.checks.document;

import java.util.List;

/**
 * A number whose check digit several readings of the OCR text satisfy with as few changes: the
 * corrector left it as read, and the operator decides from the image.
 *
 * @param field the document number or personal number
 * @param readings the readings that fit, sorted
 */
public record Ambiguity(MrzField field, List<String> readings) {
  public Ambiguity {
    readings = List.copyOf(readings);
    if (readings.size() < 2) {
      throw new IllegalArgumentException("an ambiguity has at least two readings");
    }
  }
}
