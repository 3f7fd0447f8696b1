package org.trademap.server.vault;

import static java.nio.charset.StandardCharsets.UTF_16BE;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.Databases;
import org.trademap.server.testing.TestDatabase;

/**
 * Personal data written through the vault into the server's file-based H2 database never appears in
 * plaintext in any file under the data directory; the same data written without the vault does.
 */
class NoPlaintextOnDiskTest {
  private static final String PURPOSE = "person.surname";

  @TempDir Path dataDir;

  @Test
  void noFileUnderTheDataDirectoryHoldsPersonalDataInPlaintext() {
    String secret = "Vault-Marker-" + UUID.randomUUID();
    String control = "Plain-Marker-" + UUID.randomUUID();
    SubjectId subject = SubjectId.random();
    SecureRandom random = new SecureRandom();
    VaultKeys keys =
        new VaultKeyLoader(VaultFixtures.generated(), dataDir, name -> null, random)
            .load(() -> false);

    try (TestDatabase db = Databases.h2File(dataDir)) {
      Vault vault = Vault.open(db.dataSource(), keys, Clock.systemUTC(), random);
      JdbcClient jdbc = JdbcClient.create(db.dataSource());
      jdbc.sql("CREATE TABLE probe (id INT PRIMARY KEY, sealed BYTEA, plain VARCHAR(200))")
          .update();
      for (int i = 0; i < 100; i++) {
        jdbc.sql("INSERT INTO probe (id, sealed) VALUES (?, ?)")
            .params(i, vault.encrypt(subject, PURPOSE, secret.getBytes(UTF_8)))
            .update();
      }
      jdbc.sql("INSERT INTO probe (id, plain) VALUES (100, ?)").param(control).update();
    }

    assertThat(filesContaining(secret)).isEmpty();
    assertThat(filesContaining(control)).isNotEmpty();
    assertThat(readBack(keys, subject)).hasSize(100).containsOnly(secret);
  }

  private List<String> readBack(VaultKeys keys, SubjectId subject) {
    try (TestDatabase db = Databases.h2File(dataDir)) {
      Vault vault = Vault.open(db.dataSource(), keys, Clock.systemUTC());
      return JdbcClient.create(db.dataSource())
          .sql("SELECT sealed FROM probe WHERE sealed IS NOT NULL ORDER BY id")
          .query(byte[].class)
          .list()
          .stream()
          .map(ciphertext -> text(vault.decrypt(subject, PURPOSE, ciphertext)))
          .toList();
    }
  }

  private static String text(Decrypted decrypted) {
    return switch (decrypted) {
      case Decrypted.Plaintext p -> new String(p.bytes(), UTF_8);
      case Decrypted.Shredded s -> "shredded";
      case Decrypted.Tampered t -> "tampered";
    };
  }

  /** Every file under the data directory holding the marker in UTF-8, UTF-16 or hex. */
  private List<Path> filesContaining(String marker) {
    List<byte[]> needles =
        Stream.concat(
                Stream.of(UTF_8, UTF_16LE, UTF_16BE).map((Charset c) -> marker.getBytes(c)),
                Stream.of(HexFormat.of().formatHex(marker.getBytes(UTF_8)).getBytes(UTF_8)))
            .toList();
    try (Stream<Path> files = Files.walk(dataDir)) {
      List<Path> all = files.filter(Files::isRegularFile).toList();
      assertThat(all).isNotEmpty();
      return all.stream()
          .filter(file -> needles.stream().anyMatch(needle -> contains(read(file), needle)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return true;
      }
    }
    return false;
  }
}
