package org.trademap.server.checks.document;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.trademap.contracts.kyc.CheckProcess;
import org.trademap.server.checks.Checks;
import org.trademap.server.checks.ReopenReason;

/**
 * Re-KYC on document expiry: every {@code trademap.checks.document-case.expiry-check-interval} it
 * looks for subjects whose identity document (the expiry date of its parsed zone, kept with the
 * judgment) expired before today by the injected clock, and reopens their ID document check with
 * {@link ReopenReason#DOCUMENT_EXPIRED} — once per expiry date, not on every run — and judges it
 * again, so that the reopened task shows the expiry as its proposal. A document that was already
 * expired when it was judged is not reopened: its judgment proposed to fail.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DocumentExpiryJob {
  private static final Logger log = LoggerFactory.getLogger(DocumentExpiryJob.class);

  private final DocumentCase documents;
  private final JudgmentStore store;
  private final Checks checks;
  private final Clock clock;

  DocumentExpiryJob(DocumentCase documents, Checks checks, ObjectProvider<Clock> clock) {
    this.documents = documents;
    this.store = documents.store();
    this.checks = checks;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Scheduled(
      fixedDelayString = "${trademap.checks.document-case.expiry-check-interval:1h}",
      initialDelayString = "${trademap.checks.document-case.expiry-check-interval:1h}")
  void run() {
    try {
      reopenExpired();
    } catch (RuntimeException e) {
      log.error("document expiry job failed: {}", e.getClass().getName());
    }
  }

  /**
   * Reopens the ID document check of every subject whose document expired since the last run.
   *
   * @return how many were reopened
   */
  int reopenExpired() {
    LocalDate today = LocalDate.now(clock);
    int reopened = 0;
    for (JudgmentStore.Expired expired : store.expiredBefore(today)) {
      if (checks
          .reopen(expired.ref(), Set.of(CheckProcess.ID_DOCUMENT), ReopenReason.DOCUMENT_EXPIRED)
          .isPresent()) {
        reopened++;
        log.info(
            "subject {}: identity document expired, ID document check reopened", expired.ref());
        documents.schedule(expired.ref());
      }
      store.markReopened(expired.ref(), expired.expiry());
    }
    return reopened;
  }
}
