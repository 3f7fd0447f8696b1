package org.trademap.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.demo.SeededAccounts.assertNothingSeeded;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.testing.RunningServer;

/**
 * With mail going to a real SMTP server the start is a real deployment: even with {@code
 * trademap.demo.seed=true} nothing is seeded, and one log line says why. (No mail is sent, so the
 * SMTP server named here need not exist.)
 */
@TestPropertySource(
    properties = {
      "trademap.demo.seed=true",
      "trademap.mail.embedded=false",
      "spring.mail.host=127.0.0.1",
      "spring.mail.port=9"
    })
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedRealMailIT extends RunningServer {
  @Autowired DataSource dataSource;

  @Test
  void nothingIsSeededAndOneLineSaysWhy(CapturedOutput output) {
    assertNothingSeeded(dataSource, dataDir);
    assertThat(output.getAll().lines().filter(l -> l.contains("Demo data not seeded")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("trademap.mail.embedded=false"));
  }
}
