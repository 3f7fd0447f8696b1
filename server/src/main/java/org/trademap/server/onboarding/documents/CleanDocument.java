package org.trademap.server.onboarding.documents;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An upload that passed intake: the bytes to store (re-encoded for images, as sent for PDFs) and
 * what is known about them.
 *
 * @param storageName a random name to store the bytes under; the user's file name is never used
 * @param displayName the sanitized file name to show and to offer in {@code Content-Disposition}:
 *     no path, no control or bidi characters, limited length, the extension of {@link #type()}
 * @param kind what the user declared the document to be
 * @param type the type decided by the magic bytes
 * @param pixels the displayed dimensions of an image; {@code null} for a PDF
 * @param pages the number of pages of a PDF; 1 for an image
 * @param sha256 the SHA-256 of {@link #bytes()}, 64 lowercase hex digits
 * @param notices what the intake changed or noticed
 * @param bytes the clean bytes; the accessor returns a copy
 */
public record CleanDocument(
    UUID storageName,
    String displayName,
    DocumentKind kind,
    DocumentType type,
    @Nullable PixelSize pixels,
    int pages,
    String sha256,
    Set<IntakeNotice> notices,
    byte[] bytes) {

  public CleanDocument {
    if (displayName.isBlank()) {
      throw new IllegalArgumentException("display name must not be blank");
    }
    if (type.isImage() != (pixels != null)) {
      throw new IllegalArgumentException("images and only images have pixel dimensions");
    }
    if (pages < 1) {
      throw new IllegalArgumentException("a document has at least one page");
    }
    if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("sha256 must be 64 hex digits");
    }
    notices = notices.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(notices));
    bytes = bytes.clone();
  }

  /** A copy of the clean bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The clean bytes as a stream, without copying them. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** The number of clean bytes. */
  public int size() {
    return bytes.length;
  }

  /** The media type to serve the bytes with. */
  public String mediaType() {
    return type.mediaType();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof CleanDocument that
        && storageName.equals(that.storageName)
        && displayName.equals(that.displayName)
        && kind == that.kind
        && type == that.type
        && Objects.equals(pixels, that.pixels)
        && pages == that.pages
        && sha256.equals(that.sha256)
        && notices.equals(that.notices)
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return storageName.hashCode() * 31 + sha256.hashCode();
  }

  /** Names the stored document without its bytes or the user's file name. */
  @Override
  public String toString() {
    return "CleanDocument[" + storageName + ", " + kind + ", " + type + ", " + bytes.length + " B]";
  }
}
