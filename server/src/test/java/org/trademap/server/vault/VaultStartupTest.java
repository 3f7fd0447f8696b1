package org.trademap.server.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.trademap.server.config.TradeMapProperties;
import org.trademap.server.testing.Databases;

/**
 * The vault as Spring starts it: after Flyway, with the configured keys, refusing to start when
 * they are missing or garbled.
 */
class VaultStartupTest {
  private static final String NAME = "person.name";

  @TempDir Path dataDir;

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(TradeMapProperties.class)
  static class Application {}

  private ApplicationContextRunner server() {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class))
        .withUserConfiguration(Application.class, VaultConfiguration.class)
        .withPropertyValues(
            "trademap.data-dir=" + dataDir,
            "spring.datasource.url=jdbc:h2:file:"
                + dataDir.resolve("db").resolve("trademap")
                + ";"
                + Databases.H2_SETTINGS
                + ";DB_CLOSE_ON_EXIT=FALSE",
            "spring.datasource.username=sa",
            "spring.datasource.password=");
  }

  @Test
  void generatesItsKeysOnFirstStartAndReusesThemAfterARestart() throws IOException {
    SubjectId subject = SubjectId.random();
    AtomicReference<byte[]> sealed = new AtomicReference<>();

    server()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              sealed.set(
                  context.getBean(Vault.class).encrypt(subject, NAME, "Anna".getBytes(UTF_8)));
            });
    assertThat(Files.getPosixFilePermissions(dataDir.resolve("vault").resolve("kek")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(dataDir.resolve("db").resolve("trademap.mv.db")).isRegularFile();
    String kekFile = Files.readString(dataDir.resolve("vault").resolve("kek"));

    server()
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(Vault.class).decrypt(subject, NAME, sealed.get()))
                  .isInstanceOfSatisfying(
                      Decrypted.Plaintext.class,
                      p -> assertThat(new String(p.bytes(), UTF_8)).isEqualTo("Anna"));
            });
    assertThat(Files.readString(dataDir.resolve("vault").resolve("kek"))).isEqualTo(kekFile);
  }

  @Test
  void refusesToStartWithAGarbledKeyFile() throws IOException {
    server().run(context -> assertThat(context).hasNotFailed());
    Files.writeString(dataDir.resolve("vault").resolve("kek"), "garbled\u0000key\n");

    server()
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(VaultKeyException.class)
                    .hasMessageContaining(dataDir.resolve("vault").resolve("kek").toString())
                    .hasMessageContaining("does not hold base64"));
  }

  @Test
  void refusesToStartWhenTheKeyFilesAreLostButTheDataIsNot() throws IOException {
    server()
        .run(
            context ->
                context.getBean(Vault.class).encrypt(SubjectId.random(), NAME, new byte[] {1}));
    Files.delete(dataDir.resolve("vault").resolve("kek"));
    Files.delete(dataDir.resolve("vault").resolve("pepper"));

    server()
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(VaultKeyException.class)
                    .hasMessageContaining("are missing, but the database holds personal data"));
    assertThat(dataDir.resolve("vault").resolve("kek")).doesNotExist();
  }

  @Test
  void refusesToStartWhenTheConfiguredEnvironmentVariableIsNotSet() {
    server()
        .withPropertyValues(
            "trademap.vault.key-source=environment",
            "trademap.vault.environment.kek-variable=TRADEMAP_TEST_VARIABLE_THAT_IS_NOT_SET")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(VaultKeyException.class)
                    .hasMessageContaining("TRADEMAP_TEST_VARIABLE_THAT_IS_NOT_SET")
                    .hasMessageContaining("is not set"));
  }
}
