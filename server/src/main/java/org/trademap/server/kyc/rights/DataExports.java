package org.trademap.server.kyc.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.AccountRights;
import org.trademap.server.accounts.AccountSummary;
import org.trademap.server.kyc.Consent;
import org.trademap.server.kyc.Consents;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.LedgerRecord;
import org.trademap.server.kyc.Profile;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.Submission;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.kyc.documents.DocumentKinds;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocument;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.onboarding.documents.PixelSize;

/**
 * Makes the {@link DataExport} of an account: reads everything the server holds about it, each part
 * by the account's own id, so nothing of another account can appear. Decrypts the KYC file and the
 * documents; a part that cannot be read says why instead of failing the whole export.
 */
@Service
public final class DataExports {
  private final AccountRights accounts;
  private final Subjects subjects;
  private final KycFiles files;
  private final Consents consents;
  private final StoredDocuments documents;
  private final Relationships relationships;
  private final Clock clock;

  DataExports(
      AccountRights accounts,
      Subjects subjects,
      KycFiles files,
      Consents consents,
      StoredDocuments documents,
      Relationships relationships,
      ObjectProvider<Clock> clock) {
    this.accounts = accounts;
    this.subjects = subjects;
    this.files = files;
    this.consents = consents;
    this.documents = documents;
    this.relationships = relationships;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /**
   * The export of the account's data.
   *
   * @throws IllegalArgumentException if there is no such account
   */
  public DataExport export(UUID accountId) {
    AccountSummary account =
        accounts
            .summary(accountId)
            .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
    Optional<Subject> subject = subjects.forAccount(accountId);
    Instant now = clock.instant();
    Relationship relationship = relationships.of(accountId);
    return new DataExport(
        DataExport.FORMAT,
        now,
        new DataExport.AccountPart(
            account.id(),
            account.kind().apiName(),
            account.email(),
            account.role().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            account.active(),
            account.createdAt(),
            account.emailVerifiedAt(),
            account.secondFactor()),
        kycFile(accountId, account.kind()),
        consents.history(accountId).stream().map(DataExports::consent).toList(),
        subject
            .map(s -> documents.list(s.id()).stream().map(this::document).toList())
            .orElse(List.of()),
        subject.map(s -> ledger(s, files.submission(accountId).orElse(null))).orElse(null),
        new DataExport.RelationshipPart(
            relationship.startedAt(),
            relationship.endedAt(),
            relationship.erasure(RetentionPolicy.amla(), now)
                    instanceof ErasureDecision.Refused refused
                ? refused.keptUntil()
                : null));
  }

  private DataExport.KycFilePart kycFile(UUID accountId, AccountKind kind) {
    Profile profile;
    try {
      profile = files.profile(accountId, kind);
    } catch (UnreadableFileException e) {
      return new DataExport.KycFilePart(
          0,
          files.submission(accountId).map(Submission::submittedAt).orElse(null),
          Map.of(),
          List.of(),
          switch (e.reason()) {
            case ERASED -> "erased";
            case TAMPERED -> "damaged";
          });
    }
    Map<String, Integer> revisions = files.partRevisions(accountId);
    ProfileForm form = profile.toForm();
    Map<String, DataExport.FilePartEntry> parts = new LinkedHashMap<>();
    put(parts, revisions, "person", form.person());
    put(parts, revisions, "entity", form.entity());
    put(parts, revisions, "beneficialOwners", form.beneficialOwners());
    return new DataExport.KycFilePart(
        profile.revision(),
        profile.submittedAt(),
        parts,
        profile.reviewFlags().stream()
            .map(f -> Map.of("field", f.field(), "reason", f.reason(), "detail", f.detail()))
            .toList(),
        null);
  }

  private static void put(
      Map<String, DataExport.FilePartEntry> parts,
      Map<String, Integer> revisions,
      String name,
      @Nullable Object data) {
    if (data != null) {
      parts.put(name, new DataExport.FilePartEntry(revisions.getOrDefault(name, 0), data));
    }
  }

  private static DataExport.ConsentEntry consent(Consent consent) {
    return new DataExport.ConsentEntry(
        consent.kind().apiName(),
        consent.scope().isEmpty() ? null : consent.scope(),
        consent.version(),
        consent.givenAt(),
        consent.withdrawnAt());
  }

  private DataExport.DocumentEntry document(StoredDocument document) {
    String content = null;
    String unavailable = null;
    switch (documents.open(document.subject(), document.id())) {
      case OpenResult.Content c -> content = Base64.getEncoder().encodeToString(c.bytes());
      case OpenResult.Missing m -> unavailable = "missing";
      case OpenResult.Damaged d -> unavailable = "damaged";
      case OpenResult.Erased e -> unavailable = "erased";
      case OpenResult.NotFound n -> unavailable = "missing";
    }
    PixelSize pixels = document.pixels();
    return new DataExport.DocumentEntry(
        document.id().toString(),
        DocumentKinds.apiName(document.kind()),
        document.type().mediaType(),
        document.size(),
        pixels == null ? null : pixels.width(),
        pixels == null ? null : pixels.height(),
        document.pages(),
        document.uploadedAt(),
        document.downloadName(),
        content,
        unavailable);
  }

  private static DataExport.LedgerPart ledger(Subject subject, @Nullable Submission submission) {
    List<DataExport.LedgerEntry> entries = new ArrayList<>();
    if (submission != null) {
      for (Submission.Entry entry : submission.ledger()) {
        entries.add(
            switch (entry.record()) {
              case LedgerRecord.Recorded r ->
                  new DataExport.LedgerEntry(
                      entry.method(), entry.revision(), "recorded", r.txId(), r.height());
              case LedgerRecord.Pending p ->
                  new DataExport.LedgerEntry(
                      entry.method(), entry.revision(), "pending", null, null);
              case LedgerRecord.Rejected r ->
                  new DataExport.LedgerEntry(
                      entry.method(), entry.revision(), "rejected", null, null);
            });
      }
    }
    return new DataExport.LedgerPart(subject.ref().value(), entries);
  }
}
