package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.TotpAlgorithm;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

class TotpRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");

  private static UUID account(TestDatabase db) {
    Account account =
        new Account(
            UUID.randomUUID(),
            AccountKind.PERSON,
            UUID.randomUUID() + "@example.org",
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            Role.USER,
            AccountStatus.ACTIVE,
            NOW,
            NOW);
    new AccountRepository(db.dataSource()).insertIfEmailFree(account);
    return account.id();
  }

  private static TotpRepository.Row row(UUID accountId, long lastStep) {
    return new TotpRepository.Row(
        accountId, UUID.randomUUID(), new byte[] {1, 2, 3, 4}, TotpAlgorithm.SHA256, 8, lastStep);
  }

  @OnEachDatabase
  void keepsOneAuthenticatorPerAccount(TestDatabase db) {
    UUID ann = account(db);
    TotpRepository repository = new TotpRepository(db.dataSource());
    TotpRepository.Row first = row(ann, 100);

    assertThat(repository.exists(ann)).isFalse();
    assertThat(repository.insertIfAbsent(first, NOW)).isTrue();
    assertThat(repository.insertIfAbsent(row(ann, 5), NOW)).isFalse();

    TotpRepository.Row found = repository.find(ann).orElseThrow();
    assertThat(repository.exists(ann)).isTrue();
    assertThat(found.vaultSubject()).isEqualTo(first.vaultSubject());
    assertThat(found.sealedSecret()).containsExactly(1, 2, 3, 4);
    assertThat(found.algorithm()).isEqualTo(TotpAlgorithm.SHA256);
    assertThat(found.digits()).isEqualTo(8);
    assertThat(found.lastStep()).isEqualTo(100);
  }

  @OnEachDatabase
  void aStepIsAcceptedOnlyIfItIsLaterThanTheLastOne(TestDatabase db) {
    UUID ann = account(db);
    TotpRepository repository = new TotpRepository(db.dataSource());
    repository.insertIfAbsent(row(ann, 100), NOW);

    assertThat(repository.advanceStep(ann, 100)).isFalse();
    assertThat(repository.advanceStep(ann, 99)).isFalse();
    assertThat(repository.advanceStep(ann, 101)).isTrue();
    assertThat(repository.advanceStep(ann, 101)).isFalse();
    assertThat(repository.find(ann).orElseThrow().lastStep()).isEqualTo(101);
  }

  @OnEachDatabase
  void deletesOnlyTheAuthenticatorWithTheGivenVaultSubject(TestDatabase db) {
    UUID ann = account(db);
    TotpRepository repository = new TotpRepository(db.dataSource());
    TotpRepository.Row row = row(ann, 1);
    repository.insertIfAbsent(row, NOW);

    assertThat(repository.delete(ann, UUID.randomUUID())).isFalse();
    assertThat(repository.delete(ann, row.vaultSubject())).isTrue();
    assertThat(repository.find(ann)).isEmpty();
  }
}
