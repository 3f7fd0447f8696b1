package org.trademap.server.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.RunningServer;

/** The whole server starts with its database and vault under the data directory. */
class VaultIT extends RunningServer {

  @Autowired Vault vault;

  @Autowired DataSource dataSource;

  @Test
  void keepsItsMigratedDatabaseAndVaultKeysInTheDataDirectory() throws IOException {
    SubjectId subject = SubjectId.random();
    byte[] sealed = vault.encrypt(subject, "person.name", "Anna".getBytes(UTF_8));

    assertThat(vault.decrypt(subject, "person.name", sealed))
        .isInstanceOfSatisfying(
            Decrypted.Plaintext.class,
            p -> assertThat(new String(p.bytes(), UTF_8)).isEqualTo("Anna"));
    assertThat(dataDir.resolve("db").resolve("trademap.mv.db")).isRegularFile();
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("vault").resolve("kek")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(
            JdbcClient.create(dataSource)
                .sql("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success")
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }
}
