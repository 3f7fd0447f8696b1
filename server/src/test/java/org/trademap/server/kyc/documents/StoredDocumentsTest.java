package org.trademap.server.kyc.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.kyc.documents.TestDocuments.clean;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.onboarding.documents.CleanDocument;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.DocumentProperties;
import org.trademap.server.onboarding.documents.DocumentType;
import org.trademap.server.onboarding.documents.Fixtures;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.Vault;
import org.trademap.server.vault.VaultKeys;

class StoredDocumentsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path directory;

  /** The service under test with the vault and subjects it works with. */
  private record Harness(StoredDocuments documents, Vault vault, Subjects subjects) {}

  private Harness harness(TestDatabase db, int quota) {
    Vault vault = Vault.open(db.dataSource(), VaultKeys.generate(new SecureRandom()), CLOCK);
    Subjects subjects = new Subjects(db.dataSource(), CLOCK);
    DocumentProperties d = DocumentProperties.defaults();
    DocumentIntake intake =
        new DocumentIntake(
            new DocumentProperties(
                d.maxBytes(),
                d.maxPixels(),
                d.maxSide(),
                d.minShortSide(),
                d.maxPdfPages(),
                quota,
                d.maxConcurrentDecodes()));
    return new Harness(
        new StoredDocuments(db.dataSource(), vault, intake, directory, CLOCK), vault, subjects);
  }

  private Harness harness(TestDatabase db) {
    return harness(db, 20);
  }

  /** A subject of a fresh account of this kind. */
  private static Subject subject(TestDatabase db, Harness h, AccountKind kind) {
    UUID account = UUID.randomUUID();
    JdbcClient.create(db.dataSource())
        .sql(
            "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                + " created_at) VALUES (:id, :kind, :email, :email, 'x', 'USER', 'ACTIVE', :at)")
        .param("id", account)
        .param("kind", kind.name())
        .param("email", account + "@example.org")
        .param("at", NOW.atOffset(ZoneOffset.UTC))
        .update();
    return h.subjects().of(account, kind);
  }

  private static CleanDocument passport() {
    return clean(Fixtures.withExif(Fixtures.jpeg(900, 700), 1), DocumentKind.PASSPORT_PAGE);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }

  private static long rows(TestDatabase db) {
    return JdbcClient.create(db.dataSource())
        .sql("SELECT COUNT(*) FROM kyc_document")
        .query(Long.class)
        .single();
  }

  @OnEachDatabase
  void storesTheCleanBytesSealedUnderARandomNameAndOpensThemAgain(TestDatabase db)
      throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    CleanDocument passport = passport();

    StoreResult result = documents.store(ann, passport);

    StoredDocument stored = ((StoreResult.Stored) result).document();
    assertThat(((StoreResult.Stored) result).replaced()).isNull();
    assertThat(stored.subject()).isEqualTo(ann.id());
    assertThat(stored.kind()).isEqualTo(DocumentKind.PASSPORT_PAGE);
    assertThat(stored.type()).isEqualTo(DocumentType.JPEG);
    assertThat(stored.size()).isEqualTo(passport.size());
    assertThat(stored.pixels()).isEqualTo(passport.pixels());
    assertThat(stored.pages()).isEqualTo(1);
    assertThat(stored.uploadedAt()).isEqualTo(NOW);
    assertThat(stored.downloadName()).isEqualTo("passport-page-2026-03-01.jpg");
    assertThat(documents.list(ann.id())).containsExactly(stored);
    assertThat(documents.find(ann.id(), stored.id())).contains(stored);
    assertThat(documents.kindsOnFile(ann.id())).containsExactly(DocumentKind.PASSPORT_PAGE);

    OpenResult opened = documents.open(ann.id(), stored.id());
    assertThat(opened).isInstanceOf(OpenResult.Content.class);
    assertThat(((OpenResult.Content) opened).bytes()).isEqualTo(passport.bytes());
    assertThat(((OpenResult.Content) opened).document()).isEqualTo(stored);

    Path file = directory.resolve(passport.storageName().toString());
    assertThat(files()).containsExactly(file);
    assertThat(stored.id().value()).isNotEqualTo(passport.storageName());
    byte[] onDisk = Files.readAllBytes(file);
    assertThat(onDisk).hasSize(passport.size() + Vault.OVERHEAD);
    byte[] clean = passport.bytes();
    assertThat(Fixtures.contains(onDisk, Arrays.copyOfRange(clean, 200, 264))).isFalse();
    if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @OnEachDatabase
  void aNewUploadOfTheSameKindReplacesTheOldRowAndFile(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    CleanDocument first = passport();
    CleanDocument second = clean(Fixtures.png(800, 800), DocumentKind.PASSPORT_PAGE);
    StoredDocument old = ((StoreResult.Stored) documents.store(ann, first)).document();

    StoreResult.Stored replacing = (StoreResult.Stored) documents.store(ann, second);

    assertThat(replacing.replaced()).isEqualTo(old);
    assertThat(documents.list(ann.id())).containsExactly(replacing.document());
    assertThat(documents.open(ann.id(), old.id())).isInstanceOf(OpenResult.NotFound.class);
    assertThat(files()).containsExactly(directory.resolve(second.storageName().toString()));
    assertThat(rows(db)).isEqualTo(1);
  }

  @OnEachDatabase
  void theQuotaCountsOtherKindsAndLetsAKindBeReplacedAtTheLimit(TestDatabase db)
      throws IOException {
    Harness h = harness(db, 2);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    documents.store(ann, clean(Fixtures.jpeg(800, 600), DocumentKind.ID_CARD_FRONT));
    documents.store(ann, clean(Fixtures.jpeg(800, 600), DocumentKind.ID_CARD_BACK));
    List<StoredDocument> before = documents.list(ann.id());
    List<Path> filesBefore = files();

    StoreResult third = documents.store(ann, passport());

    assertThat(third).isInstanceOf(StoreResult.QuotaExceeded.class);
    assertThat(((StoreResult.QuotaExceeded) third).refusal().code())
        .isEqualTo("document.quota-exceeded");
    assertThat(documents.list(ann.id())).isEqualTo(before);
    assertThat(files()).containsExactlyInAnyOrderElementsOf(filesBefore);

    StoreResult replaced =
        documents.store(ann, clean(Fixtures.png(700, 700), DocumentKind.ID_CARD_BACK));
    assertThat(replaced).isInstanceOf(StoreResult.Stored.class);
    assertThat(documents.kindsOnFile(ann.id()))
        .containsExactlyInAnyOrder(DocumentKind.ID_CARD_FRONT, DocumentKind.ID_CARD_BACK);
    assertThat(files()).hasSize(2);
  }

  @OnEachDatabase
  void aRegisterExtractIsForLegalEntitiesOnly(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    Subject acme = subject(db, h, AccountKind.LEGAL_ENTITY);
    CleanDocument extract = clean(Fixtures.pdf(2), DocumentKind.REGISTER_EXTRACT);

    StoreResult person = documents.store(ann, extract);

    assertThat(person)
        .isEqualTo(
            new StoreResult.NotApplicable(DocumentKind.REGISTER_EXTRACT, AccountKind.PERSON));
    assertThat(rows(db)).isZero();
    assertThat(files()).isEmpty();

    StoredDocument stored = ((StoreResult.Stored) documents.store(acme, extract)).document();
    assertThat(stored.type()).isEqualTo(DocumentType.PDF);
    assertThat(stored.pixels()).isNull();
    assertThat(stored.pages()).isEqualTo(2);
    assertThat(documents.find(acme.id(), stored.id())).contains(stored);
  }

  @OnEachDatabase
  void anotherSubjectsDocumentCannotBeFoundOpenedOrDeleted(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    Subject bob = subject(db, h, AccountKind.PERSON);
    StoredDocument anns = ((StoreResult.Stored) documents.store(ann, passport())).document();

    assertThat(documents.find(bob.id(), anns.id())).isEmpty();
    assertThat(documents.open(bob.id(), anns.id())).isInstanceOf(OpenResult.NotFound.class);
    assertThat(documents.delete(bob.id(), anns.id())).isEmpty();
    assertThat(documents.list(bob.id())).isEmpty();
    assertThat(documents.open(ann.id(), anns.id())).isInstanceOf(OpenResult.Content.class);
    assertThat(files()).hasSize(1);
  }

  @OnEachDatabase
  void deletingRemovesTheRowAndTheFile(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    StoredDocument stored = ((StoreResult.Stored) documents.store(ann, passport())).document();

    assertThat(documents.delete(ann.id(), stored.id())).contains(stored);

    assertThat(documents.list(ann.id())).isEmpty();
    assertThat(documents.kindsOnFile(ann.id())).isEmpty();
    assertThat(files()).isEmpty();
    assertThat(documents.delete(ann.id(), stored.id())).isEmpty();
    assertThat(documents.delete(ann.id(), DocumentId.random())).isEmpty();
  }

  @OnEachDatabase
  void aChangedFileIsRefusedAsDamagedAndAMissingOneAsMissing(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    CleanDocument front = clean(Fixtures.jpeg(800, 600), DocumentKind.ID_CARD_FRONT);
    CleanDocument back = clean(Fixtures.png(800, 600), DocumentKind.ID_CARD_BACK);
    StoredDocument storedFront = ((StoreResult.Stored) documents.store(ann, front)).document();
    StoredDocument storedBack = ((StoreResult.Stored) documents.store(ann, back)).document();
    Path frontFile = directory.resolve(front.storageName().toString());
    Path backFile = directory.resolve(back.storageName().toString());

    byte[] flipped = Files.readAllBytes(frontFile);
    flipped[flipped.length / 2] ^= 0x01;
    Files.write(frontFile, flipped);
    assertThat(documents.open(ann.id(), storedFront.id()))
        .isEqualTo(new OpenResult.Damaged(storedFront));

    // The back's file moved onto the front's name: sealed for another document, so refused.
    Files.move(backFile, frontFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThat(documents.open(ann.id(), storedFront.id()))
        .isEqualTo(new OpenResult.Damaged(storedFront));
    assertThat(documents.open(ann.id(), storedBack.id()))
        .isEqualTo(new OpenResult.Missing(storedBack));
  }

  @OnEachDatabase
  void anErasedSubjectsDocumentsCannotBeReadAndNothingNewIsStored(TestDatabase db)
      throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    StoredDocument stored = ((StoreResult.Stored) documents.store(ann, passport())).document();

    h.vault().shred(ann.id());

    assertThat(documents.open(ann.id(), stored.id())).isEqualTo(new OpenResult.Erased(stored, NOW));
    assertThat(documents.store(ann, passport())).isEqualTo(new StoreResult.Erased(NOW));
    assertThat(files()).hasSize(1);
  }

  @OnEachDatabase
  void theSweepDeletesOldFilesNoRowNamesAndKeepsTheRest(TestDatabase db) throws IOException {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    CleanDocument kept = passport();
    documents.store(ann, kept);
    FileTime old = FileTime.from(NOW.minusSeconds(3600));
    Path keptFile = directory.resolve(kept.storageName().toString());
    Files.setLastModifiedTime(keptFile, old);
    Path orphan = Files.write(directory.resolve(UUID.randomUUID().toString()), new byte[] {1});
    Files.setLastModifiedTime(orphan, old);
    Path unfinished = Files.write(directory.resolve(UUID.randomUUID() + ".tmp"), new byte[] {1});
    Files.setLastModifiedTime(unfinished, old);
    Path young = Files.write(directory.resolve(UUID.randomUUID().toString()), new byte[] {1});
    Files.setLastModifiedTime(young, FileTime.from(NOW.minusSeconds(60)));
    Path foreign = Files.write(directory.resolve("README"), new byte[] {1});
    Files.setLastModifiedTime(foreign, old);

    assertThat(documents.sweep()).isEqualTo(2);

    assertThat(files()).containsExactlyInAnyOrder(keptFile, young, foreign);
    assertThat(documents.list(ann.id())).hasSize(1);
  }

  @OnEachDatabase
  void identityIsProvenByAPassportOrBothSidesOfAnIdCard(TestDatabase db) {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject acme = subject(db, h, AccountKind.LEGAL_ENTITY);
    documents.store(acme, clean(Fixtures.jpeg(800, 600), DocumentKind.ID_CARD_FRONT));
    assertThat(DocumentKinds.provesIdentity(documents.kindsOnFile(acme.id()))).isFalse();
    documents.store(acme, clean(Fixtures.jpeg(800, 600), DocumentKind.ID_CARD_BACK));
    Set<DocumentKind> onFile = documents.kindsOnFile(acme.id());
    assertThat(DocumentKinds.provesIdentity(onFile)).isTrue();
    assertThat(DocumentKinds.complete(AccountKind.LEGAL_ENTITY, onFile)).isFalse();
    assertThat(DocumentKinds.complete(AccountKind.PERSON, onFile)).isTrue();
    documents.store(acme, clean(Fixtures.pdf(1), DocumentKind.REGISTER_EXTRACT));
    assertThat(DocumentKinds.complete(AccountKind.LEGAL_ENTITY, documents.kindsOnFile(acme.id())))
        .isTrue();
  }

  @OnEachDatabase
  void concurrentUploadsOfOneKindLeaveExactlyOneDocumentAndOneFile(TestDatabase db)
      throws Exception {
    Harness h = harness(db);
    StoredDocuments documents = h.documents();
    Subject ann = subject(db, h, AccountKind.PERSON);
    List<CleanDocument> uploads = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      uploads.add(clean(Fixtures.jpeg(800 + i, 600), DocumentKind.PASSPORT_PAGE));
    }
    try (java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(3)) {
      List<java.util.concurrent.Future<StoreResult>> results = new java.util.ArrayList<>();
      for (CleanDocument upload : uploads) {
        results.add(pool.submit(() -> documents.store(ann, upload)));
      }
      for (java.util.concurrent.Future<StoreResult> result : results) {
        assertThat(result.get()).isInstanceOf(StoreResult.Stored.class);
      }
    }

    List<StoredDocument> onFile = documents.list(ann.id());
    assertThat(onFile).hasSize(1);
    assertThat(files()).hasSize(1);
    assertThat(documents.open(ann.id(), onFile.getFirst().id()))
        .isInstanceOf(OpenResult.Content.class);
  }
}
