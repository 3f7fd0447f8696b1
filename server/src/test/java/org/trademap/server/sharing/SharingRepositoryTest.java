package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/** The tables of migration V13 on H2 and PostgreSQL. */
class SharingRepositoryTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:15:30.123456Z");

  private static UUID account(TestDatabase db) {
    UUID id = UUID.randomUUID();
    JdbcClient.create(db.dataSource())
        .sql(
            "INSERT INTO account (id, kind, email, email_key, password_hash, role, status,"
                + " created_at) VALUES (?, 'PERSON', ?, ?, 'x', 'USER', 'ACTIVE', ?)")
        .params(id, id + "@example.org", id + "@example.org", NOW.atOffset(ZoneOffset.UTC))
        .update();
    return id;
  }

  private static void company(SharingRepository repository, String id) {
    repository.insertCompanyIfAbsent(
        new SharingRepository.CompanyRow(id, id, UUID.randomUUID(), new byte[32], new byte[48]),
        NOW);
  }

  private static Application application(UUID account, String company) {
    return new Application(
        UUID.randomUUID(),
        "app-" + UUID.randomUUID().toString().replace("-", ""),
        account,
        "ref-1",
        company,
        new byte[32],
        "account-opening",
        "v1",
        ApplicationState.APPLIED,
        NOW,
        null,
        null,
        null);
  }

  @OnEachDatabase
  void atMostOneLiveApplicationPerAccountAndCompany(TestDatabase db) {
    SharingRepository repository = new SharingRepository(db.dataSource());
    company(repository, "alpha");
    company(repository, "beta");
    UUID ann = account(db);
    Application first = application(ann, "alpha");

    assertThat(repository.insertApplication(first)).isTrue();
    assertThat(repository.insertApplication(application(ann, "alpha"))).isFalse();
    assertThat(repository.insertApplication(application(ann, "beta"))).isTrue();
    assertThat(repository.hasLiveApplication(ann, "alpha")).isTrue();

    repository.withdraw(first.id(), NOW.plusSeconds(60));

    assertThat(repository.hasLiveApplication(ann, "alpha")).isFalse();
    assertThat(repository.insertApplication(application(ann, "alpha"))).isTrue();
    Application withdrawn = repository.application(first.id()).orElseThrow();
    assertThat(withdrawn.state()).isEqualTo(ApplicationState.WITHDRAWN);
    assertThat(withdrawn.withdrawnAt()).isEqualTo(NOW.plusSeconds(60));
    assertThat(repository.applicationsOfAccount(ann)).hasSize(3);
  }

  @OnEachDatabase
  void aWithdrawalDropsThePackageAndARejectionFreesTheCompany(TestDatabase db) {
    SharingRepository repository = new SharingRepository(db.dataSource());
    company(repository, "alpha");
    UUID ann = account(db);
    Application a = application(ann, "alpha");
    repository.insertApplication(a);
    repository.insertPackage(
        new SharingRepository.PackageRow(
            UUID.randomUUID(), a.id(), "alpha", new byte[] {1, 2, 3}, new byte[32], "k/1", NOW));
    assertThat(repository.packageFor(a.id(), "alpha").orElseThrow().sealed()).hasSize(3);
    assertThat(repository.shareKeys(a.id())).containsExactly("k/1");

    UUID approver = account(db);
    repository.decide(a.id(), ApplicationState.REJECTED, approver, NOW, new byte[] {9});

    assertThat(repository.application(a.id()).orElseThrow().state())
        .isEqualTo(ApplicationState.REJECTED);
    assertThat(repository.decisionReason(a.id())).hasValue(new byte[] {9});
    assertThat(repository.hasLiveApplication(ann, "alpha")).isFalse();
    assertThat(repository.applicationsOfCompany("alpha")).hasSize(1);

    repository.withdraw(a.id(), NOW);
    assertThat(repository.packageFor(a.id(), "alpha").orElseThrow().sealed()).isNull();
  }

  @OnEachDatabase
  void companiesAreInsertedOnceAndStaffBoundToOne(TestDatabase db) {
    SharingRepository repository = new SharingRepository(db.dataSource());
    company(repository, "alpha");
    assertThat(
            repository.insertCompanyIfAbsent(
                new SharingRepository.CompanyRow(
                    "alpha", "Other", UUID.randomUUID(), new byte[32], new byte[48]),
                NOW))
        .isFalse();
    repository.renameCompany("alpha", "Alpha Securities");
    assertThat(repository.company("alpha").orElseThrow().name()).isEqualTo("Alpha Securities");
    UUID staff = account(db);
    repository.bindStaff(staff, "alpha");
    assertThat(repository.companyOfStaff(staff)).hasValue("alpha");
    assertThat(repository.companyOfStaff(UUID.randomUUID())).isEmpty();
  }
}
