package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.CLOCK;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.trademap.server.checks.document.Proposal.Reason;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocument;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentType;
import org.trademap.server.onboarding.documents.PixelSize;
import org.trademap.server.vault.SubjectId;

/** The façade with a fake OCR engine and fake document storage. */
class DocumentJudgeTest {
  private static final SubjectId SUBJECT = SubjectId.random();
  private static final byte[] PNG = DocumentImages.encode(new BufferedImage(40, 30, 1), "png");

  /** A valid German passport of Erika Mustermann, expiring 2031. */
  private static final List<String> PASSPORT =
      Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "310131", "");

  private static final EnteredIdentity ERIKA =
      new EnteredIdentity("Mustermann", "Erika", LocalDate.of(1964, 8, 12), "DE", null);

  private final FakeDocuments documents = new FakeDocuments();
  private final FakeOcr ocr = new FakeOcr();
  private DocumentJudge judge =
      new DocumentJudge(documents, ocr, DocumentCheckProperties.defaults(), CLOCK);

  @AfterEach
  void close() {
    judge.close();
  }

  /** Stores documents in memory. */
  private static final class FakeDocuments implements DocumentSource {
    final Map<DocumentId, StoredDocument> stored = new HashMap<>();

    DocumentId add(DocumentKind kind) {
      StoredDocument document =
          new StoredDocument(
              DocumentId.random(),
              SUBJECT,
              kind,
              DocumentType.PNG,
              PNG.length,
              new PixelSize(40, 30),
              1,
              Instant.parse("2026-11-01T00:00:00Z"));
      stored.put(document.id(), document);
      return document.id();
    }

    @Override
    public List<StoredDocument> list(SubjectId subject) {
      return subject.equals(SUBJECT) ? new ArrayList<>(stored.values()) : List.of();
    }

    @Override
    public OpenResult open(SubjectId subject, DocumentId id) {
      StoredDocument document = stored.get(id);
      return document == null || !subject.equals(SUBJECT)
          ? new OpenResult.NotFound()
          : new OpenResult.Content(document, PNG);
    }
  }

  /** Answers every image with the same lines, after an optional wait. */
  private static final class FakeOcr implements TextRecognizer {
    volatile List<String> lines = List.of();
    volatile CountDownLatch release = new CountDownLatch(0);
    volatile String thread = "";

    @Override
    public Recognized recognise(BufferedImage image, Segmentation segmentation) {
      thread = Thread.currentThread().getName();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Recognized(lines, 90);
    }
  }

  private DocumentJudgment judged(DocumentId id, EnteredIdentity entered) {
    JudgmentOutcome outcome = judge.judge(SUBJECT, id, entered);
    assertThat(outcome).isInstanceOf(JudgmentOutcome.Judged.class);
    return ((JudgmentOutcome.Judged) outcome).judgment();
  }

  @Test
  void proposesToPassAValidPassportThatConfirmsTheEnteredData() {
    // OCR took the birth date's 0 and 1 for O and I and the number's first 0 for an O.
    ocr.lines =
        List.of(
            "UTOPIA PASSPORT",
            PASSPORT.get(0),
            PASSPORT.get(1).replace("640812", "64O8I2").replace("C01X", "CO1X"));
    DocumentId id = documents.add(DocumentKind.PASSPORT_PAGE);
    DocumentJudgment judgment = judged(id, ERIKA);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Passed());
    assertThat(judgment.document()).isEqualTo(id);
    assertThat(judgment.data().orElseThrow().lines()).isEqualTo(PASSPORT);
    assertThat(judgment.corrections()).isNotEmpty();
    assertThat(judgment.comparison()).isNotNull();
    assertThat(judgment.expired()).isFalse();
    assertThat(judgment.judgedOn()).isEqualTo(Zones.TODAY);
    assertThat(ocr.thread).startsWith("document-ocr-");
  }

  @Test
  void refusesAnExpiredDocumentAndNamesEveryMismatch() {
    ocr.lines = Zones.TD3_SPECIMEN;
    DocumentJudgment judgment = judged(documents.add(DocumentKind.PASSPORT_PAGE), ERIKA);
    assertThat(judgment.expired()).isTrue();
    assertThat(judgment.proposal())
        .isEqualTo(
            new Proposal.Failed(
                List.of(
                    Reason.EXPIRED,
                    Reason.SURNAME_MISMATCH,
                    Reason.GIVEN_NAMES_MISMATCH,
                    Reason.BIRTH_DATE_MISMATCH,
                    Reason.NATIONALITY_MISMATCH)));
  }

  @Test
  void refusesAPassportFiledAsAnIdentityCard() {
    ocr.lines = PASSPORT;
    DocumentJudgment judgment = judged(documents.add(DocumentKind.ID_CARD_BACK), ERIKA);
    assertThat(judgment.proposal())
        .isEqualTo(new Proposal.Failed(List.of(Reason.WRONG_DOCUMENT_KIND)));
  }

  @Test
  void refusesAZoneWithAWrongCheckDigitAndShowsTheDefect() {
    ocr.lines = Zones.replace(PASSPORT, 2, 20, '9');
    DocumentJudgment judgment = judged(documents.add(DocumentKind.PASSPORT_PAGE), ERIKA);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Failed(List.of(Reason.ZONE_INVALID)));
    assertThat(((MrzOutcome.Rejected) judgment.outcome().orElseThrow()).descriptions())
        .first()
        .asString()
        .startsWith("check digit of the birth date (line 2, position 20) is 9");
    assertThat(judgment.comparison()).isNull();
  }

  @Test
  void saysWhenNoZoneIsFound() {
    ocr.lines = List.of("NOTHING HERE");
    DocumentJudgment judgment = judged(documents.add(DocumentKind.PASSPORT_PAGE), ERIKA);
    assertThat(judgment.reading()).isInstanceOf(MrzReading.NotFound.class);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Failed(List.of(Reason.NO_ZONE_FOUND)));
  }

  @Test
  void judgesTheIdentityCardsBackAndTheFrontWhenTheBackHasNoZone() {
    List<String> card =
        Zones.td1(
            "ID", "D", "L01X00T47", "", "640812", 'F', "310131", "D", "", "MUSTERMANN<<ERIKA");
    documents.add(DocumentKind.ID_CARD_FRONT);
    documents.add(DocumentKind.ID_CARD_BACK);
    ocr.lines = card;
    JudgmentOutcome back = judge.judgeIdentity(SUBJECT, ERIKA);
    DocumentJudgment judgment = ((JudgmentOutcome.Judged) back).judgment();
    assertThat(judgment.kind()).isEqualTo(DocumentKind.ID_CARD_BACK);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Passed());

    ocr.lines = List.of();
    JudgmentOutcome none = judge.judgeIdentity(SUBJECT, ERIKA);
    assertThat(((JudgmentOutcome.Judged) none).judgment().kind())
        .isEqualTo(DocumentKind.ID_CARD_BACK);
  }

  @Test
  void answersWithoutOcrWhenThereIsNoDocument() {
    assertThat(judge.judge(SUBJECT, DocumentId.random(), ERIKA))
        .isEqualTo(new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NOT_FOUND));
    assertThat(judge.judgeIdentity(SUBJECT, ERIKA))
        .isEqualTo(new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NO_IDENTITY_DOCUMENT));
    DocumentId extract = documents.add(DocumentKind.REGISTER_EXTRACT);
    assertThat(judge.judge(SUBJECT, extract, ERIKA))
        .isEqualTo(new JudgmentOutcome.NoDocument(JudgmentOutcome.Reason.NOT_AN_IDENTITY_DOCUMENT));
  }

  @Test
  void answersBusyWhenTheQueueIsFullAndTimedOutWhenOcrTakesTooLong() throws Exception {
    judge.close();
    judge =
        new DocumentJudge(
            documents, ocr, new DocumentCheckProperties(1, 1, Duration.ofSeconds(1)), CLOCK);
    ocr.release = new CountDownLatch(1);
    ocr.lines = PASSPORT;
    DocumentId id = documents.add(DocumentKind.PASSPORT_PAGE);
    var running = judge.judgeAsync(SUBJECT, id, ERIKA);
    var waiting = judge.judgeAsync(SUBJECT, id, ERIKA);
    var refused = judge.judgeAsync(SUBJECT, id, ERIKA);
    assertThat(reading(refused.get(5, TimeUnit.SECONDS)))
        .isEqualTo(new MrzReading.Unavailable(MrzReading.Cause.BUSY));
    assertThat(reading(running.get(5, TimeUnit.SECONDS)))
        .isEqualTo(new MrzReading.Unavailable(MrzReading.Cause.TIMED_OUT));
    ocr.release.countDown();
    assertThat(waiting.get(5, TimeUnit.SECONDS)).isInstanceOf(JudgmentOutcome.Judged.class);
  }

  private static MrzReading reading(JudgmentOutcome outcome) {
    return ((JudgmentOutcome.Judged) outcome).judgment().reading();
  }

  @Test
  void judgesAZoneTheOperatorTyped() {
    DocumentJudgment judgment = judge.judgeTyped(null, DocumentKind.PASSPORT_PAGE, PASSPORT, ERIKA);
    assertThat(judgment.reading()).isInstanceOf(MrzReading.Typed.class);
    assertThat(judgment.proposal()).isEqualTo(new Proposal.Passed());
    assertThat(judgment.ocrTime()).isEqualTo(Duration.ZERO);
  }
}
