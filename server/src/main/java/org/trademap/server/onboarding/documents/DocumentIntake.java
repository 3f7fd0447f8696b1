package org.trademap.server.onboarding.documents;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The intake of uploaded documents: decides what an upload is by its magic bytes and turns it into
 * a {@link CleanDocument} that is safe to store and serve, or refuses it with a stable code.
 *
 * <p>The order of the checks: empty, too large, type by magic bytes (unknown or disguised), type
 * allowed for the declared {@link DocumentKind}, then the type's own checks — for images the pixel
 * limits from the header before anything is decoded, hidden files, decoding and re-encoding; for
 * PDFs encryption, active content and attachments, and the page count. The client's file name and
 * content type are only compared with what the bytes are ({@link
 * IntakeNotice#DECLARED_TYPE_DIFFERS} and {@link Refusal#DISGUISED}) and sanitized into a display
 * name; nothing is ever stored under them.
 *
 * <p>Thread-safe. Works in memory only: no temporary files.
 */
@Component
public final class DocumentIntake {
  private final DocumentProperties limits;
  private final ImageCleaner images;
  private final PdfInspector pdfs;

  /** An intake with the given limits. */
  public DocumentIntake(DocumentProperties limits) {
    this.limits = limits;
    this.images = new ImageCleaner(limits);
    this.pdfs = new PdfInspector(limits);
  }

  /** The limits this intake applies. */
  public DocumentProperties limits() {
    return limits;
  }

  /**
   * Refuses an upload whose announced length ({@code Content-Length}) is already over the limit, so
   * that the body need not be read. A negative length means unknown and passes.
   */
  public Optional<IntakeResult.Refused> checkAnnouncedSize(long contentLength) {
    return contentLength > limits.maxBytes().toBytes() ? Optional.of(tooLarge()) : Optional.empty();
  }

  /**
   * Refuses a further upload when the person already keeps {@code existingCount} documents and the
   * limit is reached.
   */
  public Optional<IntakeResult.Refused> checkQuota(long existingCount) {
    return existingCount >= limits.maxDocumentsPerUser()
        ? Optional.of(Refusal.QUOTA_EXCEEDED.refuse(limits.maxDocumentsPerUser()))
        : Optional.empty();
  }

  /**
   * Takes an upload from a stream, reading at most {@code max-bytes + 1} bytes from it: a longer
   * upload is refused as {@link Refusal#TOO_LARGE} without reading the rest. The stream is not
   * closed.
   *
   * @param content the uploaded bytes
   * @param kind what the user says the document is
   * @param fileName the file name the client sent, advisory only
   * @param contentType the content type the client sent, advisory only
   * @throws UncheckedIOException when reading the stream fails
   */
  public IntakeResult intake(
      InputStream content,
      DocumentKind kind,
      @Nullable String fileName,
      @Nullable String contentType) {
    int limit = (int) limits.maxBytes().toBytes();
    byte[] bytes;
    try {
      bytes = content.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new UncheckedIOException("reading an upload failed", e);
    }
    return intake(bytes, kind, fileName, contentType);
  }

  /**
   * Takes an upload that is already in memory.
   *
   * @param content the uploaded bytes (not changed, not kept)
   * @param kind what the user says the document is
   * @param fileName the file name the client sent, advisory only
   * @param contentType the content type the client sent, advisory only
   */
  public IntakeResult intake(
      byte[] content, DocumentKind kind, @Nullable String fileName, @Nullable String contentType) {
    if (content.length == 0) {
      return Refusal.EMPTY.refuse();
    }
    if (content.length > limits.maxBytes().toBytes()) {
      return tooLarge();
    }
    DocumentType type = Sniffer.detect(content);
    DocumentType claimed = claimedType(fileName, contentType);
    if (type == null) {
      Optional<String> format = Sniffer.formatAt(content, 0);
      if (claimed != null && format.isPresent()) {
        return Refusal.DISGUISED.refuse(claimed.name(), format.get());
      }
      return Refusal.UNKNOWN_TYPE.refuse();
    }
    if (!kind.accepts(type)) {
      return Refusal.TYPE_MISMATCH.refuse(type.name(), accepted(kind));
    }
    Inspection inspection = type.isImage() ? images.clean(content, type) : pdfs.inspect(content);
    return switch (inspection) {
      case Inspection.Stopped stopped -> stopped.refused();
      case Inspection.Passed passed -> accept(passed, type, kind, fileName, contentType);
    };
  }

  private IntakeResult accept(
      Inspection.Passed passed,
      DocumentType type,
      DocumentKind kind,
      @Nullable String fileName,
      @Nullable String contentType) {
    Set<IntakeNotice> notices = EnumSet.noneOf(IntakeNotice.class);
    notices.addAll(passed.notices());
    if (declaresOtherType(type, fileName, contentType)) {
      notices.add(IntakeNotice.DECLARED_TYPE_DIFFERS);
    }
    String displayName = DisplayNames.sanitize(fileName, type, kind);
    if (!displayName.equals(fileName)) {
      notices.add(IntakeNotice.DISPLAY_NAME_SANITIZED);
    }
    byte[] clean = passed.bytes();
    return new IntakeResult.Accepted(
        new CleanDocument(
            UUID.randomUUID(),
            displayName,
            kind,
            type,
            passed.pixels(),
            passed.pages(),
            sha256(clean),
            notices,
            clean));
  }

  /** The accepted type the name or the content type claims; the content type wins. */
  private static @Nullable DocumentType claimedType(
      @Nullable String fileName, @Nullable String contentType) {
    DocumentType byContentType = Sniffer.claimedByContentType(contentType);
    return byContentType != null ? byContentType : Sniffer.claimedByName(fileName);
  }

  /** Whether the name's extension or a specific content type says something else than the type. */
  private static boolean declaresOtherType(
      DocumentType type, @Nullable String fileName, @Nullable String contentType) {
    boolean nameDiffers =
        Sniffer.extension(fileName) != null && Sniffer.claimedByName(fileName) != type;
    boolean contentTypeDiffers =
        Sniffer.isSpecific(contentType) && Sniffer.claimedByContentType(contentType) != type;
    return nameDiffers || contentTypeDiffers;
  }

  private static String accepted(DocumentKind kind) {
    StringBuilder names = new StringBuilder();
    for (DocumentType type : DocumentType.values()) {
      if (kind.accepts(type)) {
        names.append(names.isEmpty() ? "" : ", ").append(type.name());
      }
    }
    return names.toString();
  }

  private IntakeResult.Refused tooLarge() {
    return Refusal.TOO_LARGE.refuse(limits.maxBytes().toBytes() / (1024.0 * 1024.0));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
