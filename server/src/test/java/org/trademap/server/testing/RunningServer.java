package org.trademap.server.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.trademap.server.TradeMapApplication;

/**
 * Base of tests that drive the whole server over HTTP: a random port and a fresh data directory (so
 * a fresh ledger) per test class. The context is closed after the class, so one ledger node runs at
 * a time.
 *
 * <p>Demo data is not seeded ({@code trademap.demo.seed=false}): tests make the accounts they need,
 * and a server start need not spend the time. A test of the seeding turns it on with its own
 * {@code @TestPropertySource(properties = "trademap.demo.seed=true")}, which overrides this one.
 */
@TestPropertySource(properties = "trademap.demo.seed=false")
@SpringBootTest(
    classes = TradeMapApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class RunningServer {

  @TempDir protected static Path dataDir;

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void dataDir(DynamicPropertyRegistry registry) {
    registry.add("trademap.data-dir", () -> dataDir.toString());
  }

  protected Http http() {
    return new Http(port);
  }
}
