package org.trademap.server.kyc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;
import org.trademap.server.vault.SubjectId;

class SubjectsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  /** Inserts an account row (the subject table refers to it) and returns its id. */
  static UUID account(DataSource dataSource, AccountKind kind) {
    UUID id = UUID.randomUUID();
    JdbcClient.create(dataSource)
        .sql(
            "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                + " created_at) VALUES (?, ?, ?, ?, 'x', 'USER', 'ACTIVE', ?)")
        .params(
            id, kind.name(), id + "@example.org", id + "@example.org", NOW.atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  private static Subjects subjects(TestDatabase db) {
    return new Subjects(db.dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @OnEachDatabase
  void makesOneSubjectPerAccountAndKeepsIt(TestDatabase db) {
    Subjects subjects = subjects(db);
    UUID ann = account(db.dataSource(), AccountKind.PERSON);

    Subject first = subjects.of(ann, AccountKind.PERSON);
    Subject again = subjects.of(ann, AccountKind.LEGAL_ENTITY);

    assertThat(again).isEqualTo(first);
    assertThat(first.accountId()).isEqualTo(ann);
    assertThat(first.kind()).isEqualTo(AccountKind.PERSON);
    assertThat(first.createdAt().truncatedTo(ChronoUnit.MILLIS)).isEqualTo(NOW);
    assertThat(subjects.forAccount(ann)).contains(first);
    assertThat(subjects.byId(first.id())).contains(first);
    assertThat(subjects.byRef(first.ref())).contains(first);
  }

  @OnEachDatabase
  void findsNothingForUnknownAccountsIdsAndReferences(TestDatabase db) {
    Subjects subjects = subjects(db);

    assertThat(subjects.forAccount(UUID.randomUUID())).isEmpty();
    assertThat(subjects.byId(SubjectId.random())).isEmpty();
    assertThat(subjects.byRef(SubjectRef.random())).isEmpty();
  }

  @OnEachDatabase
  void givesDifferentAccountsDifferentSubjectsAndReferences(TestDatabase db) {
    Subjects subjects = subjects(db);
    Subject ann = subjects.of(account(db.dataSource(), AccountKind.PERSON), AccountKind.PERSON);
    Subject acme =
        subjects.of(account(db.dataSource(), AccountKind.LEGAL_ENTITY), AccountKind.LEGAL_ENTITY);

    assertThat(acme.id()).isNotEqualTo(ann.id());
    assertThat(acme.ref()).isNotEqualTo(ann.ref());
    assertThat(acme.kind()).isEqualTo(AccountKind.LEGAL_ENTITY);
  }

  @OnEachDatabase
  void concurrentFirstUsesAgreeOnOneSubject(TestDatabase db) throws Exception {
    Subjects subjects = subjects(db);
    UUID ann = account(db.dataSource(), AccountKind.PERSON);
    List<Callable<Subject>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> subjects.of(ann, AccountKind.PERSON));
    }
    Set<Subject> seen = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (Future<Subject> result : pool.invokeAll(calls)) {
        seen.add(result.get());
      }
    }

    assertThat(seen).hasSize(1);
  }

  @OnEachDatabase
  void refusesASubjectForAnAccountThatDoesNotExist(TestDatabase db) {
    Subjects subjects = subjects(db);

    assertThatThrownBy(() -> subjects.of(UUID.randomUUID(), AccountKind.PERSON))
        .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
  }

  @Test
  void newReferencesAreRandomWellFormedAndUnrelated() {
    Set<String> refs = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      refs.add(SubjectRef.random().value());
    }
    assertThat(refs).hasSize(1000).allMatch(r -> r.matches("[A-Za-z0-9_-]{22}"));
  }

  @Test
  void refusesMalformedReferences() {
    for (String bad : List.of("", "a b", "ä", "x".repeat(65), "a/b")) {
      assertThatThrownBy(() -> new SubjectRef(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
