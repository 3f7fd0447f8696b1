package org.trademap.server.kyc.rights;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Everything the server holds about an account, as the machine-readable export of {@code GET
 * /api/v1/me/export} (right of access and data portability, FADP Art. 25 and 28, GDPR Art. 15 and
 * 20). Secrets are not exported: no password hash, no TOTP secret, no session tokens, no vault
 * keys.
 *
 * @param format the format's name and version, {@value #FORMAT}
 * @param exportedAt when the export was made
 * @param account the account itself
 * @param kycFile the KYC file's data with the revision that wrote each part
 * @param consents every consent given, oldest first, with its withdrawal
 * @param documents the identity documents on file, with their content
 * @param ledger what the ledger knows about the subject: its reference and the transactions
 * @param relationship the business relationship and when erasure becomes possible
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataExport(
    String format,
    Instant exportedAt,
    AccountPart account,
    KycFilePart kycFile,
    List<ConsentEntry> consents,
    List<DocumentEntry> documents,
    @Nullable LedgerPart ledger,
    RelationshipPart relationship) {

  /** The value of {@code format}. */
  public static final String FORMAT = "trademap.personal-data-export/1";

  /** Copies the lists. */
  public DataExport {
    consents = List.copyOf(consents);
    documents = List.copyOf(documents);
  }

  /**
   * The account.
   *
   * @param id its id
   * @param kind {@code person} or {@code legal-entity}
   * @param email the address it signed up with
   * @param role what it acts as, e.g. {@code user}
   * @param active whether it may sign in
   * @param createdAt when it signed up
   * @param emailVerifiedAt when the address was confirmed
   * @param secondFactor whether a TOTP authenticator is enrolled
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AccountPart(
      UUID id,
      String kind,
      String email,
      String role,
      boolean active,
      Instant createdAt,
      @Nullable Instant emailVerifiedAt,
      boolean secondFactor) {}

  /**
   * The KYC file.
   *
   * @param revision the number of changes so far (0: nothing saved)
   * @param submittedAt when it was submitted, absent while it is a draft
   * @param parts each stored part ({@code person}, {@code entity}, {@code beneficialOwners}) with
   *     its data and the revision that wrote it
   * @param reviewFlags values flagged for a compliance officer
   * @param unavailable why the data cannot be exported ({@code erased} or {@code damaged}); absent
   *     when it is there
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KycFilePart(
      int revision,
      @Nullable Instant submittedAt,
      Map<String, FilePartEntry> parts,
      List<Map<String, String>> reviewFlags,
      @Nullable String unavailable) {
    /** Copies the collections. */
    public KycFilePart {
      parts = Map.copyOf(parts);
      reviewFlags = List.copyOf(reviewFlags);
    }
  }

  /**
   * One part of the KYC file.
   *
   * @param revision the file revision that wrote it
   * @param data its data, as {@code GET /api/v1/me/profile} shows it
   */
  public record FilePartEntry(int revision, Object data) {}

  /**
   * One consent.
   *
   * @param kind e.g. {@code audio-recording}
   * @param scope what a sharing consent covers; absent for the other kinds
   * @param version the version of the text shown
   * @param givenAt when it was given
   * @param withdrawnAt when it was withdrawn; absent while it stands
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ConsentEntry(
      String kind,
      @Nullable String scope,
      String version,
      Instant givenAt,
      @Nullable Instant withdrawnAt) {}

  /**
   * One identity document.
   *
   * @param id its id
   * @param kind e.g. {@code passport-page}
   * @param mediaType {@code image/jpeg}, {@code image/png} or {@code application/pdf}
   * @param size the number of bytes
   * @param width an image's width in pixels
   * @param height an image's height in pixels
   * @param pages the number of pages
   * @param uploadedAt when it was uploaded
   * @param fileName the name a download is offered under
   * @param contentBase64 the content, base64; absent when it cannot be read
   * @param unavailable why the content is absent ({@code missing}, {@code damaged} or {@code
   *     erased})
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DocumentEntry(
      String id,
      String kind,
      String mediaType,
      int size,
      @Nullable Integer width,
      @Nullable Integer height,
      int pages,
      Instant uploadedAt,
      String fileName,
      @Nullable String contentBase64,
      @Nullable String unavailable) {}

  /**
   * The subject on the ledger.
   *
   * @param subjectRef the pseudonymous reference the ledger knows the subject by
   * @param transactions the commitments sent, oldest first
   */
  public record LedgerPart(String subjectRef, List<LedgerEntry> transactions) {
    /** Copies the list. */
    public LedgerPart {
      transactions = List.copyOf(transactions);
    }
  }

  /**
   * One ledger transaction of the KYC file.
   *
   * @param method {@code register} or {@code update-commitment}
   * @param revision the file revision it commits to
   * @param status {@code pending}, {@code recorded} or {@code rejected}
   * @param txId the transaction id, once recorded
   * @param height the block, once recorded
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LedgerEntry(
      String method, int revision, String status, @Nullable String txId, @Nullable Long height) {}

  /**
   * The business relationship.
   *
   * @param startedAt when the KYC file was submitted; absent if never
   * @param endedAt when the person ended it; absent while it goes on
   * @param erasurePossibleFrom the first day (UTC) erasure is possible; absent while the
   *     relationship goes on, or when it is possible now
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RelationshipPart(
      @Nullable Instant startedAt,
      @Nullable Instant endedAt,
      @Nullable LocalDate erasurePossibleFrom) {}

  @Override
  public String toString() {
    return "DataExport[account=" + account.id() + ", data=(hidden)]";
  }
}
