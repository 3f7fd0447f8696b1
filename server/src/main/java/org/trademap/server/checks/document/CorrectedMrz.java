package org.trademap.server.checks.document;

import java.util.List;

/**
 * What {@link MrzCorrector} made of OCR text.
 *
 * @param rawLines the text as OCR gave it, line by line
 * @param lines the corrected zone, the input of {@link #outcome()}
 * @param corrections every change from {@code rawLines} to {@code lines} but the removal of spaces
 * @param ambiguities the numbers several readings would fit equally well (left as read)
 * @param outcome the corrected zone parsed
 */
public record CorrectedMrz(
    List<String> rawLines,
    List<String> lines,
    List<Correction> corrections,
    List<Ambiguity> ambiguities,
    MrzOutcome outcome) {
  public CorrectedMrz {
    rawLines = List.copyOf(rawLines);
    lines = List.copyOf(lines);
    corrections = List.copyOf(corrections);
    ambiguities = List.copyOf(ambiguities);
  }
}
