package org.trademap.server.checks.document;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.onboarding.documents.DocumentKind;

/**
 * What one judgment of a subject's identity document read, as it is kept (sealed) between the
 * judgment and the case page: enough to rebuild the {@link DocumentJudgment} without running OCR
 * again. The comparison is made afresh against what the user entered at the time of viewing.
 *
 * @param outcome {@code found}, {@code not-found}, {@code unavailable} or {@code no-document}
 * @param documentId the judged document, or null without one
 * @param kind the judged document's kind, or null without one
 * @param lines the zone's lines as OCR read them ({@code found}), or every line it read ({@code
 *     not-found}); empty otherwise
 * @param confidence the engine's confidence for the found zone, 0–100
 * @param pass the pass that found the zone ({@link MrzReading.Pass}), or null
 * @param cause why OCR could not run ({@link MrzReading.Cause}), or null
 * @param noDocument why there was nothing to judge ({@link JudgmentOutcome.Reason}), or null
 * @param judgedOn the day of the judgment (ISO date)
 * @param ocrMillis how long OCR took
 */
record StoredReading(
    String outcome,
    @Nullable String documentId,
    @Nullable String kind,
    List<String> lines,
    int confidence,
    @Nullable String pass,
    @Nullable String cause,
    @Nullable String noDocument,
    String judgedOn,
    long ocrMillis) {

  static final String FOUND = "found";
  static final String NOT_FOUND = "not-found";
  static final String UNAVAILABLE = "unavailable";
  static final String NO_DOCUMENT = "no-document";

  StoredReading {
    lines = List.copyOf(lines);
  }

  /** What to keep of an outcome of {@link DocumentJudge}. */
  static StoredReading of(JudgmentOutcome outcome, LocalDate today) {
    return switch (outcome) {
      case JudgmentOutcome.NoDocument n ->
          new StoredReading(
              NO_DOCUMENT,
              null,
              null,
              List.of(),
              0,
              null,
              null,
              n.reason().name(),
              today.toString(),
              0);
      case JudgmentOutcome.Judged j -> of(j.judgment());
    };
  }

  private static StoredReading of(DocumentJudgment judgment) {
    String document = judgment.document() == null ? null : judgment.document().toString();
    String kind = judgment.kind().name();
    String day = judgment.judgedOn().toString();
    long millis = judgment.ocrTime().toMillis();
    return switch (judgment.reading()) {
      case MrzReading.Found f ->
          new StoredReading(
              FOUND,
              document,
              kind,
              f.rawLines(),
              f.confidence(),
              f.pass().name(),
              null,
              null,
              day,
              millis);
      case MrzReading.Typed t ->
          new StoredReading(
              FOUND, document, kind, t.corrected().rawLines(), 100, null, null, null, day, millis);
      case MrzReading.NotFound n ->
          new StoredReading(
              NOT_FOUND, document, kind, n.textSeen(), 0, null, null, null, day, millis);
      case MrzReading.Unavailable u ->
          new StoredReading(
              UNAVAILABLE, document, kind, List.of(), 0, null, u.cause().name(), null, day, millis);
    };
  }

  /** The day of the judgment. */
  LocalDate day() {
    return LocalDate.parse(judgedOn);
  }

  /** Why there was nothing to judge, if there was nothing. */
  Optional<JudgmentOutcome.Reason> noDocumentReason() {
    return noDocument == null
        ? Optional.empty()
        : Optional.of(JudgmentOutcome.Reason.valueOf(noDocument));
  }

  /** The stored document that was judged, if any. */
  Optional<DocumentId> document() {
    return DocumentId.parse(documentId);
  }

  /**
   * The judgment rebuilt from what OCR read (corrected as on the day of the judgment), compared
   * with {@code entered} and checked for expiry on {@code today}; empty if there was nothing to
   * judge.
   */
  Optional<DocumentJudgment> judgment(EnteredIdentity entered, LocalDate today) {
    if (kind == null || NO_DOCUMENT.equals(outcome)) {
      return Optional.empty();
    }
    MrzReading reading =
        switch (outcome) {
          case FOUND ->
              new MrzReading.Found(
                  lines,
                  confidence,
                  pass == null ? MrzReading.Pass.BOTTOM : MrzReading.Pass.valueOf(pass),
                  MrzCorrector.correct(lines, day()));
          case NOT_FOUND -> new MrzReading.NotFound(lines);
          default ->
              new MrzReading.Unavailable(
                  cause == null ? MrzReading.Cause.ENGINE_FAILED : MrzReading.Cause.valueOf(cause));
        };
    return Optional.of(
        DocumentJudge.judgment(
            document().orElse(null),
            DocumentKind.valueOf(kind),
            reading,
            entered,
            today,
            Duration.ofMillis(ocrMillis)));
  }

  @Override
  public String toString() {
    return "StoredReading[outcome=" + outcome + ", document=" + documentId + "]";
  }
}
