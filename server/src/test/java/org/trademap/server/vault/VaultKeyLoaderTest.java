package org.trademap.server.vault;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Where the KEK and pepper come from, and the clear refusals when they are missing or garbled. */
@ExtendWith(OutputCaptureExtension.class)
class VaultKeyLoaderTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dataDir;

  private VaultKeyLoader generatedLoader() {
    return new VaultKeyLoader(VaultFixtures.generated(), dataDir, name -> null, RANDOM);
  }

  private Path keyDir() {
    return dataDir.resolve("vault");
  }

  private Path kekFile() {
    return dataDir.resolve("vault").resolve("kek");
  }

  private Path pepperFile() {
    return dataDir.resolve("vault").resolve("pepper");
  }

  // ---- generated (embedded default)

  @Test
  void generatesOwnerOnlyKeyFilesOnFirstStartAndLogsWhereButNotWhat(CapturedOutput output)
      throws IOException {
    VaultKeys keys = generatedLoader().load(() -> false);

    assertThat(Files.getPosixFilePermissions(kekFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(pepperFile()))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(keyDir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    try (var files = Files.list(keyDir())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kek", "pepper");
    }
    assertThat(output.getOut()).contains(keyDir().toAbsolutePath().toString());
    assertThat(output.getOut()).contains(keys.kekId());
    String kekText = Files.readString(kekFile(), US_ASCII).strip();
    String pepperText = Files.readString(pepperFile(), US_ASCII).strip();
    assertThat(Base64.getDecoder().decode(kekText)).isEqualTo(keys.kek().getEncoded());
    assertThat(output.getAll()).doesNotContain(kekText).doesNotContain(pepperText);
  }

  @Test
  void reusesTheGeneratedKeysOnRestart(CapturedOutput output) {
    VaultKeys first = generatedLoader().load(() -> false);
    int generatedMessages = output.getOut().split("Generated a new vault", -1).length - 1;

    VaultKeys second = generatedLoader().load(() -> true);

    assertThat(second).isEqualTo(first);
    assertThat(second.pepper()).isEqualTo(first.pepper());
    assertThat(output.getOut().split("Generated a new vault", -1).length - 1)
        .isEqualTo(generatedMessages)
        .isEqualTo(1);
  }

  @Test
  void refusesAGarbledKeyFile() throws IOException {
    generatedLoader().load(() -> false);
    Files.writeString(kekFile(), "this is not base64 at all!\n");

    assertThatThrownBy(() -> generatedLoader().load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining(kekFile().toString())
        .hasMessageContaining("base64");
  }

  @Test
  void refusesAKeyFileOfTheWrongLength() throws IOException {
    generatedLoader().load(() -> false);
    Files.writeString(kekFile(), Base64.getEncoder().encodeToString(new byte[16]));

    assertThatThrownBy(() -> generatedLoader().load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining(kekFile().toString())
        .hasMessageContaining("holds 16 bytes");
  }

  @Test
  void refusesToReplaceLostKeyFilesWhileTheDatabaseHoldsEncryptedData() {
    assertThatThrownBy(() -> generatedLoader().load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("missing")
        .hasMessageContaining("Restore them from a backup");
    assertThat(kekFile()).doesNotExist();
  }

  @Test
  void refusesAKeyDirectoryWithOnlyOneOfTheTwoFiles() throws IOException {
    generatedLoader().load(() -> false);
    Files.delete(pepperFile());

    assertThatThrownBy(() -> generatedLoader().load(() -> false))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("holds only one of kek and pepper");
  }

  // ---- PKCS12 keystore

  private Path keystore(String password, String kekAlias, String pepperAlias)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    KeyGenerator aes = KeyGenerator.getInstance("AES");
    aes.init(256);
    KeyGenerator hmac = KeyGenerator.getInstance("HmacSHA256");
    hmac.init(256);
    KeyStore.ProtectionParameter protection =
        new KeyStore.PasswordProtection(password.toCharArray());
    store.setEntry(kekAlias, new KeyStore.SecretKeyEntry(aes.generateKey()), protection);
    store.setEntry(pepperAlias, new KeyStore.SecretKeyEntry(hmac.generateKey()), protection);
    Path file = dataDir.resolve("vault.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private static VaultKeyLoader keystoreLoader(Path file, Map<String, String> environment) {
    return new VaultKeyLoader(
        VaultFixtures.properties(VaultProperties.KeySource.KEYSTORE, file),
        file.resolveSibling("data"),
        environment::get,
        RANDOM);
  }

  @Test
  void readsTheKeysFromAPkcs12Keystore() throws Exception {
    Path file = keystore("s3cret-pass", "trademap-vault-kek", "trademap-vault-pepper");
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, "s3cret-pass".toCharArray());
    }
    SecretKey kek = (SecretKey) store.getKey("trademap-vault-kek", "s3cret-pass".toCharArray());
    SecretKey pepper =
        (SecretKey) store.getKey("trademap-vault-pepper", "s3cret-pass".toCharArray());

    VaultKeys keys =
        keystoreLoader(file, Map.of("TRADEMAP_VAULT_KEYSTORE_PASSWORD", "s3cret-pass"))
            .load(() -> true);

    assertThat(keys.kekId()).isEqualTo(VaultKeys.kekId(kek));
    assertThat(keys.pepper()).isEqualTo(pepper.getEncoded());
    assertThat(dataDir.resolve("vault")).doesNotExist();
  }

  @Test
  void refusesAKeystoreWithTheWrongPassword() throws Exception {
    Path file = keystore("s3cret-pass", "trademap-vault-kek", "trademap-vault-pepper");

    assertThatThrownBy(
            () ->
                keystoreLoader(file, Map.of("TRADEMAP_VAULT_KEYSTORE_PASSWORD", "wrong"))
                    .load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("password in TRADEMAP_VAULT_KEYSTORE_PASSWORD is wrong");
  }

  @Test
  void refusesAKeystoreWithoutItsPasswordInTheEnvironment() throws Exception {
    Path file = keystore("s3cret-pass", "trademap-vault-kek", "trademap-vault-pepper");

    assertThatThrownBy(() -> keystoreLoader(file, Map.of()).load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("environment variable TRADEMAP_VAULT_KEYSTORE_PASSWORD");
  }

  @Test
  void refusesAKeystoreWithoutTheKeyEncryptionKeyEntry() throws Exception {
    Path file = keystore("s3cret-pass", "another-alias", "trademap-vault-pepper");

    assertThatThrownBy(
            () ->
                keystoreLoader(file, Map.of("TRADEMAP_VAULT_KEYSTORE_PASSWORD", "s3cret-pass"))
                    .load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("no secret-key entry named trademap-vault-kek");
  }

  @Test
  void refusesAMissingKeystoreFileOrPath() {
    Path missing = dataDir.resolve("nowhere.p12");

    assertThatThrownBy(() -> keystoreLoader(missing, Map.of()).load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining(missing + " (trademap.vault.keystore.path) does not exist");
    assertThatThrownBy(
            () ->
                new VaultKeyLoader(
                        VaultFixtures.properties(VaultProperties.KeySource.KEYSTORE, null),
                        dataDir,
                        name -> null,
                        RANDOM)
                    .load(() -> true))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("trademap.vault.keystore.path is not set");
  }

  // ---- environment variables

  private VaultKeyLoader environmentLoader(Map<String, String> environment) {
    return new VaultKeyLoader(
        VaultFixtures.properties(VaultProperties.KeySource.ENVIRONMENT, null),
        dataDir,
        environment::get,
        RANDOM);
  }

  private static String randomBase64(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  @Test
  void readsBase64KeysFromTheEnvironment() {
    String kek = randomBase64(32);
    String pepper = randomBase64(48);

    VaultKeys keys =
        environmentLoader(Map.of("TRADEMAP_VAULT_KEK", kek, "TRADEMAP_VAULT_PEPPER", pepper))
            .load(() -> true);

    assertThat(keys.kek().getEncoded()).isEqualTo(Base64.getDecoder().decode(kek));
    assertThat(keys.pepper()).isEqualTo(Base64.getDecoder().decode(pepper));
  }

  @Test
  void refusesAMissingKeyInTheEnvironment() {
    assertThatThrownBy(
            () ->
                environmentLoader(Map.of("TRADEMAP_VAULT_PEPPER", randomBase64(32)))
                    .load(() -> false))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("environment variable TRADEMAP_VAULT_KEK")
        .hasMessageContaining("is not set");
  }

  @Test
  void refusesAGarbledKeyInTheEnvironmentWithoutRepeatingIt() {
    String garbled = "c2VjcmV0LWJ1dC1ub3QtYmFzZTY0!!";
    String shortKey = randomBase64(31);

    assertThatThrownBy(
            () ->
                environmentLoader(
                        Map.of(
                            "TRADEMAP_VAULT_KEK",
                            garbled,
                            "TRADEMAP_VAULT_PEPPER",
                            randomBase64(32)))
                    .load(() -> false))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("TRADEMAP_VAULT_KEK does not hold base64")
        .hasMessageNotContaining(garbled);
    assertThatThrownBy(
            () ->
                environmentLoader(
                        Map.of(
                            "TRADEMAP_VAULT_KEK",
                            shortKey,
                            "TRADEMAP_VAULT_PEPPER",
                            randomBase64(32)))
                    .load(() -> false))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("TRADEMAP_VAULT_KEK holds 31 bytes")
        .hasMessageNotContaining(shortKey);
    assertThatThrownBy(
            () ->
                environmentLoader(
                        Map.of(
                            "TRADEMAP_VAULT_KEK",
                            randomBase64(32),
                            "TRADEMAP_VAULT_PEPPER",
                            randomBase64(16)))
                    .load(() -> false))
        .isInstanceOf(VaultKeyException.class)
        .hasMessageContaining("the pepper must have at least 32");
  }
}
