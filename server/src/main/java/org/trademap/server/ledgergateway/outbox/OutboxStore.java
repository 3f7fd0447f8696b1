package org.trademap.server.ledgergateway.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.ledger.api.crypto.Hash;

/**
 * The table {@code ledger_outbox} over JDBC. Joins the caller's Spring transaction on the same
 * {@link DataSource}; every write of the dispatcher is one statement, so it needs none.
 */
final class OutboxStore {
  private static final String COLUMNS =
      "seq, idempotency_key, channel, contract_id, contract_version, method, args, status, signed_tx, tx_id,"
          + " nonce, signings, height, reject_code, reject_reason, reject_message, created_at";

  /** A row with everything the dispatcher needs. */
  record Row(
      long seq,
      String idempotencyKey,
      @Nullable String channel,
      String contractId,
      int contractVersion,
      String method,
      byte[] args,
      OutboxStatus status,
      byte @Nullable [] signedTx,
      @Nullable Long nonce,
      int signings,
      Instant createdAt) {

    OutboxEntry entry() {
      return new OutboxEntry(
          seq, idempotencyKey, channel, contractId, contractVersion, method, status, createdAt);
    }

    /** Whether the row records the same intent as these values. */
    boolean sameIntent(
        @Nullable String channelName,
        String contract,
        int version,
        String methodName,
        byte[] arguments) {
      return Objects.equals(channel, channelName)
          && contractId.equals(contract)
          && contractVersion == version
          && method.equals(methodName)
          && Arrays.equals(args, arguments);
    }

    @Override
    public String toString() {
      return "OutboxRow[seq="
          + seq
          + ", "
          + (channel == null ? "" : channel + ":")
          + contractId
          + "."
          + method
          + ", "
          + status
          + "]";
    }
  }

  private final JdbcClient jdbc;

  OutboxStore(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  /** Inserts a pending entry unless one with the key exists; returns whether it inserted. */
  boolean insertIfAbsent(
      String key,
      @Nullable String channel,
      String contractId,
      int version,
      String method,
      byte[] args,
      Instant now) {
    return jdbc.sql(
                "INSERT INTO ledger_outbox (idempotency_key, channel, contract_id,"
                    + " contract_version, method, args, status, signings, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?) ON CONFLICT DO NOTHING")
            .param(key)
            .param(channel)
            .param(contractId)
            .param(version)
            .param(method)
            .param(args)
            .param(timestamp(now))
            .update()
        == 1;
  }

  Optional<Row> find(String key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_outbox WHERE idempotency_key = ?")
        .param(key)
        .query((rs, n) -> row(rs))
        .optional();
  }

  Optional<Row> find(long seq) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM ledger_outbox WHERE seq = ?")
        .param(seq)
        .query((rs, n) -> row(rs))
        .optional();
  }

  /** The oldest pending entry. */
  Optional<Row> nextPending() {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM ledger_outbox WHERE status = 'PENDING' ORDER BY seq FETCH FIRST 1 ROWS"
                + " ONLY")
        .query((rs, n) -> row(rs))
        .optional();
  }

  /**
   * Stores a newly signed transaction of a pending entry if its stored transaction is still {@code
   * expected} (null: none), so two signers cannot both replace it.
   */
  boolean storeSignature(
      long seq, @Nullable Hash expected, byte[] signedTx, Hash txId, long nonce, Instant now) {
    String condition = expected == null ? "tx_id IS NULL" : "tx_id = ?";
    JdbcClient.StatementSpec update =
        jdbc.sql(
                "UPDATE ledger_outbox SET signed_tx = ?, tx_id = ?, nonce = ?,"
                    + " signings = signings + 1, signed_at = ?"
                    + " WHERE seq = ? AND status = 'PENDING' AND "
                    + condition)
            .params(signedTx, txId.hex(), nonce, timestamp(now), seq);
    if (expected != null) {
      update = update.param(expected.hex());
    }
    return update.update() == 1;
  }

  /** Marks a pending entry committed by its stored transaction. */
  boolean markCommitted(long seq, Hash txId, long height, Instant now) {
    return jdbc.sql(
                "UPDATE ledger_outbox SET status = 'COMMITTED', height = ?, settled_at = ?"
                    + " WHERE seq = ? AND status = 'PENDING' AND tx_id = ?")
            .params(height, timestamp(now), seq, txId.hex())
            .update()
        == 1;
  }

  /**
   * Marks a pending entry rejected for good; {@code height} is the block that recorded the refusal
   * of its stored transaction, or null if it was refused before ordering.
   */
  boolean markRejected(
      long seq, String code, String reason, String message, @Nullable Long height, Instant now) {
    return jdbc.sql(
                "UPDATE ledger_outbox SET status = 'REJECTED', reject_code = ?, reject_reason = ?,"
                    + " reject_message = ?, height = ?, settled_at = ?"
                    + " WHERE seq = ? AND status = 'PENDING'")
            .param(code)
            .param(truncate(reason, 128))
            .param(truncate(message, 1024))
            .param(height)
            .param(timestamp(now))
            .param(seq)
            .update()
        == 1;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private static Row row(ResultSet rs) throws SQLException {
    String txHex = rs.getString("tx_id");
    Hash txId = txHex == null ? null : Hash.ofHex(txHex.strip());
    long heightValue = rs.getLong("height");
    Long height = rs.wasNull() ? null : heightValue;
    long nonceValue = rs.getLong("nonce");
    Long nonce = rs.wasNull() ? null : nonceValue;
    String status = rs.getString("status");
    OutboxStatus state =
        switch (status) {
          case "PENDING" -> new OutboxStatus.Pending(txId);
          case "COMMITTED" ->
              new OutboxStatus.Committed(
                  require(txId, "tx_id"), require(height, "height").longValue());
          case "REJECTED" ->
              new OutboxStatus.Rejected(
                  require(rs.getString("reject_code"), "reject_code"),
                  orEmpty(rs.getString("reject_reason")),
                  orEmpty(rs.getString("reject_message")),
                  height == null ? null : txId,
                  height);
          default -> throw new IllegalStateException("unknown outbox status " + status);
        };
    OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
    return new Row(
        rs.getLong("seq"),
        rs.getString("idempotency_key"),
        rs.getString("channel"),
        rs.getString("contract_id"),
        rs.getInt("contract_version"),
        rs.getString("method"),
        rs.getBytes("args"),
        state,
        rs.getBytes("signed_tx"),
        nonce,
        rs.getInt("signings"),
        created == null ? Instant.EPOCH : created.toInstant());
  }

  private static <T> T require(@Nullable T value, String column) {
    if (value == null) {
      throw new IllegalStateException("ledger_outbox." + column + " is missing");
    }
    return value;
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
