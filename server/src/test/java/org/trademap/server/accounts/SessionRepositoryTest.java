package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.trademap.server.identity.Role;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class SessionRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  private static Account account(AccountStatus status) {
    return new Account(
        UUID.randomUUID(),
        AccountKind.LEGAL_ENTITY,
        UUID.randomUUID() + "@example.org",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        Role.COMPANY_STAFF,
        status,
        NOW,
        NOW);
  }

  private static SessionRepository.Row row(Account account, SessionRepository.Channel channel) {
    return new SessionRepository.Row(
        Sessions.hash(UUID.randomUUID().toString()),
        account.id(),
        channel,
        NOW,
        NOW.plus(Duration.ofHours(1)));
  }

  @OnEachDatabase
  void findsALiveSessionWithItsAccount(TestDatabase db) {
    new AccountRepository(db.dataSource()).insertIfEmailFree(account(AccountStatus.ACTIVE));
    Account ann = account(AccountStatus.ACTIVE);
    new AccountRepository(db.dataSource()).insertIfEmailFree(ann);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row row = row(ann, SessionRepository.Channel.BEARER);

    sessions.insert(row);

    assertThat(sessions.findLive(row.tokenHash(), NOW.plusSeconds(1)))
        .contains(
            new SessionRepository.Live(
                row.tokenHash(),
                new SignedIn(ann.id(), AccountKind.LEGAL_ENTITY, Role.COMPANY_STAFF),
                SessionRepository.Channel.BEARER,
                row.expiresAt()));
    assertThat(sessions.findLive(Sessions.hash("other"), NOW)).isEmpty();
  }

  @OnEachDatabase
  void anExpiredSessionIsNotLive(TestDatabase db) {
    Account ann = account(AccountStatus.ACTIVE);
    new AccountRepository(db.dataSource()).insertIfEmailFree(ann);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row row = row(ann, SessionRepository.Channel.BROWSER);
    sessions.insert(row);

    assertThat(sessions.findLive(row.tokenHash(), row.expiresAt().minusMillis(1))).isPresent();
    assertThat(sessions.findLive(row.tokenHash(), row.expiresAt())).isEmpty();
  }

  @OnEachDatabase
  void aSessionOfADisabledAccountIsNotLive(TestDatabase db) {
    Account disabled = account(AccountStatus.DISABLED);
    new AccountRepository(db.dataSource()).insertIfEmailFree(disabled);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row row = row(disabled, SessionRepository.Channel.BROWSER);
    sessions.insert(row);

    assertThat(sessions.findLive(row.tokenHash(), NOW)).isEmpty();
  }

  @OnEachDatabase
  void endingASessionEndsItOnce(TestDatabase db) {
    Account ann = account(AccountStatus.ACTIVE);
    new AccountRepository(db.dataSource()).insertIfEmailFree(ann);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row row = row(ann, SessionRepository.Channel.BEARER);
    sessions.insert(row);

    assertThat(sessions.end(row.tokenHash(), NOW)).isTrue();
    assertThat(sessions.end(row.tokenHash(), NOW)).isFalse();
    assertThat(sessions.findLive(row.tokenHash(), NOW)).isEmpty();
  }

  @OnEachDatabase
  void endAllEndsEverySessionOfTheAccountAndNoOther(TestDatabase db) {
    AccountRepository accounts = new AccountRepository(db.dataSource());
    Account ann = account(AccountStatus.ACTIVE);
    Account bob = account(AccountStatus.ACTIVE);
    accounts.insertIfEmailFree(ann);
    accounts.insertIfEmailFree(bob);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row browser = row(ann, SessionRepository.Channel.BROWSER);
    SessionRepository.Row bearer = row(ann, SessionRepository.Channel.BEARER);
    SessionRepository.Row bobs = row(bob, SessionRepository.Channel.BEARER);
    sessions.insert(browser);
    sessions.insert(bearer);
    sessions.insert(bobs);

    assertThat(sessions.endAll(ann.id(), NOW)).isEqualTo(2);

    assertThat(sessions.findLive(browser.tokenHash(), NOW)).isEmpty();
    assertThat(sessions.findLive(bearer.tokenHash(), NOW)).isEmpty();
    assertThat(sessions.findLive(bobs.tokenHash(), NOW)).isPresent();
  }

  @OnEachDatabase
  void purgeRemovesOnlyLongDeadSessions(TestDatabase db) {
    Account ann = account(AccountStatus.ACTIVE);
    new AccountRepository(db.dataSource()).insertIfEmailFree(ann);
    SessionRepository sessions = new SessionRepository(db.dataSource());
    SessionRepository.Row live = row(ann, SessionRepository.Channel.BEARER);
    SessionRepository.Row ended = row(ann, SessionRepository.Channel.BEARER);
    sessions.insert(live);
    sessions.insert(ended);
    sessions.end(ended.tokenHash(), NOW);

    assertThat(sessions.purge(NOW.plusSeconds(1))).isEqualTo(1);
    assertThat(sessions.findLive(live.tokenHash(), NOW)).isPresent();
    assertThat(sessions.purge(NOW.plus(Duration.ofHours(2)))).isEqualTo(1);
  }
}
