package org.trademap.server.kyc.documents;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.config.TradeMapProperties;
import org.trademap.server.kyc.Subject;
import org.trademap.server.onboarding.documents.CleanDocument;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.IntakeResult;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.SubjectId;
import org.trademap.server.vault.Vault;

/**
 * The documents each subject keeps on file: stores what {@link DocumentIntake} accepted, lists,
 * opens and deletes it.
 *
 * <p>Storage: the clean bytes are sealed by the {@link Vault} for the subject under the purpose
 * {@code kyc.document:<storage name>} and written atomically to {@code
 * <trademap.data-dir>/documents/<storage name>} (mode 600 where the file system has POSIX
 * permissions); the metadata goes to table {@code kyc_document}. The storage name is random and
 * unrelated to the document id the API shows. Neither the plaintext nor the user's file name is
 * written anywhere.
 *
 * <p>Rules: at most one document of each kind per subject (a new upload of a kind replaces the old
 * document, row and file); at most {@code trademap.documents.max-documents-per-user} documents per
 * subject ({@link DocumentIntake#checkQuota}); register extracts for legal entities only ({@link
 * DocumentKinds}). The operations of one subject are serialised by a row lock on its {@code
 * kyc_subject} row.
 *
 * <p>Crash safety: the new file is written before the row that names it is committed, and an old
 * file is deleted only after the row that named it is gone, so a row never names a missing file
 * because of a crash. A crash can leave a file that no row names; {@link #sweep()} (run at
 * start-up) deletes those.
 *
 * <p>Thread-safe.
 */
@Service
@DependsOnDatabaseInitialization
public final class StoredDocuments {
  private static final Logger log = LoggerFactory.getLogger(StoredDocuments.class);

  /** Files younger than this are never swept: their row may be about to be committed. */
  private static final long SWEEP_GRACE_MINUTES = 10;

  private final DocumentRepository repository;
  private final DocumentFiles files;
  private final Vault vault;
  private final DocumentIntake intake;
  private final TransactionTemplate transactions;
  private final Clock clock;

  @Autowired
  StoredDocuments(
      DataSource dataSource,
      Vault vault,
      DocumentIntake intake,
      TradeMapProperties properties,
      ObjectProvider<Clock> clock) {
    this(
        dataSource,
        vault,
        intake,
        properties.dataDir().resolve("documents"),
        clock.getIfUnique(Clock::systemUTC));
    // Nothing is being written yet at start-up, so every orphan can go.
    sweep(this.clock.instant());
  }

  /**
   * For tests: documents in the given database and directory.
   *
   * @param directory where the sealed files go; created (mode 700) if missing
   */
  public StoredDocuments(
      DataSource dataSource, Vault vault, DocumentIntake intake, Path directory, Clock clock) {
    this.repository = new DocumentRepository(dataSource);
    this.files = new DocumentFiles(directory);
    this.vault = vault;
    this.intake = intake;
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    this.clock = clock;
  }

  /** The directory the sealed files are in. */
  public Path directory() {
    return files.directory();
  }

  /**
   * Stores an accepted upload for the subject. A document of the same kind that the subject kept is
   * replaced: its row and its file are deleted.
   *
   * @param subject whose document it is (an existing subject, see {@code Subjects.of})
   * @param document what {@link DocumentIntake} accepted
   * @return {@link StoreResult.Stored}, or why nothing was stored (then nothing changed)
   */
  public StoreResult store(Subject subject, CleanDocument document) {
    SubjectId id = subject.id();
    DocumentKind kind = document.kind();
    if (!DocumentKinds.isAllowed(subject.kind(), kind)) {
      return new StoreResult.NotApplicable(kind, subject.kind());
    }
    Optional<Instant> erased = vault.shreddedAt(id);
    if (erased.isPresent()) {
      return new StoreResult.Erased(erased.get());
    }
    Optional<IntakeResult.Refused> overQuota =
        intake.checkQuota(repository.countOtherKinds(id, kind));
    if (overQuota.isPresent()) {
      return new StoreResult.QuotaExceeded(overQuota.get());
    }

    UUID storageName = document.storageName();
    StoredDocument stored =
        new StoredDocument(
            DocumentId.random(),
            id,
            kind,
            document.type(),
            document.size(),
            document.pixels(),
            document.pages(),
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    files.write(storageName, vault.encrypt(id, purpose(storageName), document.bytes()));
    Written written;
    try {
      written =
          Objects.requireNonNull(
              transactions.execute(status -> insertReplacing(stored, storageName)));
    } catch (RuntimeException e) {
      files.delete(storageName);
      throw e;
    }
    IntakeResult.Refused refused = written.refused();
    if (refused != null) {
      files.delete(storageName);
      return new StoreResult.QuotaExceeded(refused);
    }
    DocumentRepository.Row replaced = written.replaced();
    if (replaced != null) {
      files.delete(replaced.storageName());
      log.info(
          "subject {} replaced document {} by {} ({})",
          id,
          replaced.document().id(),
          stored.id(),
          kind);
    } else {
      log.info("subject {} stored document {} ({})", id, stored.id(), kind);
    }
    return new StoreResult.Stored(stored, replaced == null ? null : replaced.document());
  }

  /** What the transaction of {@link #store} did: refused by the quota, or inserted. */
  private record Written(
      IntakeResult.@Nullable Refused refused, DocumentRepository.@Nullable Row replaced) {}

  private Written insertReplacing(StoredDocument stored, UUID storageName) {
    SubjectId id = stored.subject();
    if (!repository.lockSubject(id)) {
      throw new IllegalArgumentException("subject " + id + " does not exist");
    }
    Optional<IntakeResult.Refused> refused =
        intake.checkQuota(repository.countOtherKinds(id, stored.kind()));
    if (refused.isPresent()) {
      return new Written(refused.get(), null);
    }
    Optional<DocumentRepository.Row> old = repository.findKind(id, stored.kind());
    old.ifPresent(row -> repository.delete(row.document().id()));
    repository.insert(new DocumentRepository.Row(stored, storageName));
    return new Written(null, old.orElse(null));
  }

  /** The subject's documents, oldest first, without content. */
  public List<StoredDocument> list(SubjectId subject) {
    return repository.list(subject).stream().map(DocumentRepository.Row::document).toList();
  }

  /**
   * The kinds of document the subject has on file, for the submission check: passport page, ID card
   * front and back, register extract. {@link DocumentKinds#complete} says whether they are enough
   * for the subject's kind.
   */
  public Set<DocumentKind> kindsOnFile(SubjectId subject) {
    Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
    for (DocumentRepository.Row row : repository.list(subject)) {
      kinds.add(row.document().kind());
    }
    return kinds;
  }

  /** The subject's document with this id, without content; empty if it has none such. */
  public Optional<StoredDocument> find(SubjectId subject, DocumentId id) {
    return repository.find(subject, id).map(DocumentRepository.Row::document);
  }

  /**
   * The subject's document with its content.
   *
   * @return the content; {@link OpenResult.NotFound} if the subject has no document with this id
   *     (also when another subject has); {@link OpenResult.Missing}, {@link OpenResult.Damaged} or
   *     {@link OpenResult.Erased} if the file cannot be read — never the content of a changed file
   */
  public OpenResult open(SubjectId subject, DocumentId id) {
    Optional<DocumentRepository.Row> found = repository.find(subject, id);
    if (found.isEmpty()) {
      return new OpenResult.NotFound();
    }
    StoredDocument document = found.get().document();
    UUID storageName = found.get().storageName();
    Optional<byte[]> sealed = files.read(storageName);
    if (sealed.isEmpty()) {
      log.error("document {} of subject {}: its file is missing", id, subject);
      return new OpenResult.Missing(document);
    }
    return switch (vault.decrypt(subject, purpose(storageName), sealed.get())) {
      case Decrypted.Plaintext plaintext -> new OpenResult.Content(document, plaintext.bytes());
      case Decrypted.Shredded shredded -> new OpenResult.Erased(document, shredded.shreddedAt());
      case Decrypted.Tampered tampered -> {
        log.error("document {} of subject {}: its file fails authentication", id, subject);
        yield new OpenResult.Damaged(document);
      }
    };
  }

  /**
   * Deletes the subject's document: its row, then its file.
   *
   * @return the deleted document; empty if the subject has no document with this id
   */
  public Optional<StoredDocument> delete(SubjectId subject, DocumentId id) {
    Optional<DocumentRepository.Row> deleted =
        Objects.requireNonNull(
            transactions.execute(
                status -> {
                  repository.lockSubject(subject);
                  Optional<DocumentRepository.Row> row = repository.find(subject, id);
                  row.ifPresent(r -> repository.delete(r.document().id()));
                  return row;
                }));
    deleted.ifPresent(
        row -> {
          files.delete(row.storageName());
          log.info("subject {} deleted document {} ({})", subject, id, row.document().kind());
        });
    return deleted.map(DocumentRepository.Row::document);
  }

  /**
   * Deletes all of the subject's documents, rows first (in one transaction), then their files; for
   * the erasure of the subject's data. Safe to run again: a crash between the rows and the files
   * leaves files no row names, which {@link #sweep()} removes.
   *
   * @return how many documents were deleted
   */
  public int deleteAll(SubjectId subject) {
    List<DocumentRepository.Row> deleted =
        Objects.requireNonNull(
            transactions.execute(
                status -> {
                  repository.lockSubject(subject);
                  List<DocumentRepository.Row> rows = repository.list(subject);
                  rows.forEach(row -> repository.delete(row.document().id()));
                  return rows;
                }));
    deleted.forEach(row -> files.delete(row.storageName()));
    if (!deleted.isEmpty()) {
      log.info("subject {}: deleted all {} documents", subject, deleted.size());
    }
    return deleted.size();
  }

  /**
   * Deletes the files no row names (left by a crash between writing a file and committing its row,
   * or between deleting a row and its file) and the temporary files of unfinished writes. Files
   * younger than ten minutes are kept, in case their row is about to be committed.
   *
   * @return how many files were deleted
   */
  public int sweep() {
    return sweep(clock.instant().minus(SWEEP_GRACE_MINUTES, ChronoUnit.MINUTES));
  }

  private int sweep(Instant cutoff) {
    int deleted = files.sweep(repository::referenced, cutoff);
    if (deleted > 0) {
      log.warn("deleted {} document files that no document named", deleted);
    }
    return deleted;
  }

  private static String purpose(UUID storageName) {
    return "kyc.document:" + storageName;
  }
}
