package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.trademap.server.identity.IdentityProperties;
import org.trademap.server.identity.IssuedToken;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.StoredToken;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class AccountRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  private static Account account(String email) {
    return new Account(
        UUID.randomUUID(),
        AccountKind.PERSON,
        email,
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        Role.USER,
        AccountStatus.ACTIVE,
        null,
        NOW);
  }

  private static StoredToken token(TokenPurpose purpose) {
    IssuedToken issued =
        new TokenService(
                IdentityProperties.defaults().tokens(),
                java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
            .issue(purpose);
    return issued.stored();
  }

  @OnEachDatabase
  void keepsAnAccountAndFindsItByAddressIgnoringCase(TestDatabase db) {
    AccountRepository repository = new AccountRepository(db.dataSource());
    Account ann = account("Ann.Muster@example.org");

    assertThat(repository.insertIfEmailFree(ann)).isTrue();

    assertThat(repository.findByEmail("ann.muster@EXAMPLE.org")).contains(ann);
    assertThat(repository.findById(ann.id())).contains(ann);
    assertThat(repository.findByEmail("bob@example.org")).isEmpty();
  }

  @OnEachDatabase
  void refusesASecondAccountForTheSameAddressInAnotherCase(TestDatabase db) {
    AccountRepository repository = new AccountRepository(db.dataSource());
    Account first = account("ann@example.org");
    repository.insertIfEmailFree(first);

    assertThat(repository.insertIfEmailFree(account("ANN@example.org"))).isFalse();
    assertThat(repository.findByEmail("ann@example.org")).contains(first);
  }

  @OnEachDatabase
  void marksTheAddressVerifiedOnce(TestDatabase db) {
    AccountRepository repository = new AccountRepository(db.dataSource());
    Account ann = account("ann@example.org");
    repository.insertIfEmailFree(ann);

    assertThat(repository.markEmailVerified(ann.id(), NOW)).isTrue();
    assertThat(repository.markEmailVerified(ann.id(), NOW.plusSeconds(5))).isFalse();
    assertThat(repository.findById(ann.id()).orElseThrow().emailVerifiedAt()).isEqualTo(NOW);
  }

  @OnEachDatabase
  void keepsATokenAndLetsItBeUsedOnlyOnce(TestDatabase db) {
    AccountRepository repository = new AccountRepository(db.dataSource());
    Account ann = account("ann@example.org");
    repository.insertIfEmailFree(ann);
    StoredToken token = token(TokenPurpose.EMAIL_VERIFICATION);
    repository.insertToken(ann.id(), token);

    assertThat(repository.findToken(token.hash()))
        .contains(new AccountRepository.TokenRow(ann.id(), token));
    Instant used = NOW.plus(Duration.ofMinutes(3));
    assertThat(repository.markTokenUsed(token.hash(), used)).isTrue();
    assertThat(repository.markTokenUsed(token.hash(), used.plusSeconds(1))).isFalse();
    assertThat(repository.findToken(token.hash()).orElseThrow().token().usedAt()).isEqualTo(used);
    assertThat(repository.findToken("0".repeat(64))).isEmpty();
  }

  @OnEachDatabase
  void invalidatesOnlyUnusedTokensOfThePurpose(TestDatabase db) {
    AccountRepository repository = new AccountRepository(db.dataSource());
    Account ann = account("ann@example.org");
    repository.insertIfEmailFree(ann);
    StoredToken first = token(TokenPurpose.EMAIL_VERIFICATION);
    StoredToken second = token(TokenPurpose.EMAIL_VERIFICATION);
    StoredToken reset = token(TokenPurpose.PASSWORD_RESET);
    for (StoredToken t : java.util.List.of(first, second, reset)) {
      repository.insertToken(ann.id(), t);
    }
    repository.markTokenUsed(first.hash(), NOW);
    Instant later = NOW.plus(1, ChronoUnit.HOURS);

    assertThat(repository.invalidateUnusedTokens(ann.id(), TokenPurpose.EMAIL_VERIFICATION, later))
        .isEqualTo(1);

    assertThat(repository.findToken(first.hash()).orElseThrow().token().usedAt()).isEqualTo(NOW);
    assertThat(repository.findToken(second.hash()).orElseThrow().token().usedAt()).isEqualTo(later);
    assertThat(repository.findToken(reset.hash()).orElseThrow().token().usedAt()).isNull();
  }
}
