package org.trademap.server.checks.document;

import java.util.List;

/**
 * A number that several readings of the OCR text would fit: either several one-character swaps make
 * its check digit hold (the corrector then left it as read, failing), or it holds but has a {@code
 * 1}/{@code L} or {@code 6}/{@code G} out of place among its neighbours, which no check digit can
 * tell apart. The operator decides from the image.
 *
 * @param field the document number or personal number
 * @param readings the readings that fit, without fillers, sorted
 */
public record Ambiguity(MrzField field, List<String> readings) {
  public Ambiguity {
    readings = List.copyOf(readings);
    if (readings.size() < 2) {
      throw new IllegalArgumentException("an ambiguity has at least two readings");
    }
  }
}
