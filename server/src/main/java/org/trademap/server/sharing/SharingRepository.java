package org.trademap.server.sharing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The tables of the sharing module (Flyway V13). */
final class SharingRepository {
  private static final String APPLICATION_COLUMNS =
      "id, application_ref, account_id, subject_ref, company_id, recipient_salt, purpose,"
          + " consent_version, state, applied_at, withdrawn_at, decided_at, decided_by";

  private static final String PACKAGE_COLUMNS =
      "id, application_id, company_id, sealed, package_hash, outbox_key, created_at";

  /**
   * A company's stored row.
   *
   * @param id the company id
   * @param name its name
   * @param keySubject the vault subject sealing its private key
   * @param publicKey its X25519 public key
   * @param privateKeySealed its private key, sealed by the vault
   */
  record CompanyRow(
      String id,
      String name,
      @Nullable UUID keySubject,
      byte[] publicKey,
      byte @Nullable [] privateKeySealed) {}

  /**
   * A package's stored row.
   *
   * @param id the package
   * @param applicationId its application
   * @param companyId the company it is sealed to
   * @param sealed the sealed bytes, null once withdrawn
   * @param packageHash SHA-256 of the sealed bytes as recorded
   * @param outboxKey the outbox key of its {@code share} transaction
   * @param createdAt when it was assembled
   */
  record PackageRow(
      UUID id,
      UUID applicationId,
      String companyId,
      byte @Nullable [] sealed,
      byte[] packageHash,
      String outboxKey,
      Instant createdAt) {}

  private final JdbcClient jdbc;

  SharingRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  // ---- companies -------------------------------------------------------------------------------

  boolean insertCompanyIfAbsent(CompanyRow row, Instant now) {
    return jdbc.sql(
                "INSERT INTO sharing_company (id, name, key_subject, public_key,"
                    + " private_key_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .param(row.id())
            .param(row.name())
            .param(row.keySubject())
            .param(row.publicKey())
            .param(row.privateKeySealed())
            .param(timestamp(now))
            .update()
        == 1;
  }

  /**
   * Stores the public key a company's own server registered (ADR 0035): no private key here.
   * Inserts the company, or replaces its key.
   */
  void registerCompanyKey(String id, String name, byte[] publicKey, Instant now) {
    int updated =
        jdbc.sql(
                "UPDATE sharing_company SET public_key = ?, key_subject = NULL,"
                    + " private_key_sealed = NULL, key_registered_at = ? WHERE id = ?")
            .param(publicKey)
            .param(timestamp(now))
            .param(id)
            .update();
    if (updated == 0) {
      jdbc.sql(
              "INSERT INTO sharing_company (id, name, public_key, key_registered_at, created_at)"
                  + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
          .param(id)
          .param(name)
          .param(publicKey)
          .param(timestamp(now))
          .param(timestamp(now))
          .update();
    }
  }

  void renameCompany(String id, String name) {
    jdbc.sql("UPDATE sharing_company SET name = ? WHERE id = ? AND name <> ?")
        .param(name)
        .param(id)
        .param(name)
        .update();
  }

  List<CompanyRow> companies() {
    return jdbc.sql(
            "SELECT id, name, key_subject, public_key, private_key_sealed FROM sharing_company"
                + " ORDER BY id")
        .query((rs, n) -> company(rs))
        .list();
  }

  Optional<CompanyRow> company(String id) {
    return jdbc.sql(
            "SELECT id, name, key_subject, public_key, private_key_sealed FROM sharing_company"
                + " WHERE id = ?")
        .param(id)
        .query((rs, n) -> company(rs))
        .optional();
  }

  private static CompanyRow company(ResultSet rs) throws SQLException {
    return new CompanyRow(
        rs.getString("id"),
        rs.getString("name"),
        rs.getObject("key_subject", UUID.class),
        rs.getBytes("public_key"),
        rs.getBytes("private_key_sealed"));
  }

  void bindStaff(UUID accountId, String companyId) {
    jdbc.sql("INSERT INTO sharing_company_staff (account_id, company_id) VALUES (?, ?)")
        .param(accountId)
        .param(companyId)
        .update();
  }

  Optional<String> companyOfStaff(UUID accountId) {
    return jdbc.sql("SELECT company_id FROM sharing_company_staff WHERE account_id = ?")
        .param(accountId)
        .query(String.class)
        .optional();
  }

  // ---- applications ----------------------------------------------------------------------------

  /** Inserts the application unless the account has a live one at the company; whether it did. */
  boolean insertApplication(Application a) {
    return jdbc.sql(
                "INSERT INTO sharing_application (id, application_ref, account_id, subject_ref,"
                    + " company_id, recipient_salt, purpose, consent_version, state, active_key,"
                    + " applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .param(a.id())
            .param(a.ref())
            .param(a.accountId())
            .param(a.subjectRef())
            .param(a.companyId())
            .param(a.salt())
            .param(a.purpose())
            .param(a.consentVersion())
            .param(a.state().name())
            .param(activeKey(a.accountId(), a.companyId()))
            .param(timestamp(a.appliedAt()))
            .update()
        == 1;
  }

  boolean hasLiveApplication(UUID accountId, String companyId) {
    return jdbc.sql("SELECT COUNT(*) FROM sharing_application WHERE active_key = ?")
            .param(activeKey(accountId, companyId))
            .query(Integer.class)
            .single()
        > 0;
  }

  Optional<Application> application(UUID id) {
    return jdbc.sql("SELECT " + APPLICATION_COLUMNS + " FROM sharing_application WHERE id = ?")
        .param(id)
        .query((rs, n) -> application(rs))
        .optional();
  }

  Optional<Application> lockApplication(UUID id) {
    return jdbc.sql(
            "SELECT " + APPLICATION_COLUMNS + " FROM sharing_application WHERE id = ? FOR UPDATE")
        .param(id)
        .query((rs, n) -> application(rs))
        .optional();
  }

  List<Application> applicationsOfAccount(UUID accountId) {
    return jdbc.sql(
            "SELECT "
                + APPLICATION_COLUMNS
                + " FROM sharing_application WHERE account_id = ? ORDER BY applied_at, id")
        .param(accountId)
        .query((rs, n) -> application(rs))
        .list();
  }

  List<Application> applicationsOfCompany(String companyId) {
    return jdbc.sql(
            "SELECT "
                + APPLICATION_COLUMNS
                + " FROM sharing_application WHERE company_id = ? ORDER BY applied_at DESC, id")
        .param(companyId)
        .query((rs, n) -> application(rs))
        .list();
  }

  void withdraw(UUID id, Instant at) {
    jdbc.sql(
            "UPDATE sharing_application SET state = 'WITHDRAWN', active_key = NULL,"
                + " withdrawn_at = ? WHERE id = ?")
        .param(timestamp(at))
        .param(id)
        .update();
    jdbc.sql("UPDATE sharing_package SET sealed = NULL WHERE application_id = ?")
        .param(id)
        .update();
  }

  void decide(UUID id, ApplicationState state, UUID by, Instant at, byte[] reasonSealed) {
    jdbc.sql(
            "UPDATE sharing_application SET state = ?, active_key = CASE WHEN ? THEN active_key"
                + " ELSE NULL END, decided_at = ?, decided_by = ?, decision_reason_sealed = ?"
                + " WHERE id = ?")
        .param(state.name())
        .param(state == ApplicationState.APPROVED)
        .param(timestamp(at))
        .param(by)
        .param(reasonSealed)
        .param(id)
        .update();
  }

  /**
   * Records a decision a company's own server made (ADR 0035): its decide transaction (model a) or
   * its signed statement (model b). No staff member or reason of this server.
   */
  void decideByCompanyServer(
      UUID id,
      ApplicationState state,
      Instant at,
      @Nullable String decisionTx,
      byte @Nullable [] statement) {
    jdbc.sql(
            "UPDATE sharing_application SET state = ?, active_key = CASE WHEN ? THEN active_key"
                + " ELSE NULL END, decided_at = ?, decision_tx = ?, decision_statement = ?"
                + " WHERE id = ?")
        .param(state.name())
        .param(state == ApplicationState.APPROVED)
        .param(timestamp(at))
        .param(decisionTx)
        .param(statement)
        .param(id)
        .update();
  }

  /** The company server's decide transaction of an application (model a), if one was reported. */
  Optional<String> decisionTx(UUID id) {
    return jdbc.sql("SELECT decision_tx FROM sharing_application WHERE id = ?")
        .param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getString(1)))
        .optional()
        .flatMap(o -> o);
  }

  /** The company node's signed decision statement of an application (model b), if any. */
  Optional<byte[]> decisionStatement(UUID id) {
    return jdbc.sql("SELECT decision_statement FROM sharing_application WHERE id = ?")
        .param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
        .optional()
        .flatMap(o -> o);
  }

  /**
   * Notes a relay request's nonce; false if the member used it before (a replay). Forgets nonces
   * seen before {@code forgetBefore}, whose requests are refused as stale anyway.
   */
  boolean firstUseOfNonce(String member, String nonce, Instant now, Instant forgetBefore) {
    jdbc.sql("DELETE FROM sharing_relay_nonce WHERE seen_at < ?")
        .param(timestamp(forgetBefore))
        .update();
    return jdbc.sql(
                "INSERT INTO sharing_relay_nonce (member_id, nonce, seen_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING")
            .param(member)
            .param(nonce)
            .param(timestamp(now))
            .update()
        == 1;
  }

  /**
   * The packages sealed to a company that are still handed out, oldest first, after the cursor's
   * position (from the first without one), at most {@code limit}.
   */
  List<PackageRow> packagesOfCompany(String companyId, Optional<RelayCursor> after, int limit) {
    return jdbc.sql(
            "SELECT "
                + PACKAGE_COLUMNS
                + " FROM sharing_package WHERE company_id = ? AND sealed IS NOT NULL"
                + after(after)
                + " ORDER BY created_at, id LIMIT ?")
        .params(afterParams(companyId, after, limit))
        .query((rs, n) -> packageRow(rs))
        .list();
  }

  /** The condition of rows after a cursor's position, ordered by {@code created_at, id}. */
  static String after(Optional<RelayCursor> after) {
    return after.isEmpty() ? "" : " AND (created_at > ? OR (created_at = ? AND id > ?))";
  }

  /** The parameters of a list by company after a cursor (see {@link #after}), and the limit. */
  static List<Object> afterParams(String companyId, Optional<RelayCursor> after, int limit) {
    List<Object> params = new java.util.ArrayList<>();
    params.add(companyId);
    after.ifPresent(
        c -> {
          params.add(timestamp(c.at()));
          params.add(timestamp(c.at()));
          params.add(c.id());
        });
    params.add(limit);
    return params;
  }

  /** A package by id. */
  Optional<PackageRow> packageById(UUID id) {
    return jdbc.sql("SELECT " + PACKAGE_COLUMNS + " FROM sharing_package WHERE id = ?")
        .param(id)
        .query((rs, n) -> packageRow(rs))
        .optional();
  }

  Optional<byte[]> decisionReason(UUID id) {
    return jdbc.sql("SELECT decision_reason_sealed FROM sharing_application WHERE id = ?")
        .param(id)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
        .optional()
        .flatMap(o -> o);
  }

  private static Application application(ResultSet rs) throws SQLException {
    return new Application(
        rs.getObject("id", UUID.class),
        rs.getString("application_ref"),
        rs.getObject("account_id", UUID.class),
        rs.getString("subject_ref"),
        rs.getString("company_id"),
        rs.getBytes("recipient_salt"),
        rs.getString("purpose"),
        rs.getString("consent_version"),
        ApplicationState.valueOf(rs.getString("state")),
        required(rs, "applied_at"),
        instant(rs.getObject("withdrawn_at", OffsetDateTime.class)),
        instant(rs.getObject("decided_at", OffsetDateTime.class)),
        rs.getObject("decided_by", UUID.class));
  }

  // ---- packages --------------------------------------------------------------------------------

  void insertPackage(PackageRow p) {
    jdbc.sql(
            "INSERT INTO sharing_package (id, application_id, company_id, sealed, package_hash,"
                + " outbox_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .param(p.id())
        .param(p.applicationId())
        .param(p.companyId())
        .param(p.sealed())
        .param(p.packageHash())
        .param(p.outboxKey())
        .param(timestamp(p.createdAt()))
        .update();
  }

  /** The newest package of the application sealed to the company. */
  Optional<PackageRow> packageFor(UUID applicationId, String companyId) {
    return packagesFor(applicationId, companyId).stream().findFirst();
  }

  /** The packages of an application for a company, newest first. */
  List<PackageRow> packagesFor(UUID applicationId, String companyId) {
    return jdbc.sql(
            "SELECT "
                + PACKAGE_COLUMNS
                + " FROM sharing_package WHERE application_id = ? AND company_id = ?"
                + " ORDER BY created_at DESC, id")
        .param(applicationId)
        .param(companyId)
        .query((rs, n) -> packageRow(rs))
        .list();
  }

  private static PackageRow packageRow(ResultSet rs) throws SQLException {
    return new PackageRow(
        rs.getObject("id", UUID.class),
        rs.getObject("application_id", UUID.class),
        rs.getString("company_id"),
        rs.getBytes("sealed"),
        rs.getBytes("package_hash"),
        rs.getString("outbox_key"),
        required(rs, "created_at"));
  }

  /** The outbox keys of the application's packages, oldest first. */
  List<String> shareKeys(UUID applicationId) {
    return jdbc.sql(
            "SELECT outbox_key FROM sharing_package WHERE application_id = ?"
                + " ORDER BY created_at, id")
        .param(applicationId)
        .query(String.class)
        .list();
  }

  private static String activeKey(UUID accountId, String companyId) {
    return accountId + "/" + companyId;
  }

  static Instant required(ResultSet rs, String column) throws SQLException {
    Instant value = instant(rs.getObject(column, OffsetDateTime.class));
    if (value == null) {
      throw new IllegalStateException(column + " is null");
    }
    return value;
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static @Nullable Instant instant(@Nullable OffsetDateTime timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
