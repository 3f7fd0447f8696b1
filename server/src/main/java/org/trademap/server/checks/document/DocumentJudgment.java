package org.trademap.server.checks.document;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.onboarding.documents.DocumentKind;

/**
 * Everything the operator sees side by side to confirm or override the ID document judgment: which
 * image, what OCR read and corrected, the parsed zone or its defects, the comparison with the
 * entered data, and the proposal.
 *
 * @param document the stored document (its image is served by the case page); {@code null} for a
 *     zone judged without a stored document
 * @param kind what the user said the document is
 * @param reading what OCR (or the operator, typing) gave, with the corrections made
 * @param comparison the zone against the entered data; {@code null} unless the zone parsed
 * @param expired whether the document expired before {@code judgedOn}; {@code null} unless the zone
 *     parsed
 * @param proposal passed, or failed with reasons
 * @param judgedOn the day of the judgment (the injected clock), which decides expiry
 * @param ocrTime how long OCR took (zero when typed)
 */
public record DocumentJudgment(
    @Nullable DocumentId document,
    DocumentKind kind,
    MrzReading reading,
    @Nullable Comparison comparison,
    @Nullable Boolean expired,
    Proposal proposal,
    LocalDate judgedOn,
    Duration ocrTime) {

  /** The parsed zone, if it parsed. */
  public Optional<MrzData> data() {
    return outcome()
        .flatMap(o -> o instanceof MrzOutcome.Parsed p ? Optional.of(p.data()) : Optional.empty());
  }

  /** The zone as corrected and parsed; empty if no zone was found or OCR could not run. */
  public Optional<CorrectedMrz> corrected() {
    return reading.zone();
  }

  /** The parse of the (corrected) zone; empty if no zone was found or OCR could not run. */
  public Optional<MrzOutcome> outcome() {
    return corrected().map(CorrectedMrz::outcome);
  }

  /** The corrections made to the text read; empty if none or no zone. */
  public List<Correction> corrections() {
    return corrected().map(CorrectedMrz::corrections).orElse(List.of());
  }

  /** The numbers several readings would fit (the operator checks them in the image). */
  public List<Ambiguity> ambiguities() {
    return corrected().map(CorrectedMrz::ambiguities).orElse(List.of());
  }
}
