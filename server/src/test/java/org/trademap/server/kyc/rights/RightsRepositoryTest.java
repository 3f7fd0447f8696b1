package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.SubjectId;

/** The tables of migration V7 on H2 and PostgreSQL. */
class RightsRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

  /** Inserts an account with a subject; returns the account id. */
  private static UUID account(TestDatabase db, SubjectId subject) {
    UUID id = UUID.randomUUID();
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    jdbc.sql(
            "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                + " created_at) VALUES (?, 'PERSON', ?, ?, 'x', 'USER', 'ACTIVE', ?)")
        .params(id, id + "@example.org", id + "@example.org", NOW.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            "INSERT INTO kyc_subject (subject_id, account_id, subject_ref, kind, created_at)"
                + " VALUES (?, ?, ?, 'PERSON', ?)")
        .params(subject.value(), id, "ref-" + id, NOW.atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  @OnEachDatabase
  void theEndOfARelationshipIsRecordedOnce(TestDatabase db) {
    RightsRepository rights = new RightsRepository(db.dataSource());
    UUID ann = account(db, SubjectId.random());

    assertThat(rights.relationshipEnded(ann)).isEmpty();
    assertThat(rights.insertRelationshipEnd(ann, NOW)).isTrue();
    assertThat(rights.insertRelationshipEnd(ann, NOW.plusSeconds(60))).isFalse();

    assertThat(rights.relationshipEnded(ann)).contains(NOW);
  }

  @OnEachDatabase
  void anErasureIsRecordedOnce(TestDatabase db) {
    RightsRepository rights = new RightsRepository(db.dataSource());
    UUID gone = UUID.randomUUID();

    assertThat(rights.erasedAt(gone)).isEmpty();
    assertThat(rights.insertErasure(gone, NOW)).isTrue();
    assertThat(rights.insertErasure(gone, NOW.plusSeconds(60))).isFalse();

    assertThat(rights.erasedAt(gone)).contains(NOW);
  }

  @OnEachDatabase
  void readsTheSubmissionTimeOfAFile(TestDatabase db) {
    RightsRepository rights = new RightsRepository(db.dataSource());
    SubjectId draft = SubjectId.random();
    SubjectId submitted = SubjectId.random();
    SubjectId none = SubjectId.random();
    account(db, draft);
    account(db, submitted);
    account(db, none);
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    jdbc.sql("INSERT INTO kyc_file (subject_id, revision, updated_at) VALUES (?, 1, ?)")
        .params(draft.value(), NOW.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            "INSERT INTO kyc_file (subject_id, revision, submitted_at, submitted_revision,"
                + " updated_at) VALUES (?, 1, ?, 1, ?)")
        .params(submitted.value(), NOW.atOffset(ZoneOffset.UTC), NOW.atOffset(ZoneOffset.UTC))
        .update();

    assertThat(rights.lockedSubmission(draft)).isEmpty();
    assertThat(rights.lockedSubmission(none)).isEmpty();
    assertThat(rights.lockedSubmission(submitted)).contains(NOW);
  }
}
