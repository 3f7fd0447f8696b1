package org.trademap.server.kyc.rights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.UnreadableFileException;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.Problems;
import org.trademap.server.testing.TestAccounts;

/** What an erasure must leave behind, checked over HTTP, in the database and in the data dir. */
final class ErasureChecks {
  private final Http http;
  private final DataSource dataSource;
  private final KycFiles files;
  private final Path dataDir;

  ErasureChecks(Http http, DataSource dataSource, KycFiles files, Path dataDir) {
    this.http = http;
    this.dataSource = dataSource;
    this.files = files;
    this.dataDir = dataDir;
  }

  /** Everything an erasure must leave behind, checked from outside and in the stores. */
  void assertErased(RightsFixture.Person person, UUID account, String name) {
    // The token used is dead, and so are the credentials.
    Problems.assertProblem(person.client().get("/api/v1/me"), 401, "auth.required");
    Problems.assertProblem(person.client().get("/api/v1/me/export"), 401, "auth.required");
    assertThat(
            TestAccounts.loginRequest(http, person.email(), TestAccounts.PASSWORD, null).status())
        .isEqualTo(401);
    // The sealed profile cannot be read any more; the documents are gone.
    assertThatThrownBy(() -> files.profile(account, AccountKind.PERSON))
        .isInstanceOfSatisfying(
            UnreadableFileException.class,
            e -> assertThat(e.reason()).isEqualTo(UnreadableFileException.Reason.ERASED));
    JdbcClient db = JdbcClient.create(dataSource);
    assertThat(
            db.sql(
                    "SELECT COUNT(*) FROM kyc_document d JOIN kyc_subject s"
                        + " ON d.subject_id = s.subject_id WHERE s.account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            db.sql("SELECT COUNT(*) FROM account WHERE email_key = ?")
                .param(person.email().toLowerCase(Locale.ROOT))
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            db.sql("SELECT status FROM account WHERE id = ?")
                .param(account)
                .query(String.class)
                .single())
        .isEqualTo("DISABLED");
    assertThat(
            db.sql("SELECT COUNT(*) FROM kyc_erasure WHERE account_id = ?")
                .param(account)
                .query(Long.class)
                .single())
        .isOne();
    assertThat(
            db.sql(
                    "SELECT COUNT(*) FROM account_session WHERE account_id = ?"
                        + " AND ended_at IS NULL")
                .param(account)
                .query(Long.class)
                .single())
        .isZero();
    // No file of the data directory (database, documents, ledger) holds the name in plaintext.
    assertThat(filesContaining(name.getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  private List<Path> filesContaining(byte[] needle) {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path file : all.filter(Files::isRegularFile).toList()) {
        byte[] content;
        try {
          content = Files.readAllBytes(file);
        } catch (IOException e) {
          continue; // deleted meanwhile
        }
        if (contains(content, needle)) {
          found.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
