package org.trademap.server.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * One database for one test, migrated by the server's Flyway migrations: an H2 database in
 * PostgreSQL mode, or a fresh schema in the configured PostgreSQL database (dropped on {@link
 * #close()}). Opened on the first {@link #dataSource()} call, so a PostgreSQL case that is not
 * configured is skipped (or failed on CI) inside its own test. Obtain one from {@link Databases}.
 */
public final class TestDatabase implements AutoCloseable {

  /** The kinds of database the server supports. */
  public enum Kind {
    H2("H2"),
    POSTGRESQL("PostgreSQL");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private final Kind kind;
  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String schema;
  private final Runnable precondition;
  private @Nullable HikariDataSource dataSource;
  private boolean schemaCreated;
  private boolean closed;

  TestDatabase(
      Kind kind,
      String url,
      @Nullable String user,
      @Nullable String password,
      @Nullable String schema,
      Runnable precondition) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
    this.precondition = precondition;
  }

  /** H2 or PostgreSQL. */
  public Kind kind() {
    return kind;
  }

  /** The JDBC URL (without the schema for PostgreSQL). */
  public String url() {
    return url;
  }

  /** The fresh PostgreSQL schema of this test, or null for H2. */
  public @Nullable String schema() {
    return schema;
  }

  /**
   * A pooled data source on the migrated database; the same one on every call until {@link
   * #close()}.
   */
  public synchronized DataSource dataSource() {
    if (closed) {
      throw new IllegalStateException(kind + " test database is closed");
    }
    if (dataSource == null) {
      precondition.run();
      if (schema != null) {
        execute("CREATE SCHEMA " + schema);
        schemaCreated = true;
      }
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(user);
      config.setPassword(password);
      config.setSchema(schema);
      config.setMaximumPoolSize(4);
      config.setMinimumIdle(1);
      config.setPoolName("test-" + kind.name().toLowerCase(Locale.ROOT) + "-" + suffix());
      HikariDataSource pool = new HikariDataSource(config);
      try {
        Flyway.configure()
            .dataSource(pool)
            .schemas(schema == null ? new String[0] : new String[] {schema})
            .locations("classpath:db/migration")
            .load()
            .migrate();
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
      dataSource = pool;
    }
    return dataSource;
  }

  /** Closes the pool, then shuts H2 down or drops the PostgreSQL schema. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    HikariDataSource pool = dataSource;
    if (pool != null) {
      pool.close();
      if (kind == Kind.H2) {
        // An in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until shut down.
        execute("SHUTDOWN");
      }
    }
    if (schemaCreated) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void execute(String sql) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(url, properties);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + url, e);
    }
  }

  static String suffix() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return kind.toString();
  }
}
