package org.trademap.server.sharing;

import static org.trademap.server.sharing.SharingRepository.instant;
import static org.trademap.server.sharing.SharingRepository.required;
import static org.trademap.server.sharing.SharingRepository.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The packages a company's own server received through the relay (table sharing_received, V16). */
final class ReceivedRepository {
  private static final String COLUMNS =
      "application_id, application_ref, company_id, recipient_salt, purpose, consent_version,"
          + " applied_at, channel, package_id, share_tx, step_txs, sealed, received_at, state,"
          + " decided_at, decision_statement, decision_reported";

  /**
   * A received package with its application and the company's decision.
   *
   * @param applicationId the application (the consortium's id)
   * @param ref its ledger reference
   * @param companyId this company
   * @param salt the recipient commitment's salt
   * @param purpose what the person consented to
   * @param consentVersion the consent text's version
   * @param appliedAt when the person applied
   * @param channel the channel of the application's records
   * @param packageId the newest package
   * @param shareTx the transaction that recorded its hash (hex)
   * @param stepTxs the consortium's transactions of the application (hex), oldest first
   * @param sealed the sealed package, null once withdrawn
   * @param receivedAt when it came
   * @param state applied, approved or rejected
   * @param decidedAt when decided, or null
   * @param statement the node's signed decision statement (model b), or null
   * @param reportedAt when the consortium took the decision, or null
   */
  record Received(
      UUID applicationId,
      String ref,
      String companyId,
      byte[] salt,
      String purpose,
      String consentVersion,
      Instant appliedAt,
      String channel,
      UUID packageId,
      String shareTx,
      List<String> stepTxs,
      byte @Nullable [] sealed,
      Instant receivedAt,
      ApplicationState state,
      @Nullable Instant decidedAt,
      byte @Nullable [] statement,
      @Nullable Instant reportedAt) {

    /** Copies the arrays and the list. */
    Received {
      salt = salt.clone();
      sealed = sealed == null ? null : sealed.clone();
      stepTxs = List.copyOf(stepTxs);
      statement = statement == null ? null : statement.clone();
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public byte @Nullable [] sealed() {
      return sealed == null ? null : sealed.clone();
    }

    @Override
    public byte @Nullable [] statement() {
      return statement == null ? null : statement.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Received r
          && r.applicationId.equals(applicationId)
          && r.packageId.equals(packageId);
    }

    @Override
    public int hashCode() {
      return applicationId.hashCode();
    }

    @Override
    public String toString() {
      return "Received[" + applicationId + ", " + state + "]";
    }
  }

  private final JdbcClient jdbc;

  ReceivedRepository(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Stores a new application's package, or an application's newer package (③-D). */
  void store(Received r) {
    int updated =
        jdbc.sql(
                "UPDATE sharing_received SET package_id = ?, share_tx = ?, step_txs = ?, sealed = ?,"
                    + " received_at = ? WHERE application_id = ? AND package_id <> ?")
            .param(r.packageId())
            .param(r.shareTx())
            .param(String.join(",", r.stepTxs()))
            .param(r.sealed())
            .param(timestamp(r.receivedAt()))
            .param(r.applicationId())
            .param(r.packageId())
            .update();
    if (updated > 0) {
      return;
    }
    jdbc.sql(
            "INSERT INTO sharing_received (application_id, application_ref, company_id,"
                + " recipient_salt, purpose, consent_version, applied_at, channel, package_id,"
                + " share_tx, step_txs, sealed, received_at, state)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'APPLIED') ON CONFLICT DO NOTHING")
        .param(r.applicationId())
        .param(r.ref())
        .param(r.companyId())
        .param(r.salt())
        .param(r.purpose())
        .param(r.consentVersion())
        .param(timestamp(r.appliedAt()))
        .param(r.channel())
        .param(r.packageId())
        .param(r.shareTx())
        .param(String.join(",", r.stepTxs()))
        .param(r.sealed())
        .param(timestamp(r.receivedAt()))
        .update();
  }

  /** Whether this package was received. */
  boolean has(UUID packageId) {
    return jdbc.sql("SELECT COUNT(*) FROM sharing_received WHERE package_id = ?")
            .param(packageId)
            .query(Integer.class)
            .single()
        > 0;
  }

  Optional<Received> find(UUID applicationId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM sharing_received WHERE application_id = ?")
        .param(applicationId)
        .query((rs, n) -> received(rs))
        .optional();
  }

  Optional<Received> lock(UUID applicationId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM sharing_received WHERE application_id = ? FOR UPDATE")
        .param(applicationId)
        .query((rs, n) -> received(rs))
        .optional();
  }

  /** The company's applications, newest first. */
  List<Received> ofCompany(String companyId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM sharing_received WHERE company_id = ?"
                + " ORDER BY applied_at DESC, application_id")
        .param(companyId)
        .query((rs, n) -> received(rs))
        .list();
  }

  /** Decided applications whose decision the consortium has not taken yet. */
  List<Received> unreported() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM sharing_received WHERE state <> 'APPLIED' AND decision_reported IS NULL"
                + " ORDER BY decided_at, application_id")
        .query((rs, n) -> received(rs))
        .list();
  }

  void decide(
      UUID applicationId,
      ApplicationState state,
      UUID by,
      Instant at,
      byte[] reasonSealed,
      byte @Nullable [] statement) {
    jdbc.sql(
            "UPDATE sharing_received SET state = ?, decided_by = ?, decided_at = ?,"
                + " decision_reason_sealed = ?, decision_statement = ? WHERE application_id = ?")
        .param(state.name())
        .param(by)
        .param(timestamp(at))
        .param(reasonSealed)
        .param(statement)
        .param(applicationId)
        .update();
  }

  /**
   * Marks an application the person withdrew before the decision and forgets its package; whether
   * it was one waiting for the decision.
   */
  boolean withdraw(UUID applicationId) {
    return jdbc.sql(
                "UPDATE sharing_received SET state = 'WITHDRAWN', sealed = NULL"
                    + " WHERE application_id = ? AND state = 'APPLIED'")
            .param(applicationId)
            .update()
        == 1;
  }

  void reported(UUID applicationId, Instant at) {
    jdbc.sql("UPDATE sharing_received SET decision_reported = ? WHERE application_id = ?")
        .param(timestamp(at))
        .param(applicationId)
        .update();
  }

  Optional<byte[]> decisionReason(UUID applicationId) {
    return jdbc.sql("SELECT decision_reason_sealed FROM sharing_received WHERE application_id = ?")
        .param(applicationId)
        .query((rs, n) -> Optional.ofNullable(rs.getBytes(1)))
        .optional()
        .flatMap(o -> o);
  }

  private static Received received(ResultSet rs) throws SQLException {
    String steps = rs.getString("step_txs");
    return new Received(
        rs.getObject("application_id", UUID.class),
        rs.getString("application_ref"),
        rs.getString("company_id"),
        rs.getBytes("recipient_salt"),
        rs.getString("purpose"),
        rs.getString("consent_version"),
        required(rs, "applied_at"),
        rs.getString("channel"),
        rs.getObject("package_id", UUID.class),
        rs.getString("share_tx"),
        steps.isEmpty() ? List.of() : Arrays.asList(steps.split(",")),
        rs.getBytes("sealed"),
        required(rs, "received_at"),
        ApplicationState.valueOf(rs.getString("state")),
        instant(rs.getObject("decided_at", OffsetDateTime.class)),
        rs.getBytes("decision_statement"),
        instant(rs.getObject("decision_reported", OffsetDateTime.class)));
  }
}
