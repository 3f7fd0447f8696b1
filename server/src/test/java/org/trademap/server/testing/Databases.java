package org.trademap.server.testing;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases repository tests run on: H2 always, PostgreSQL when the system property {@value
 * #URL_PROPERTY} names one (and {@value #USER_PROPERTY}, optionally {@value #PASSWORD_PROPERTY}).
 * Each test gets its own database, migrated by the server's Flyway migrations; on PostgreSQL a
 * fresh schema that is dropped afterwards.
 *
 * <p>Use {@link OnEachDatabase} on a test method that takes a {@link TestDatabase}:
 *
 * <pre>{@code
 * @OnEachDatabase
 * void keepsWhatItStores(TestDatabase db) {
 *   var repository = new Repository(db.dataSource());
 *   ...
 * }
 * }</pre>
 *
 * <p>Without the property the PostgreSQL case is skipped, saying how to enable it; on CI ({@code
 * CI=true}) it fails instead, so CI cannot pass without PostgreSQL. {@code bash .ci/run} sets the
 * properties when PostgreSQL answers on 127.0.0.1:5432.
 */
public final class Databases {
  /** The JDBC URL of the PostgreSQL database for tests. */
  public static final String URL_PROPERTY = "trademap.test.jdbc.url";

  /** Its user. */
  public static final String USER_PROPERTY = "trademap.test.jdbc.user";

  /** Its password, if it needs one. */
  public static final String PASSWORD_PROPERTY = "trademap.test.jdbc.password";

  /**
   * The H2 settings of the server's default datasource URL (application.yml): PostgreSQL mode and
   * the settings that make H2 behave like PostgreSQL where portable SQL can tell the difference.
   */
  public static final String H2_SETTINGS =
      "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  static final String HOW_TO_ENABLE =
      "PostgreSQL tests need -D"
          + URL_PROPERTY
          + "=jdbc:postgresql://127.0.0.1:5432/test -D"
          + USER_PROPERTY
          + "=postgres (bash .ci/run sets them when PostgreSQL is running)";

  private Databases() {}

  /** H2, then PostgreSQL: the source of {@link OnEachDatabase}. */
  public static Stream<TestDatabase> all() {
    return Stream.of(h2(), postgresql());
  }

  /** A fresh in-memory H2 database in PostgreSQL mode. */
  public static TestDatabase h2() {
    return new TestDatabase(
        TestDatabase.Kind.H2,
        "jdbc:h2:mem:test-" + TestDatabase.suffix() + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1",
        "sa",
        "",
        null,
        () -> {});
  }

  /**
   * An H2 database in a file under {@code dataDir}, where the server keeps it ({@code
   * <dataDir>/db/trademap}), with the server's settings.
   */
  public static TestDatabase h2File(Path dataDir) {
    return new TestDatabase(
        TestDatabase.Kind.H2,
        "jdbc:h2:file:"
            + dataDir.resolve("db").resolve("trademap").toAbsolutePath()
            + ";"
            + H2_SETTINGS
            + ";DB_CLOSE_ON_EXIT=FALSE",
        "sa",
        "",
        null,
        () -> {});
  }

  /**
   * A fresh schema in the configured PostgreSQL database; skipped (failed on CI) when none is
   * configured.
   */
  public static TestDatabase postgresql() {
    String url = property(URL_PROPERTY);
    if (url == null) {
      return new TestDatabase(
          TestDatabase.Kind.POSTGRESQL,
          "(not configured)",
          null,
          null,
          "unused",
          Databases::postgresqlMissing);
    }
    return new TestDatabase(
        TestDatabase.Kind.POSTGRESQL,
        url,
        property(USER_PROPERTY),
        property(PASSWORD_PROPERTY),
        "test_" + TestDatabase.suffix(),
        () -> {});
  }

  /** Whether the tests run on CI ({@code CI=true}), where nothing may be skipped. */
  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void postgresqlMissing() {
    if (onCi()) {
      Assertions.fail("CI=true, but PostgreSQL is not configured. " + HOW_TO_ENABLE);
    }
    Assumptions.abort("PostgreSQL is not configured. " + HOW_TO_ENABLE);
  }

  private static @Nullable String property(String name) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
