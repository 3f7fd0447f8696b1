package org.trademap.server.onboarding.documents;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * Why an upload was refused. Each reason has a stable code ({@code document.*}), the HTTP status an
 * API answers it with, and the English sentence that {@code problem.<code>.detail} in {@code
 * messages.properties} repeats (a test keeps the two equal).
 */
public enum Refusal {
  /** Nothing was uploaded. */
  EMPTY("document.empty", 422, "The file is empty."),
  /** More bytes than {@code trademap.documents.max-bytes}. Argument: the limit in MiB. */
  TOO_LARGE("document.too-large", 413, "The file is larger than {0,number,#.#} MiB."),
  /** The magic bytes are none of JPEG, PNG or PDF. */
  UNKNOWN_TYPE(
      "document.unknown-type", 415, "Only JPEG and PNG images and PDF documents are accepted."),
  /**
   * The name or the declared content type claims an accepted type but the bytes are a different,
   * recognisable format (an HTML page named {@code photo.png}). Arguments: the claimed type, the
   * format found.
   */
  DISGUISED("document.disguised", 415, "The file claims to be {0} but its content is {1}."),
  /** The type is accepted, but not for this kind of document. Arguments: type, accepted types. */
  TYPE_MISMATCH(
      "document.type-mismatch", 422, "A {0} file is not accepted here. Upload {1} instead."),
  /**
   * A pixel flood: the header claims more than {@code max-pixels} or a side longer than {@code
   * max-side}. Arguments: width, height.
   */
  TOO_MANY_PIXELS(
      "document.too-many-pixels",
      422,
      "The image claims {0,number,#} \u00d7 {1,number,#} pixels, more than this server decodes."),
  /** The short side is below {@code min-short-side}. Arguments: width, height, minimum. */
  TOO_SMALL_IMAGE(
      "document.too-small-image",
      422,
      "The image has {0,number,#} \u00d7 {1,number,#} pixels; its short side needs at least"
          + " {2,number,#} pixels to stay readable."),
  /** The bytes start like an accepted type but do not decode or parse as one. */
  UNDECODABLE("document.undecodable", 422, "The file is damaged or incomplete."),
  /**
   * The file hides other content: an archive or another file appended to an image, JavaScript,
   * actions or attached files in a PDF. Argument: what was found (a format or PDF name).
   */
  POLYGLOT(
      "document.polyglot",
      422,
      "The file carries hidden or active content ({0}). Upload a plain photo, scan or PDF."),
  /** The PDF is encrypted or password-protected. */
  ENCRYPTED(
      "document.encrypted", 422, "The PDF is encrypted. Upload it without password or protection."),
  /** The PDF has more than {@code max-pdf-pages} pages. Arguments: pages, maximum. */
  TOO_MANY_PAGES(
      "document.too-many-pages",
      422,
      "The PDF has {0,number,#} pages; at most {1,number,#} are accepted."),
  /** The user already has {@code max-documents-per-user} documents. Argument: the maximum. */
  QUOTA_EXCEEDED(
      "document.quota-exceeded",
      409,
      "You already uploaded {0,number,#} documents, the most this server keeps per person. Delete"
          + " one first.");

  private final String code;
  private final int httpStatus;
  private final String sentencePattern;

  Refusal(String code, int httpStatus, String sentencePattern) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.sentencePattern = sentencePattern;
  }

  /** The stable code, e.g. {@code document.too-large}. */
  public String code() {
    return code;
  }

  /** The HTTP status an API answers this refusal with (413, 415, 409 or 422). */
  public int httpStatus() {
    return httpStatus;
  }

  /** The English sentence as a {@link MessageFormat} pattern, equal to the messages' detail. */
  public String sentencePattern() {
    return sentencePattern;
  }

  IntakeResult.Refused refuse(Object... arguments) {
    String sentence = new MessageFormat(sentencePattern, Locale.ROOT).format(arguments);
    return new IntakeResult.Refused(this, sentence, List.of(arguments));
  }
}
