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

/** With {@code trademap.demo.seed=false} (production) nothing is seeded, and nothing said. */
@TestPropertySource(properties = "trademap.demo.seed=false")
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedOffIT extends RunningServer {
  @Autowired DataSource dataSource;

  @Test
  void nothingIsSeeded(CapturedOutput output) {
    assertNothingSeeded(dataSource, dataDir);
    assertThat(output.getAll()).doesNotContain("Demo data", "Demo accounts");
  }
}
