package org.trademap.server.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.OnEachDatabase;
import org.trademap.server.testing.TestDatabase;

/** The vault on real H2 and PostgreSQL databases with real AES-GCM. */
class VaultTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant NOW = Instant.parse("2026-03-01T09:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String NAME = "person.name";

  private final VaultKeys keys = VaultKeys.generate(RANDOM);

  private Vault vault(TestDatabase db) {
    return Vault.open(db.dataSource(), keys, CLOCK);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(UTF_8);
  }

  private static String plaintext(Decrypted decrypted) {
    assertThat(decrypted).isInstanceOf(Decrypted.Plaintext.class);
    return new String(((Decrypted.Plaintext) decrypted).bytes(), UTF_8);
  }

  @OnEachDatabase
  void decryptsWhatItEncrypted(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();

    byte[] sealed = vault.encrypt(subject, NAME, utf8("Zoë Ångström-Müller"));

    assertThat(sealed).hasSize(utf8("Zoë Ångström-Müller").length + Vault.OVERHEAD);
    assertThat(plaintext(vault.decrypt(subject, NAME, sealed))).isEqualTo("Zoë Ångström-Müller");
    assertThat(plaintext(vault.decrypt(subject, NAME, vault.encrypt(subject, NAME, new byte[0]))))
        .isEmpty();
  }

  @OnEachDatabase
  void aReopenedVaultDecryptsWithTheStoredKey(TestDatabase db) {
    SubjectId subject = SubjectId.random();
    byte[] sealed = vault(db).encrypt(subject, NAME, utf8("Anna"));

    assertThat(plaintext(vault(db).decrypt(subject, NAME, sealed))).isEqualTo("Anna");
  }

  @OnEachDatabase
  void refusesACiphertextWithAnyByteFlipped(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    byte[] sealed = vault.encrypt(subject, NAME, utf8("Anna Muster"));

    for (int i = 0; i < sealed.length; i++) {
      byte[] tampered = sealed.clone();
      tampered[i] ^= (byte) (1 << (i % 8));
      assertThat(vault.decrypt(subject, NAME, tampered))
          .as("byte %d flipped", i)
          .isInstanceOf(Decrypted.Tampered.class);
    }
  }

  @OnEachDatabase
  void refusesATruncatedOrExtendedCiphertext(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    byte[] sealed = vault.encrypt(subject, NAME, utf8("Anna Muster"));

    for (int length = 0; length < sealed.length; length++) {
      assertThat(vault.decrypt(subject, NAME, Arrays.copyOf(sealed, length)))
          .as("first %d bytes", length)
          .isInstanceOf(Decrypted.Tampered.class);
    }
    assertThat(vault.decrypt(subject, NAME, Arrays.copyOf(sealed, sealed.length + 1)))
        .isInstanceOf(Decrypted.Tampered.class);
  }

  @OnEachDatabase
  void refusesACiphertextMovedToAnotherSubject(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId owner = SubjectId.random();
    SubjectId other = SubjectId.random();
    vault.encrypt(other, NAME, utf8("Bob"));
    byte[] sealed = vault.encrypt(owner, NAME, utf8("Anna"));

    assertThat(vault.decrypt(other, NAME, sealed)).isInstanceOf(Decrypted.Tampered.class);
    assertThat(vault.decrypt(SubjectId.random(), NAME, sealed))
        .isInstanceOf(Decrypted.Tampered.class);
  }

  @OnEachDatabase
  void refusesACiphertextMovedToAnotherPurpose(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    byte[] sealed = vault.encrypt(subject, "person.surname", utf8("Muster"));

    assertThat(vault.decrypt(subject, "person.given-names", sealed))
        .isInstanceOf(Decrypted.Tampered.class);
    assertThat(plaintext(vault.decrypt(subject, "person.surname", sealed))).isEqualTo("Muster");
  }

  @OnEachDatabase
  void refusesADataKeyMovedToAnotherSubjectsRow(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId victim = SubjectId.random();
    SubjectId attacker = SubjectId.random();
    byte[] sealed = vault.encrypt(victim, NAME, utf8("Anna"));
    vault.encrypt(attacker, NAME, utf8("Mallory"));
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    byte[] attackersKey =
        jdbc.sql("SELECT wrapped_key FROM vault_subject_key WHERE subject_id = ?")
            .param(attacker.value())
            .query(byte[].class)
            .single();

    jdbc.sql("UPDATE vault_subject_key SET wrapped_key = ? WHERE subject_id = ?")
        .params(attackersKey, victim.value())
        .update();

    assertThat(vault.decrypt(victim, NAME, sealed)).isInstanceOf(Decrypted.Tampered.class);
    assertThatThrownBy(() -> vault.encrypt(victim, NAME, utf8("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("fails authentication");
  }

  @OnEachDatabase
  void neverReusesANonceOverTenThousandEncryptions(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    byte[] plaintext = utf8("the same plaintext every time");
    Set<String> nonces = new HashSet<>();
    Set<String> ciphertexts = new HashSet<>();

    for (int i = 0; i < 10_000; i++) {
      byte[] sealed = vault.encrypt(subject, NAME, plaintext);
      nonces.add(Arrays.toString(Arrays.copyOfRange(sealed, 1, 1 + 12)));
      ciphertexts.add(Arrays.toString(sealed));
    }

    assertThat(nonces).hasSize(10_000);
    assertThat(ciphertexts).hasSize(10_000);
  }

  @OnEachDatabase
  void givesEachSubjectItsOwnDataKey(TestDatabase db) {
    Vault vault = vault(db);
    vault.encrypt(SubjectId.random(), NAME, utf8("a"));
    vault.encrypt(SubjectId.random(), NAME, utf8("b"));

    List<byte[]> wrapped =
        JdbcClient.create(db.dataSource())
            .sql("SELECT wrapped_key FROM vault_subject_key")
            .query(byte[].class)
            .list();
    assertThat(wrapped).hasSize(2);
    assertThat(wrapped.get(0)).isNotEqualTo(wrapped.get(1));
  }

  @OnEachDatabase
  void createsOneKeyWhenManyThreadsStartASubjectAtOnce(TestDatabase db) throws Exception {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    List<Callable<byte[]>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] text = utf8("value " + i);
      tasks.add(() -> vault.encrypt(subject, NAME, text));
    }

    List<byte[]> sealed = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<byte[]> f : pool.invokeAll(tasks)) {
        sealed.add(f.get());
      }
    }

    for (int i = 0; i < sealed.size(); i++) {
      assertThat(plaintext(vault.decrypt(subject, NAME, sealed.get(i)))).isEqualTo("value " + i);
    }
    assertThat(rows(db.dataSource(), subject)).isEqualTo(1);
  }

  @OnEachDatabase
  void shreddedSubjectsDecryptToShredded(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    SubjectId bystander = SubjectId.random();
    byte[] sealed = vault.encrypt(subject, NAME, utf8("Anna"));
    byte[] kept = vault.encrypt(bystander, NAME, utf8("Bob"));

    assertThat(vault.shred(subject)).isTrue();

    assertThat(vault.decrypt(subject, NAME, sealed)).isEqualTo(new Decrypted.Shredded(NOW));
    assertThat(vault.shreddedAt(subject)).contains(NOW);
    assertThat(plaintext(vault.decrypt(bystander, NAME, kept))).isEqualTo("Bob");
    assertThat(vault.shreddedAt(bystander)).isEmpty();
  }

  @OnEachDatabase
  void shreddingDestroysTheStoredKeyAndSalt(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    vault.encrypt(subject, NAME, utf8("Anna"));

    vault.shred(subject);

    long keysLeft =
        JdbcClient.create(db.dataSource())
            .sql(
                "SELECT COUNT(*) FROM vault_subject_key WHERE subject_id = ?"
                    + " AND (wrapped_key IS NOT NULL OR kek_id IS NOT NULL)")
            .param(subject.value())
            .query(Long.class)
            .single();
    assertThat(keysLeft).isZero();
    assertThat(rows(db.dataSource(), subject)).isEqualTo(1);
  }

  @OnEachDatabase
  void aShreddedSubjectHasNoCommitment(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    assertThat(vault.commitment(subject, utf8("fields"))).isPresent();

    vault.shred(subject);

    assertThat(vault.commitment(subject, utf8("fields"))).isEmpty();
  }

  @OnEachDatabase
  void refusesToStoreDataForAShreddedSubject(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    vault.encrypt(subject, NAME, utf8("Anna"));
    vault.shred(subject);

    assertThatThrownBy(() -> vault.encrypt(subject, NAME, utf8("Anna again")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("was shredded");
    assertThat(vault.shreddedAt(subject)).contains(NOW);
  }

  @OnEachDatabase
  void shreddingTwiceOrBeforeAnyDataIsHarmless(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();
    SubjectId neverStored = SubjectId.random();
    vault.encrypt(subject, NAME, utf8("Anna"));

    assertThat(vault.shred(subject)).isTrue();
    assertThat(vault.shred(subject)).isFalse();
    assertThat(vault.shred(neverStored)).isTrue();
    assertThat(vault.shred(neverStored)).isFalse();
    assertThat(vault.commitment(neverStored, utf8("fields"))).isEmpty();
  }

  @OnEachDatabase
  void refusesCiphertextForASubjectItHoldsNoKeyFor(TestDatabase db) {
    Vault vault = vault(db);
    byte[] sealed = vault.encrypt(SubjectId.random(), NAME, utf8("Anna"));

    assertThat(vault.decrypt(SubjectId.random(), NAME, sealed))
        .isInstanceOf(Decrypted.Tampered.class);
  }

  @OnEachDatabase
  void commitmentIsDeterministicForTheSameSubjectAndFields(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();

    byte[] first = vault.commitment(subject, utf8("Muster|Anna|1990-02-28")).orElseThrow();
    byte[] again = vault(db).commitment(subject, utf8("Muster|Anna|1990-02-28")).orElseThrow();

    assertThat(first).hasSize(32).isEqualTo(again);
    assertThat(vault.commitment(subject, utf8("Muster|Anna|1990-02-27")).orElseThrow())
        .isNotEqualTo(first);
  }

  @OnEachDatabase
  void commitmentsOfTheSameFieldsDifferAcrossSubjects(TestDatabase db) {
    Vault vault = vault(db);
    byte[] fields = utf8("Muster|Anna|1990-02-28");

    assertThat(vault.commitment(SubjectId.random(), fields).orElseThrow())
        .isNotEqualTo(vault.commitment(SubjectId.random(), fields).orElseThrow());
  }

  @OnEachDatabase
  void commitmentDependsOnThePepper(TestDatabase db) {
    SubjectId subject = SubjectId.random();
    byte[] fields = utf8("Muster|Anna|1990-02-28");
    byte[] withPepper = vault(db).commitment(subject, fields).orElseThrow();
    byte[] otherPepper = new byte[32];
    RANDOM.nextBytes(otherPepper);

    Vault samekekOtherPepper =
        Vault.open(db.dataSource(), new VaultKeys(keys.kek(), otherPepper), CLOCK);

    assertThat(samekekOtherPepper.commitment(subject, fields).orElseThrow())
        .isNotEqualTo(withPepper);
  }

  @OnEachDatabase
  void refusesToOpenWithAnotherKeyEncryptionKey(TestDatabase db) {
    vault(db).encrypt(SubjectId.random(), NAME, utf8("Anna"));
    VaultKeys other = VaultKeys.generate(RANDOM);

    assertThatThrownBy(() -> Vault.open(db.dataSource(), other, CLOCK))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining(keys.kekId())
        .hasMessageContaining(other.kekId())
        .hasMessageContaining("cannot be decrypted");
  }

  @OnEachDatabase
  void rewrapsEveryDataKeyUnderANewKeyEncryptionKey(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId anna = SubjectId.random();
    SubjectId bob = SubjectId.random();
    SubjectId gone = SubjectId.random();
    byte[] annas = vault.encrypt(anna, NAME, utf8("Anna"));
    byte[] bobs = vault.encrypt(bob, NAME, utf8("Bob"));
    byte[] commitment = vault.commitment(anna, utf8("fields")).orElseThrow();
    vault.encrypt(gone, NAME, utf8("Gone"));
    vault.shred(gone);
    SecretKey newKek = VaultKeys.generate(RANDOM).kek();

    assertThat(vault.rewrapAll(newKek)).isEqualTo(2);

    assertThat(vault.kekId()).isEqualTo(VaultKeys.kekId(newKek));
    assertThat(plaintext(vault.decrypt(anna, NAME, annas))).isEqualTo("Anna");
    Vault reopened = Vault.open(db.dataSource(), keys.withKek(newKek), CLOCK);
    assertThat(plaintext(reopened.decrypt(bob, NAME, bobs))).isEqualTo("Bob");
    assertThat(reopened.commitment(anna, utf8("fields")).orElseThrow()).isEqualTo(commitment);
    assertThatThrownBy(() -> Vault.open(db.dataSource(), keys, CLOCK))
        .isInstanceOf(VaultKeyException.class);
  }

  @OnEachDatabase
  void refusesPurposesOutsideItsAlphabet(TestDatabase db) {
    Vault vault = vault(db);
    SubjectId subject = SubjectId.random();

    assertThatThrownBy(() -> vault.encrypt(subject, "", utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.encrypt(subject, "name|other", utf8("x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.decrypt(subject, "x".repeat(101), new byte[40]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static long rows(DataSource dataSource, SubjectId subject) {
    return JdbcClient.create(dataSource)
        .sql("SELECT COUNT(*) FROM vault_subject_key WHERE subject_id = ?")
        .param(subject.value())
        .query(Long.class)
        .single();
  }
}
