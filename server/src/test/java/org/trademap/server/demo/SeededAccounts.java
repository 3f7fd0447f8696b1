package org.trademap.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.trademap.server.testing.Http;
import org.trademap.server.testing.TestAccounts;
import tools.jackson.databind.JsonNode;

/**
 * The demo accounts as a person reads them from {@code demo-credentials.txt}, and what the API
 * shows them.
 *
 * @param person the person's address and password
 * @param company the company's address and password
 * @param submitted the person whose file is submitted
 * @param administrator the back office's administrator
 * @param supervisor the back office's KYC supervisor
 * @param operator the back office's KYC operator
 * @param all every account in the file, by its title line (e.g. {@code Person with an approved KYC
 *     file: Sophie Beispiel})
 */
public record SeededAccounts(
    Credentials person,
    Credentials company,
    Credentials submitted,
    Credentials administrator,
    Credentials supervisor,
    Credentials operator,
    Map<String, Credentials> all) {
  private static final Pattern ENTRY =
      Pattern.compile(
          "\\n([^\\n]+)\\n  email: +(\\S+)\\n  password: +(\\S+)\\n"
              + "(?:  TOTP key: +([A-Z2-7]+) .*\\n)?");

  /**
   * One account's sign-in details.
   *
   * @param email the address
   * @param password the password
   * @param totpKey the authenticator's base32 key (staff), or null
   */
  public record Credentials(String email, String password, @Nullable String totpKey) {}

  /** The accounts in the file in the data directory, in the order the seeding made them. */
  public static SeededAccounts readFrom(Path dataDir) {
    String text;
    try {
      text = Files.readString(dataDir.resolve("demo-credentials.txt"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Credentials> found = new ArrayList<>();
    Map<String, Credentials> all = new LinkedHashMap<>();
    Matcher entry = ENTRY.matcher(text);
    while (entry.find()) {
      Credentials credentials = new Credentials(entry.group(2), entry.group(3), entry.group(4));
      found.add(credentials);
      all.put(entry.group(1), credentials);
    }
    assertThat(found).as("accounts in %s", text.lines().count()).hasSize(11);
    return new SeededAccounts(
        found.get(0),
        found.get(1),
        found.get(2),
        found.get(3),
        found.get(4),
        found.get(5),
        Map.copyOf(all));
  }

  /** The one account whose title line starts with {@code prefix}. */
  public Credentials titled(String prefix) {
    List<Credentials> matching =
        all.entrySet().stream()
            .filter(e -> e.getKey().startsWith(prefix))
            .map(Map.Entry::getValue)
            .toList();
    assertThat(matching).as("accounts titled %s… in %s", prefix, all.keySet()).hasSize(1);
    return matching.getFirst();
  }

  /** Signs in over {@code POST /api/v1/sessions} and returns a client with the bearer token. */
  public static Http signedIn(Http http, Credentials account) {
    Http.Response login =
        TestAccounts.loginRequest(http, account.email(), account.password(), null);
    assertThat(login.status()).as(login.toString()).isEqualTo(201);
    return http.withBearer(login.json().get("token").asString());
  }

  /** The status of each step of {@code GET /api/v1/me}, by step name. */
  static Map<String, String> steps(JsonNode me) {
    return me.get("steps")
        .valueStream()
        .collect(Collectors.toMap(s -> s.get("step").asString(), s -> s.get("status").asString()));
  }

  /** How many accounts the server's database holds, whoever made them. */
  static long accountCount(DataSource dataSource) {
    return JdbcClient.create(dataSource)
        .sql("SELECT COUNT(*) FROM account")
        .query(Long.class)
        .single();
  }

  /** Checks that the server made no account and the data directory has no demo files. */
  static void assertNothingSeeded(DataSource dataSource, Path dataDir) {
    assertThat(accountCount(dataSource)).isZero();
    assertThat(dataDir.resolve("demo-credentials.txt")).doesNotExist();
    assertThat(dataDir.resolve("demo-seed.marker")).doesNotExist();
  }

  /** The values of an array of strings. */
  static List<String> strings(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }
}
