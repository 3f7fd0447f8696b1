package org.trademap.server.checks.document;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.checks.document-case.*} properties: how the ID document judgment joins the
 * cases.
 *
 * @param judgeOnSubmission whether a submission has its identity document judged in the background
 *     (OCR) and the result proposed on its case; default true
 * @param expiryCheckInterval how often the expiry job looks for identity documents that expired
 *     (and reopens their check); default 1 hour, 1 second to 7 days. The job's {@code @Scheduled}
 *     reads the same property, so it takes ISO-8601 ({@code PT1H}) or simple ({@code 1h}) durations
 */
@ConfigurationProperties("trademap.checks.document-case")
public record DocumentCaseProperties(
    @DefaultValue("true") boolean judgeOnSubmission,
    @DefaultValue("1h") Duration expiryCheckInterval) {

  public DocumentCaseProperties {
    if (expiryCheckInterval.compareTo(Duration.ofSeconds(1)) < 0
        || expiryCheckInterval.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException(
          "trademap.checks.document-case.expiry-check-interval must be 1 second to 7 days");
    }
  }
}
