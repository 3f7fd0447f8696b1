package org.trademap.server.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.KycCaseDecided;
import org.trademap.server.identity.Role;
import org.trademap.server.kyc.ConsentKind;
import org.trademap.server.kyc.Consents;
import org.trademap.server.kyc.PersonalDataChanged;

/**
 * Change notices (JPX ③-D): when a person corrects their personal data, or the back office decides
 * a re-KYC, every company holding an account for them (an approved application) gets a notice; if
 * the person's sharing consent for that company still stands, the notice comes with an updated
 * package, sealed to that company and recorded on the ledger ({@code kyc-sharing.update}, ADR
 * 0023). A company whose consent was withdrawn learns that something changed, not what. Company
 * staff list their company's notices and mark them handled.
 */
@Service
class ChangeNotices {
  private static final Logger log = LoggerFactory.getLogger(ChangeNotices.class);

  /** What changed. */
  enum Kind {
    PERSONAL_DATA_CHANGED,
    REKYC_APPROVED,
    REKYC_REJECTED;

    String apiName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A notice as the company sees it.
   *
   * @param id the notice
   * @param applicationId the application (account) it is about
   * @param kind {@code personal-data-changed}, {@code rekyc-approved} or {@code rekyc-rejected}
   * @param createdAt when
   * @param packageUpdated whether an updated package came with it (the consent still stood)
   * @param acknowledgedAt when the company marked it handled, or null
   */
  record Notice(
      UUID id,
      UUID applicationId,
      String kind,
      Instant createdAt,
      boolean packageUpdated,
      @Nullable Instant acknowledgedAt) {}

  /**
   * A notice as the relay hands it to a company's own server.
   *
   * @param id the notice
   * @param applicationId the application
   * @param kind as in {@link Notice}
   * @param createdAt when
   * @param packageId the updated package, or null
   */
  record Listed(
      UUID id, UUID applicationId, String kind, Instant createdAt, @Nullable UUID packageId) {}

  static final String COLUMNS = "id, application_id, kind, created_at, package_id, acknowledged_at";

  private final JdbcClient jdbc;
  private final SharingRepository repository;
  private final Applications applications;
  private final Consents consents;
  private final Companies companies;
  private final SharingProperties properties;
  private final ReceivedNotices received;
  private final TransactionTemplate newTransaction;
  private final Clock clock;

  ChangeNotices(
      DataSource dataSource,
      Applications applications,
      Consents consents,
      Companies companies,
      SharingProperties properties,
      ReceivedNotices received,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.jdbc = JdbcClient.create(dataSource);
    this.repository = new SharingRepository(dataSource);
    this.applications = applications;
    this.consents = consents;
    this.companies = companies;
    this.properties = properties;
    this.received = received;
    this.newTransaction = new TransactionTemplate(transactions);
    // Listeners run after the change committed: their writes need a transaction of their own.
    this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Order(10)
  @TransactionalEventListener
  void on(PersonalDataChanged changed) {
    notifyCompanies(changed.accountId(), Kind.PERSONAL_DATA_CHANGED);
  }

  @Order(10)
  @TransactionalEventListener
  void on(KycCaseDecided decided) {
    notifyCompanies(
        decided.accountId(), decided.approved() ? Kind.REKYC_APPROVED : Kind.REKYC_REJECTED);
  }

  /** One notice per approved application of the account, each in its own transaction. */
  void notifyCompanies(UUID accountId, Kind kind) {
    for (Application a : repository.applicationsOfAccount(accountId)) {
      if (a.state() != ApplicationState.APPROVED) {
        continue;
      }
      newTransaction.executeWithoutResult(
          status -> {
            Optional<Application> locked =
                repository
                    .lockApplication(a.id())
                    .filter(l -> l.state() == ApplicationState.APPROVED);
            if (locked.isEmpty()) {
              return;
            }
            UUID packageId =
                consentStands(accountId, a.companyId()) ? applications.reshare(locked.get()) : null;
            UUID id = UUID.randomUUID();
            jdbc.sql(
                    "INSERT INTO sharing_change_notice (id, application_id, company_id, kind,"
                        + " created_at, package_id) VALUES (?, ?, ?, ?, ?, ?)")
                .param(id)
                .param(a.id())
                .param(a.companyId())
                .param(kind.name())
                .param(SharingRepository.timestamp(clock.instant()))
                .param(packageId)
                .update();
            log.info(
                "change notice {} ({}) for application {}{}",
                id,
                kind.apiName(),
                a.id(),
                packageId == null ? " without a package: the consent was withdrawn" : "");
          });
    }
  }

  private boolean consentStands(UUID accountId, String companyId) {
    String scope = Applications.scope(companyId);
    return consents.latest(accountId).stream()
        .anyMatch(c -> c.kind() == ConsentKind.SHARING && c.scope().equals(scope) && c.active());
  }

  /** The notices of the staff member's company, newest first; refused for other accounts. */
  SharingResult<List<Notice>> list(SignedIn staff) {
    Optional<String> company = companyOf(staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    if (ownServer()) {
      return new SharingResult.Done<>(received.list(company.get()));
    }
    return new SharingResult.Done<>(
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM sharing_change_notice WHERE company_id = ?"
                    + " ORDER BY created_at DESC, id")
            .param(company.get())
            .query((rs, n) -> notice(rs))
            .list());
  }

  /**
   * Marks a notice of the staff member's company as handled; marking it again changes nothing.
   * Another company's notice, or an unknown one, is not found. On a company's own server the relay
   * client reports it to the consortium.
   */
  SharingResult<Notice> acknowledge(SignedIn staff, UUID noticeId) {
    Optional<String> company = companyOf(staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.notice-not-found");
    }
    if (ownServer()) {
      return received.acknowledge(company.get(), staff.accountId(), noticeId);
    }
    return acknowledge(company.get(), staff.accountId(), noticeId);
  }

  /**
   * Marks a notice of the company as handled, by one of its staff here or (null) by its own server
   * through the relay; again changes nothing; another company's notice is not found.
   */
  SharingResult<Notice> acknowledge(String company, @Nullable UUID by, UUID noticeId) {
    return Objects.requireNonNull(
        newTransaction.execute(
            status -> {
              jdbc.sql(
                      "UPDATE sharing_change_notice SET acknowledged_at = ?, acknowledged_by = ?"
                          + " WHERE id = ? AND company_id = ? AND acknowledged_at IS NULL")
                  .param(SharingRepository.timestamp(clock.instant()))
                  .param(by)
                  .param(noticeId)
                  .param(company)
                  .update();
              Optional<Notice> notice =
                  jdbc.sql(
                          "SELECT "
                              + COLUMNS
                              + " FROM sharing_change_notice WHERE id = ? AND company_id = ?")
                      .param(noticeId)
                      .param(company)
                      .query((rs, n) -> notice(rs))
                      .optional();
              return notice
                  .<SharingResult<Notice>>map(SharingResult.Done::new)
                  .orElseGet(
                      () ->
                          SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.notice-not-found"));
            }));
  }

  /** The company's notices for the relay, oldest first, after the cursor, at most {@code limit}. */
  List<Listed> ofCompany(String company, Optional<RelayCursor> after, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM sharing_change_notice WHERE company_id = ?"
                + SharingRepository.after(after)
                + " ORDER BY created_at, id LIMIT ?")
        .params(SharingRepository.afterParams(company, after, limit))
        .query(
            (rs, n) ->
                new Listed(
                    rs.getObject("id", UUID.class),
                    rs.getObject("application_id", UUID.class),
                    Kind.valueOf(rs.getString("kind")).apiName(),
                    SharingRepository.required(rs, "created_at"),
                    rs.getObject("package_id", UUID.class)))
        .list();
  }

  private boolean ownServer() {
    return properties.role() == SharingProperties.Role.COMPANY;
  }

  private Optional<String> companyOf(SignedIn staff) {
    if (staff.role() != Role.COMPANY_REVIEWER && staff.role() != Role.COMPANY_APPROVER) {
      return Optional.empty();
    }
    return companies.companyOf(staff.accountId());
  }

  /** A notice read from a row of {@link #COLUMNS} (here, or on a company's own server). */
  static Notice notice(ResultSet rs) throws SQLException {
    return new Notice(
        rs.getObject("id", UUID.class),
        rs.getObject("application_id", UUID.class),
        Kind.valueOf(rs.getString("kind")).apiName(),
        SharingRepository.required(rs, "created_at"),
        rs.getObject("package_id", UUID.class) != null,
        SharingRepository.instant(rs.getObject("acknowledged_at", java.time.OffsetDateTime.class)));
  }
}
