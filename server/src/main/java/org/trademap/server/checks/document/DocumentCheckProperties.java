package org.trademap.server.checks.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.checks.document.*} properties: how OCR of identity documents runs.
 *
 * @param ocrThreads threads that run OCR, each with its own Tesseract instance (about 100 MB);
 *     default 1 (the 2-core target machine also serves the ledger), 1 to 8
 * @param ocrQueue OCR jobs that may wait for a thread; one more is answered "busy"; default 8, 1 to
 *     100
 * @param ocrTimeout how long a judgment waits for its OCR before it reports a time-out; default 60
 *     seconds, 1 second to 10 minutes
 */
@ConfigurationProperties("trademap.checks.document")
public record DocumentCheckProperties(
    @DefaultValue("1") int ocrThreads,
    @DefaultValue("8") int ocrQueue,
    @DefaultValue("60s") Duration ocrTimeout) {

  public DocumentCheckProperties {
    if (ocrThreads < 1 || ocrThreads > 8) {
      throw new IllegalArgumentException("trademap.checks.document.ocr-threads must be 1 to 8");
    }
    if (ocrQueue < 1 || ocrQueue > 100) {
      throw new IllegalArgumentException("trademap.checks.document.ocr-queue must be 1 to 100");
    }
    if (ocrTimeout.compareTo(Duration.ofSeconds(1)) < 0
        || ocrTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new IllegalArgumentException(
          "trademap.checks.document.ocr-timeout must be 1 second to 10 minutes");
    }
  }

  /** The defaults. */
  public static DocumentCheckProperties defaults() {
    return new DocumentCheckProperties(1, 8, Duration.ofSeconds(60));
  }
}
