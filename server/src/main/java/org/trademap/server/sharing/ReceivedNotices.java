package org.trademap.server.sharing;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On a securities company's own server (role {@code company}, ADR 0035): the change notices (③-D)
 * its relay client received, shown and acknowledged as on the consortium's console, each
 * acknowledgement reported back to the consortium; and how far the client read the relay's lists.
 */
@Service
class ReceivedNotices {
  private static final Logger log = LoggerFactory.getLogger(ReceivedNotices.class);

  /** The relay's list of packages. */
  static final String PACKAGES = "packages";

  /** The relay's list of change notices. */
  static final String NOTICES = "notices";

  private static final String COLUMNS = ChangeNotices.COLUMNS;

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ReceivedNotices(
      DataSource dataSource, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The company's notices, newest first. */
  List<ChangeNotices.Notice> list(String company) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM sharing_received_notice WHERE company_id = ?"
                + " ORDER BY created_at DESC, id")
        .param(company)
        .query((rs, n) -> ChangeNotices.notice(rs))
        .list();
  }

  /** Marks one of the company's notices handled; again changes nothing; else not found. */
  SharingResult<ChangeNotices.Notice> acknowledge(String company, UUID by, UUID noticeId) {
    return Objects.requireNonNull(
        transaction.execute(
            status -> {
              int marked =
                  jdbc.sql(
                          "UPDATE sharing_received_notice SET acknowledged_at = ?,"
                              + " acknowledged_by = ? WHERE id = ? AND company_id = ?"
                              + " AND acknowledged_at IS NULL")
                      .param(SharingRepository.timestamp(clock.instant()))
                      .param(by)
                      .param(noticeId)
                      .param(company)
                      .update();
              if (marked == 1) {
                log.info("company staff {} acknowledged change notice {}", by, noticeId);
              }
              return jdbc.sql(
                      "SELECT "
                          + COLUMNS
                          + " FROM sharing_received_notice WHERE id = ? AND company_id = ?")
                  .param(noticeId)
                  .param(company)
                  .query((rs, n) -> ChangeNotices.notice(rs))
                  .optional()
                  .<SharingResult<ChangeNotices.Notice>>map(SharingResult.Done::new)
                  .orElseGet(
                      () ->
                          SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.notice-not-found"));
            }));
  }

  /** Stores a relayed notice (again: nothing happens); false if its kind is not known here. */
  boolean store(String company, Relay.RelayedNotice n) {
    ChangeNotices.Kind kind;
    try {
      kind = ChangeNotices.Kind.valueOf(n.kind().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return false;
    }
    jdbc.sql(
            "INSERT INTO sharing_received_notice (id, application_id, company_id, kind,"
                + " created_at, package_id, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")
        .param(n.id())
        .param(n.applicationId())
        .param(company)
        .param(kind.name())
        .param(SharingRepository.timestamp(n.createdAt()))
        .param(n.packageId())
        .param(SharingRepository.timestamp(clock.instant()))
        .update();
    return true;
  }

  /** The notices acknowledged here whose acknowledgement the consortium has not taken yet. */
  List<UUID> unreported() {
    return jdbc.sql(
            "SELECT id FROM sharing_received_notice WHERE acknowledged_at IS NOT NULL"
                + " AND acknowledgement_reported IS NULL ORDER BY acknowledged_at, id")
        .query(UUID.class)
        .list();
  }

  /** The consortium took the acknowledgement (or refused it for good). */
  void reported(UUID noticeId) {
    jdbc.sql("UPDATE sharing_received_notice SET acknowledgement_reported = ? WHERE id = ?")
        .param(SharingRepository.timestamp(clock.instant()))
        .param(noticeId)
        .update();
  }

  /** How far the client read one of the relay's lists; empty for from the start. */
  Optional<String> cursor(String company, String list) {
    return jdbc.sql("SELECT position FROM sharing_relay_cursor WHERE company_id = ? AND list = ?")
        .param(company)
        .param(list)
        .query(String.class)
        .optional();
  }

  /** Keeps the client's position in one of the relay's lists. */
  void keepCursor(String company, String list, String position) {
    int updated =
        jdbc.sql("UPDATE sharing_relay_cursor SET position = ? WHERE company_id = ? AND list = ?")
            .param(position)
            .param(company)
            .param(list)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO sharing_relay_cursor (company_id, list, position) VALUES (?, ?, ?)"
                  + " ON CONFLICT DO NOTHING")
          .param(company)
          .param(list)
          .param(position)
          .update();
    }
  }
}
