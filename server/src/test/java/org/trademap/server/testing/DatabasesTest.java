package org.trademap.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The repository-test harness gives each test a migrated, private database. */
class DatabasesTest {

  @OnEachDatabase
  void migratesEachDatabaseWithTheServersMigrations(TestDatabase db) {
    JdbcClient jdbc = JdbcClient.create(db.dataSource());

    List<String> versions =
        jdbc.sql(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"
                    + " ORDER BY installed_rank")
            .query(String.class)
            .list();
    assertThat(versions).startsWith("1");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM vault_subject_key").query(Long.class).single())
        .isZero();
  }

  @OnEachDatabase
  void givesEachTestItsOwnDatabase(TestDatabase db) {
    JdbcClient.create(db.dataSource()).sql("CREATE TABLE probe (id INT PRIMARY KEY)").update();

    try (TestDatabase other =
        db.kind() == TestDatabase.Kind.H2 ? Databases.h2() : Databases.postgresql()) {
      JdbcClient.create(other.dataSource()).sql("CREATE TABLE probe (id INT PRIMARY KEY)").update();
    }
  }

  @OnEachDatabase
  void sortsNullsLastOnBothDatabases(TestDatabase db) {
    JdbcClient jdbc = JdbcClient.create(db.dataSource());
    jdbc.sql("CREATE TABLE probe (id INT PRIMARY KEY, rank_value INT)").update();
    jdbc.sql("INSERT INTO probe (id, rank_value) VALUES (1, NULL), (2, 5), (3, 1)").update();

    assertThat(jdbc.sql("SELECT id FROM probe ORDER BY rank_value").query(Integer.class).list())
        .containsExactly(3, 2, 1);
  }

  @Test
  void dropsThePostgresqlSchemaAfterTheTest() throws SQLException {
    String schema;
    String url;
    try (TestDatabase db = Databases.postgresql()) {
      db.dataSource();
      schema = String.valueOf(db.schema());
      url = db.url();
      assertThat(schemaExists(url, schema)).isTrue();
    }

    assertThat(schemaExists(url, schema)).isFalse();
  }

  @Test
  void theServersDefaultDatabaseIsAnH2FileWithTheSameSettings() throws IOException {
    List<PropertySource<?>> yaml =
        new YamlPropertySourceLoader()
            .load("application", new ClassPathResource("application.yml"));
    String url = String.valueOf(yaml.getFirst().getProperty("spring.datasource.url"));

    assertThat(url)
        .startsWith("jdbc:h2:file:${trademap.data-dir}/db/trademap;")
        .contains(";" + Databases.H2_SETTINGS + ";");
  }

  private static boolean schemaExists(String url, String schema) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", String.valueOf(System.getProperty(Databases.USER_PROPERTY)));
    String password = System.getProperty(Databases.PASSWORD_PROPERTY);
    if (password != null) {
      properties.setProperty("password", password);
    }
    try (Connection c = DriverManager.getConnection(url, properties);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = ?")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1) == 1;
      }
    }
  }
}
