package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.onboarding.documents.DocumentKind;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a judgment proposes for the ID document task, and the kept reading that rebuilds the
 * judgment for the case page.
 */
class DocumentCaseTest {
  private static final List<String> ERIKA =
      Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "310131", "");
  private static final EnteredIdentity ENTERED =
      new EnteredIdentity("Mustermann", "Erika", LocalDate.of(1964, 8, 12), "DE", null);
  private static final DocumentId DOCUMENT = DocumentId.random();

  private static JudgmentOutcome judged(MrzReading reading, EnteredIdentity entered) {
    return new JudgmentOutcome.Judged(
        DocumentJudge.judgment(
            DOCUMENT,
            DocumentKind.PASSPORT_PAGE,
            reading,
            entered,
            Zones.TODAY,
            Duration.ofMillis(1234)));
  }

  private static MrzReading found(List<String> lines) {
    return new MrzReading.Found(
        lines, 91, MrzReading.Pass.BOTTOM, MrzCorrector.correct(lines, Zones.TODAY));
  }

  @Test
  void aMatchingValidPassportProposesToPass() {
    assertThat(DocumentCase.proposal(judged(found(ERIKA), ENTERED)))
        .contains(
            new org.trademap.server.checks.Proposal(
                CheckResult.PASSED, false, "checks.document.proposal.passed"));
  }

  @Test
  void aMismatchOrAnExpiryProposesToFailWithTheFirstFinding() {
    EnteredIdentity other =
        new EnteredIdentity("Musterfrau", "Erika", LocalDate.of(1964, 8, 12), "DE", null);
    assertThat(DocumentCase.proposal(judged(found(ERIKA), other)).orElseThrow())
        .extracting(org.trademap.server.checks.Proposal::result, p -> p.note())
        .containsExactly(CheckResult.FAILED, "checks.document.reason.surname-mismatch");
    List<String> expired =
        Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "200131", "");
    assertThat(DocumentCase.proposal(judged(found(expired), ENTERED)).orElseThrow().note())
        .isEqualTo("checks.document.reason.expired");
  }

  @Test
  void anUnreadableZoneOrNoDocumentIsAManualCheckWithoutProposal() {
    assertThat(DocumentCase.proposal(judged(new MrzReading.NotFound(List.of("PASSPORT")), ENTERED)))
        .isEmpty();
    assertThat(
            DocumentCase.proposal(
                judged(new MrzReading.Unavailable(MrzReading.Cause.TIMED_OUT), ENTERED)))
        .isEmpty();
    assertThat(
            DocumentCase.proposal(
                judged(found(Zones.replace(ERIKA, 2, 10, '7')), ENTERED))) // a wrong check digit
        .isEmpty();
    assertThat(
            DocumentCase.proposal(
                new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NO_IDENTITY_DOCUMENT)))
        .isEmpty();
  }

  @Test
  void theKeptReadingRebuildsTheJudgmentThroughJson() {
    JsonMapper json = JsonMapper.builder().build();
    DocumentJudgment original = ((JudgmentOutcome.Judged) judged(found(ERIKA), ENTERED)).judgment();
    StoredReading kept = StoredReading.of(new JudgmentOutcome.Judged(original), Zones.TODAY);

    StoredReading back = json.readValue(json.writeValueAsBytes(kept), StoredReading.class);
    DocumentJudgment rebuilt = back.judgment(ENTERED, Zones.TODAY).orElseThrow();

    assertThat(back).isEqualTo(kept);
    assertThat(rebuilt.document()).isEqualTo(DOCUMENT);
    assertThat(rebuilt.reading()).isEqualTo(original.reading());
    assertThat(rebuilt.comparison()).isEqualTo(original.comparison());
    assertThat(rebuilt.proposal()).isEqualTo(new Proposal.Passed());
    assertThat(rebuilt.ocrTime()).isEqualTo(Duration.ofMillis(1234));
    assertThat(back.judgment(ENTERED, LocalDate.of(2031, 2, 1)).orElseThrow().expired()).isTrue();
    StoredReading none =
        StoredReading.of(
            new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NO_IDENTITY_DOCUMENT),
            Zones.TODAY);
    assertThat(none.judgment(ENTERED, Zones.TODAY)).isEmpty();
    assertThat(none.noDocumentReason()).contains(JudgmentOutcome.Reason.NO_IDENTITY_DOCUMENT);
  }
}
