package org.trademap.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.demo.SeededAccounts.accountCount;
import static org.trademap.server.demo.SeededAccounts.signedIn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.TradeMapApplication;
import org.trademap.server.testing.RunningServer;

/**
 * A second start with a seeded data directory seeds nothing more: the server of this class is that
 * second start, after a first one (seeding) ran and stopped on the same directory.
 */
@TestPropertySource(properties = "trademap.demo.seed=true")
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedRestartIT extends RunningServer {
  private static long accountsAfterFirstStart;
  private static byte[] fileAfterFirstStart = new byte[0];

  @Autowired DataSource dataSource;

  @BeforeAll
  static void firstStart() throws IOException {
    try (ConfigurableApplicationContext first =
        new SpringApplicationBuilder(TradeMapApplication.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--trademap.data-dir=" + dataDir,
                "--trademap.demo.seed=true")) {
      accountsAfterFirstStart = accountCount(first.getBean(DataSource.class));
    }
    fileAfterFirstStart = Files.readAllBytes(credentialsFile());
  }

  private static Path credentialsFile() {
    return dataDir.resolve("demo-credentials.txt");
  }

  @Test
  void theSecondStartMakesNoMoreAccountsAndKeepsTheFile() throws IOException {
    // Six people (three of them with worked cases), three back-office staff and an approver at
    // each of the two demo securities companies.
    assertThat(accountsAfterFirstStart).isEqualTo(11);
    assertThat(accountCount(dataSource)).isEqualTo(11);
    assertThat(Files.readAllBytes(credentialsFile())).isEqualTo(fileAfterFirstStart);
  }

  @Test
  void theCredentialsStillSignIn() {
    SeededAccounts accounts = SeededAccounts.readFrom(dataDir);
    assertThat(signedIn(http(), accounts.person()).get("/api/v1/me").status()).isEqualTo(200);
    assertThat(signedIn(http(), accounts.company()).get("/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void bothStartsNameTheFile(CapturedOutput output) {
    assertThat(output.getAll().lines().filter(l -> l.contains(credentialsFile().toString())))
        .hasSize(2);
  }
}
