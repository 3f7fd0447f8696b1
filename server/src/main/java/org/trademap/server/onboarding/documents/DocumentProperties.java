package org.trademap.server.onboarding.documents;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The limits of document intake ({@code trademap.documents.*}).
 *
 * @param maxBytes the largest upload; larger ones are refused after reading at most one byte more.
 *     Default {@code 10MB} (10 MiB: a phone photo of a passport page is 2 to 6 MiB).
 * @param maxPixels the most pixels an image header may claim before it is decoded; more is a pixel
 *     flood and refused without allocating anything. Default 40,000,000 (a 40-megapixel photo
 *     decodes into about 120 MB of heap).
 * @param maxSide the longest side an image may claim, in pixels. Default 12,000.
 * @param minShortSide the shortest short side of an image, in pixels, so that the machine-readable
 *     zone stays readable for OCR. Default 600.
 * @param maxPdfPages the most pages a PDF may have. Default 50.
 * @param maxDocumentsPerUser how many documents one person may keep, checked with {@link
 *     DocumentIntake#checkQuota(long)}. Default 20.
 * @param maxConcurrentDecodes how many images are decoded at the same time; further uploads wait,
 *     which bounds the heap that decoding takes. Default 2.
 */
@ConfigurationProperties("trademap.documents")
public record DocumentProperties(
    @DefaultValue("10MB") DataSize maxBytes,
    @DefaultValue("40000000") long maxPixels,
    @DefaultValue("12000") int maxSide,
    @DefaultValue("600") int minShortSide,
    @DefaultValue("50") int maxPdfPages,
    @DefaultValue("20") int maxDocumentsPerUser,
    @DefaultValue("2") int maxConcurrentDecodes) {

  public DocumentProperties {
    if (maxBytes.toBytes() <= 0 || maxBytes.toBytes() >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("trademap.documents.max-bytes must be 1 B to 2 GB");
    }
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("trademap.documents.max-pixels must be positive");
    }
    if (maxSide <= 0) {
      throw new IllegalArgumentException("trademap.documents.max-side must be positive");
    }
    if (minShortSide < 1 || minShortSide > maxSide) {
      throw new IllegalArgumentException(
          "trademap.documents.min-short-side must be 1 to trademap.documents.max-side");
    }
    if (maxPdfPages < 1) {
      throw new IllegalArgumentException("trademap.documents.max-pdf-pages must be positive");
    }
    if (maxDocumentsPerUser < 1) {
      throw new IllegalArgumentException(
          "trademap.documents.max-documents-per-user must be positive");
    }
    if (maxConcurrentDecodes < 1) {
      throw new IllegalArgumentException(
          "trademap.documents.max-concurrent-decodes must be positive");
    }
  }

  /** The defaults, as documented above and bound when nothing is configured. */
  public static DocumentProperties defaults() {
    return new DocumentProperties(DataSize.ofMegabytes(10), 40_000_000, 12_000, 600, 50, 20, 2);
  }
}
