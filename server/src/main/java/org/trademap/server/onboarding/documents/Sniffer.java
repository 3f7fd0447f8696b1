package org.trademap.server.onboarding.documents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Recognises file formats by their magic bytes, and what a file name or content type claims.
 *
 * <p>Only {@link #detect} decides what a file is. The foreign formats are recognised only to tell a
 * disguised file (an HTML page named {@code photo.png}) from an unknown one, and to find files
 * hidden behind an image.
 */
final class Sniffer {
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  private static final byte[] PDF = ascii("%PDF-");

  /** Formats recognised at the start of a file (or of data appended to an image). */
  private static final List<Signature> FOREIGN =
      List.of(
          new Signature("GIF", ascii("GIF87a")),
          new Signature("GIF", ascii("GIF89a")),
          new Signature("TIFF", new byte[] {'I', 'I', 42, 0}),
          new Signature("TIFF", new byte[] {'M', 'M', 0, 42}),
          new Signature("ZIP", new byte[] {'P', 'K', 3, 4}),
          new Signature("ZIP", new byte[] {'P', 'K', 5, 6}),
          new Signature("RAR", new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07}),
          new Signature(
              "7z", new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, (byte) 0x27, (byte) 0x1C}),
          new Signature("gzip", new byte[] {0x1F, (byte) 0x8B}),
          new Signature("OLE2", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}),
          new Signature("ELF", new byte[] {0x7F, 'E', 'L', 'F'}),
          new Signature("Windows executable", ascii("MZ")),
          new Signature("Mach-O", new byte[] {(byte) 0xCF, (byte) 0xFA, (byte) 0xED, (byte) 0xFE}),
          new Signature("Mach-O", new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFA, (byte) 0xCF}),
          new Signature(
              "Java class", new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}),
          new Signature("script", ascii("#!")),
          new Signature("PostScript", ascii("%!PS")),
          new Signature("RTF", ascii("{\\rtf")),
          new Signature("PDF", PDF),
          new Signature("JPEG", JPEG),
          new Signature("PNG", PNG));

  /** Markup recognised after leading white space, ignoring case. */
  private static final List<Signature> MARKUP =
      List.of(
          new Signature("PHP", ascii("<?php")),
          new Signature("SVG", ascii("<svg")),
          new Signature("XML", ascii("<?xml")),
          new Signature("HTML", ascii("<!doctype html")),
          new Signature("HTML", ascii("<html")),
          new Signature("HTML", ascii("<head")),
          new Signature("HTML", ascii("<body")),
          new Signature("HTML", ascii("<script")),
          new Signature("HTML", ascii("<iframe")));

  /**
   * Signatures that betray a second file anywhere in data appended to an image. Archives are found
   * by their local header or their end record (which ZIP readers look for at the end of the file).
   */
  private static final List<Signature> HIDDEN =
      List.of(
          new Signature("ZIP", new byte[] {'P', 'K', 3, 4}),
          new Signature("ZIP", new byte[] {'P', 'K', 5, 6}),
          new Signature("RAR", new byte[] {'R', 'a', 'r', '!', 0x1A, 0x07}),
          new Signature(
              "7z", new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, (byte) 0x27, (byte) 0x1C}),
          new Signature("PDF", PDF),
          new Signature("PHP", ascii("<?php")),
          new Signature("HTML", ascii("<script")),
          new Signature("HTML", ascii("<html")),
          new Signature("SVG", ascii("<svg")));

  /** PDF readers look for the header anywhere in the first KiB of a file. */
  static final int PDF_HEADER_WINDOW = 1024;

  private Sniffer() {}

  /** The accepted type these bytes start with, or {@code null}. */
  static @Nullable DocumentType detect(byte[] bytes) {
    if (startsWith(bytes, 0, JPEG)) {
      return DocumentType.JPEG;
    }
    if (startsWith(bytes, 0, PNG)) {
      return DocumentType.PNG;
    }
    if (startsWith(bytes, 0, PDF)) {
      return DocumentType.PDF;
    }
    return null;
  }

  /**
   * The name of a recognisable format that starts at {@code from} (a format, not an accepted type:
   * JPEG, PNG and PDF are named too, for data appended to an image).
   */
  static Optional<String> formatAt(byte[] bytes, int from) {
    for (Signature signature : FOREIGN) {
      if (startsWith(bytes, from, signature.magic())) {
        return Optional.of(signature.format());
      }
    }
    if (isIsoMedia(bytes, from)) {
      return Optional.of("HEIF/MP4");
    }
    if (isWebp(bytes, from)) {
      return Optional.of("WebP");
    }
    int start = skipWhiteSpace(bytes, from);
    for (Signature signature : MARKUP) {
      if (startsWithIgnoringCase(bytes, start, signature.magic())) {
        return Optional.of(signature.format());
      }
    }
    return Optional.empty();
  }

  /** The first hidden file format found anywhere in {@code bytes[from, to)}. */
  static Optional<String> hiddenFormat(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      for (Signature signature : HIDDEN) {
        if (signature.magic().length <= to - i
            && startsWithIgnoringCase(bytes, i, signature.magic())) {
          return Optional.of(signature.format());
        }
      }
    }
    return Optional.empty();
  }

  /** Whether a PDF header occurs anywhere in {@code bytes[from, to)}. */
  static boolean containsPdfHeader(byte[] bytes, int from, int to) {
    for (int i = from; i <= to - PDF.length; i++) {
      if (startsWith(bytes, i, PDF)) {
        return true;
      }
    }
    return false;
  }

  /** The accepted type a file name's extension claims, or {@code null}. */
  static @Nullable DocumentType claimedByName(@Nullable String fileName) {
    String extension = extension(fileName);
    if (extension == null) {
      return null;
    }
    return switch (extension) {
      case "jpg", "jpeg", "jpe", "jfif" -> DocumentType.JPEG;
      case "png" -> DocumentType.PNG;
      case "pdf" -> DocumentType.PDF;
      default -> null;
    };
  }

  /** The lowercase extension of a file name (1 to 5 letters or digits after the last dot). */
  static @Nullable String extension(@Nullable String fileName) {
    if (fileName == null) {
      return null;
    }
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : fileName.substring(dot + 1);
    if (extension.isEmpty() || extension.length() > 5) {
      return null;
    }
    for (int i = 0; i < extension.length(); i++) {
      char c = extension.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
        return null;
      }
    }
    return extension.toLowerCase(Locale.ROOT);
  }

  /** The accepted type a content type claims, or {@code null}. */
  static @Nullable DocumentType claimedByContentType(@Nullable String contentType) {
    if (contentType == null) {
      return null;
    }
    int semicolon = contentType.indexOf(';');
    String type =
        (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
            .strip()
            .toLowerCase(Locale.ROOT);
    return switch (type) {
      case "image/jpeg", "image/jpg", "image/pjpeg" -> DocumentType.JPEG;
      case "image/png", "image/x-png" -> DocumentType.PNG;
      case "application/pdf", "application/x-pdf" -> DocumentType.PDF;
      default -> null;
    };
  }

  /** Whether a content type says something specific (not absent, empty or octet-stream). */
  static boolean isSpecific(@Nullable String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return false;
    }
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    return !type.startsWith("application/octet-stream");
  }

  static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
    if (from < 0 || bytes.length - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWithIgnoringCase(byte[] bytes, int from, byte[] prefix) {
    if (from < 0 || bytes.length - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (lower(bytes[from + i]) != lower(prefix[i])) {
        return false;
      }
    }
    return true;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  private static int skipWhiteSpace(byte[] bytes, int from) {
    int i = from;
    if (startsWith(bytes, i, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})) {
      i += 3;
    }
    int limit = Math.min(bytes.length, i + 1024);
    while (i < limit
        && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
      i++;
    }
    return i;
  }

  /** HEIC/HEIF, AVIF and MP4 files start with a box of type {@code ftyp} at byte 4. */
  private static boolean isIsoMedia(byte[] bytes, int from) {
    return startsWith(bytes, from + 4, ascii("ftyp"));
  }

  private static boolean isWebp(byte[] bytes, int from) {
    return startsWith(bytes, from, ascii("RIFF")) && startsWith(bytes, from + 8, ascii("WEBP"));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private record Signature(String format, byte[] magic) {}
}
