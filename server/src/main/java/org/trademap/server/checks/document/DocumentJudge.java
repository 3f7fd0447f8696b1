package org.trademap.server.checks.document;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.trademap.server.checks.document.FieldComparison.Field;
import org.trademap.server.checks.document.JudgmentOutcome.NoDocument;
import org.trademap.server.checks.document.MrzReading.Cause;
import org.trademap.server.checks.document.Proposal.Reason;
import org.trademap.server.kyc.documents.DocumentId;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocument;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.vault.SubjectId;

/**
 * The ID document judgment (issue 5, check 1; ADR 0016): reads the machine-readable zone of a
 * subject's stored passport page or identity card by OCR, corrects and parses it, compares it with
 * what the user entered, checks expiry against the injected clock, and proposes passed or failed
 * with reasons. The operator sees the {@link DocumentJudgment} next to the image and confirms or
 * overrides it; recording that decision is the caller's.
 *
 * <p>OCR runs on a pool of its own ({@code trademap.checks.document.ocr-threads} threads, {@code
 * ocr-queue} waiting jobs; more are answered {@link Cause#BUSY}), never on the caller's thread or
 * the common pool. Nothing personal is logged: only document ids, kinds, reason codes and timings.
 *
 * <p>Thread-safe.
 */
@Service
public final class DocumentJudge implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DocumentJudge.class);

  /** The kinds that prove identity, in the order {@link #judgeIdentity} prefers them. */
  private static final List<DocumentKind> IDENTITY_KINDS =
      List.of(DocumentKind.PASSPORT_PAGE, DocumentKind.ID_CARD_BACK, DocumentKind.ID_CARD_FRONT);

  private final DocumentSource documents;
  private final MrzReader reader;
  private final @Nullable AutoCloseable engine;
  private final ThreadPoolExecutor pool;
  private final Duration timeout;
  private final Clock clock;

  @Autowired
  DocumentJudge(
      StoredDocuments documents, DocumentCheckProperties properties, ObjectProvider<Clock> clock) {
    this(
        DocumentSource.of(documents),
        new TesseractRecognizer(),
        properties,
        clock.getIfUnique(Clock::systemUTC));
  }

  /**
   * For tests: documents from {@code documents}, OCR by {@code recognizer} (closed with this judge
   * if it is {@link AutoCloseable}).
   */
  DocumentJudge(
      DocumentSource documents,
      TextRecognizer recognizer,
      DocumentCheckProperties properties,
      Clock clock) {
    this.documents = documents;
    this.reader = new MrzReader(recognizer);
    this.engine = recognizer instanceof AutoCloseable closeable ? closeable : null;
    this.timeout = properties.ocrTimeout();
    this.clock = clock;
    this.pool =
        new ThreadPoolExecutor(
            properties.ocrThreads(),
            properties.ocrThreads(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(properties.ocrQueue()),
            threads(),
            new ThreadPoolExecutor.AbortPolicy());
  }

  private static ThreadFactory threads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "document-ocr-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Judges one of the subject's documents; blocks until OCR is done (at most {@code
   * trademap.checks.document.ocr-timeout}).
   *
   * @param subject whose document
   * @param document a passport page or identity card side of that subject
   * @param entered what the user entered (see {@link EnteredIdentity#of})
   */
  public JudgmentOutcome judge(SubjectId subject, DocumentId document, EnteredIdentity entered) {
    return judgeAsync(subject, document, entered).join();
  }

  /** As {@link #judge}, completing when OCR is done; the returned future never fails. */
  public CompletableFuture<JudgmentOutcome> judgeAsync(
      SubjectId subject, DocumentId document, EnteredIdentity entered) {
    OpenResult opened = documents.open(subject, document);
    return switch (opened) {
      case OpenResult.Content content -> ocr(content, entered);
      case OpenResult.NotFound n -> done(new NoDocument(JudgmentOutcome.Reason.NOT_FOUND));
      case OpenResult.Missing m -> done(new NoDocument(JudgmentOutcome.Reason.FILE_MISSING));
      case OpenResult.Damaged d -> done(new NoDocument(JudgmentOutcome.Reason.FILE_DAMAGED));
      case OpenResult.Erased e -> done(new NoDocument(JudgmentOutcome.Reason.ERASED));
    };
  }

  /**
   * Judges the subject's identity document: the passport page if there is one, else the back of the
   * identity card (TD1 zone), else its front (older TD2 cards). If the back has no readable zone
   * and a front is on file, the front is judged too and the better judgment returned.
   */
  public JudgmentOutcome judgeIdentity(SubjectId subject, EnteredIdentity entered) {
    List<StoredDocument> identity =
        documents.list(subject).stream()
            .filter(d -> IDENTITY_KINDS.contains(d.kind()))
            .sorted(Comparator.comparingInt(d -> IDENTITY_KINDS.indexOf(d.kind())))
            .toList();
    if (identity.isEmpty()) {
      return new NoDocument(JudgmentOutcome.Reason.NO_IDENTITY_DOCUMENT);
    }
    JudgmentOutcome first = judge(subject, identity.getFirst().id(), entered);
    if (identity.getFirst().kind() == DocumentKind.ID_CARD_BACK
        && identity.size() > 1
        && !(first instanceof JudgmentOutcome.Judged j && j.judgment().data().isPresent())) {
      JudgmentOutcome front = judge(subject, identity.get(1).id(), entered);
      if (front instanceof JudgmentOutcome.Judged j && j.judgment().data().isPresent()) {
        return front;
      }
    }
    return first;
  }

  /**
   * Judges a zone the operator typed from the image (when OCR could not read it): the lines are
   * normalised and parsed as OCR text would be, and compared the same way.
   *
   * @param document the stored document the zone was typed from, if any
   * @param kind what the document is
   * @param lines the zone's lines
   * @param entered what the user entered
   */
  public DocumentJudgment judgeTyped(
      @Nullable DocumentId document,
      DocumentKind kind,
      List<String> lines,
      EnteredIdentity entered) {
    LocalDate today = LocalDate.now(clock);
    MrzReading reading = new MrzReading.Typed(MrzCorrector.correct(lines, today));
    return judgment(document, kind, reading, entered, today, Duration.ZERO);
  }

  private CompletableFuture<JudgmentOutcome> ocr(
      OpenResult.Content content, EnteredIdentity entered) {
    StoredDocument stored = content.document();
    if (!IDENTITY_KINDS.contains(stored.kind())) {
      return done(new NoDocument(JudgmentOutcome.Reason.NOT_AN_IDENTITY_DOCUMENT));
    }
    LocalDate today = LocalDate.now(clock);
    byte[] image = content.bytes();
    long start = System.nanoTime();
    CompletableFuture<MrzReading> reading;
    try {
      reading = CompletableFuture.supplyAsync(() -> reader.read(image, today), pool);
    } catch (RejectedExecutionException e) {
      log.warn("document {}: OCR refused, {} jobs waiting", stored.id(), pool.getQueue().size());
      reading = CompletableFuture.completedFuture(new MrzReading.Unavailable(Cause.BUSY));
    }
    return reading
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionally(failure -> unavailable(stored.id(), failure))
        .thenApply(
            r -> {
              Duration took = Duration.ofNanos(System.nanoTime() - start);
              DocumentJudgment judgment =
                  judgment(stored.id(), stored.kind(), r, entered, today, took);
              log.info(
                  "document {} ({}) judged in {} ms: {}",
                  stored.id(),
                  stored.kind(),
                  took.toMillis(),
                  judgment.proposal() instanceof Proposal.Failed f ? f.reasons() : "passed");
              return new JudgmentOutcome.Judged(judgment);
            });
  }

  private static MrzReading unavailable(DocumentId document, Throwable failure) {
    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      log.warn("document {}: OCR timed out", document);
      return new MrzReading.Unavailable(Cause.TIMED_OUT);
    }
    log.error("document {}: OCR failed: {}", document, cause.getClass().getName());
    return new MrzReading.Unavailable(Cause.ENGINE_FAILED);
  }

  private static CompletableFuture<JudgmentOutcome> done(JudgmentOutcome outcome) {
    return CompletableFuture.completedFuture(outcome);
  }

  /** Builds the judgment from a reading: comparison, expiry, kind and the proposal. */
  static DocumentJudgment judgment(
      @Nullable DocumentId document,
      DocumentKind kind,
      MrzReading reading,
      EnteredIdentity entered,
      LocalDate today,
      Duration ocrTime) {
    List<Reason> reasons = new ArrayList<>();
    Optional<MrzOutcome> outcome = reading.zone().map(CorrectedMrz::outcome);
    if (reading instanceof MrzReading.NotFound) {
      reasons.add(Reason.NO_ZONE_FOUND);
    } else if (reading instanceof MrzReading.Unavailable) {
      reasons.add(Reason.OCR_UNAVAILABLE);
    }
    Comparison comparison = null;
    Boolean expired = null;
    if (outcome.isPresent()) {
      switch (outcome.get()) {
        case MrzOutcome.Rejected r -> reasons.add(Reason.ZONE_INVALID);
        case MrzOutcome.Parsed p -> {
          MrzData data = p.data();
          if (data.isPassport() != (kind == DocumentKind.PASSPORT_PAGE)) {
            reasons.add(Reason.WRONG_DOCUMENT_KIND);
          }
          expired = data.isExpiredOn(today);
          if (expired) {
            reasons.add(Reason.EXPIRED);
          }
          comparison = Comparison.of(data, entered);
          for (FieldComparison mismatch : comparison.mismatches()) {
            reasons.add(mismatchReason(mismatch.field()));
          }
        }
      }
    }
    Proposal proposal = reasons.isEmpty() ? new Proposal.Passed() : new Proposal.Failed(reasons);
    return new DocumentJudgment(
        document, kind, reading, comparison, expired, proposal, today, ocrTime);
  }

  private static Reason mismatchReason(Field field) {
    return switch (field) {
      case SURNAME -> Reason.SURNAME_MISMATCH;
      case GIVEN_NAMES -> Reason.GIVEN_NAMES_MISMATCH;
      case BIRTH_DATE -> Reason.BIRTH_DATE_MISMATCH;
      case NATIONALITY -> Reason.NATIONALITY_MISMATCH;
      case DOCUMENT_NUMBER -> Reason.DOCUMENT_NUMBER_MISMATCH;
    };
  }

  /**
   * Stops the OCR pool (waiting up to the OCR time-out for running jobs) and then the engine. If a
   * job is still running after that, the engine is left to the end of the process rather than
   * closed under it.
   */
  @Override
  public void close() {
    pool.shutdownNow();
    boolean stopped;
    try {
      stopped = pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    if (!stopped) {
      log.warn("OCR still running at shutdown; the engine is not closed");
      return;
    }
    if (engine != null) {
      try {
        engine.close();
      } catch (Exception e) {
        log.warn("closing the OCR engine failed: {}", e.toString());
      }
    }
  }
}
