package org.trademap.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.AccountsProperties;
import org.trademap.server.config.TradeMapProperties;

/**
 * Seeds the demo accounts once the server is ready, on the first start with a data directory, and
 * names their credentials file in one log line on every start after that.
 *
 * <p>Before it makes anything it creates {@code <data-dir>/demo-seed.marker}; a data directory with
 * that marker is never seeded again, also when the seeding failed half-way or the credentials file
 * was deleted. So a restart never makes more accounts. Seeding only adds accounts under new random
 * addresses and changes nothing that exists. Logs name the file, never the addresses or the
 * passwords.
 */
@Component
class DemoSeeder {
  /** The file whose existence says that the data directory was seeded. */
  static final String MARKER = "demo-seed.marker";

  private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

  /** The one line every start logs while the credentials file exists; it names only the file. */
  static final String ANNOUNCEMENT =
      "Demo accounts (people part-way through onboarding and back-office staff): sign-in details"
          + " in {}";

  /** What a start does about demo data. */
  enum Decision {
    /** {@code trademap.demo.seed=false}: nothing, silently (the production setting). */
    DISABLED,
    /** Mail goes to a real SMTP server, so this is a real deployment: nothing, and say why. */
    REAL_MAIL,
    /** Seeded before: name the credentials file. */
    ALREADY_SEEDED,
    /** Seed now. */
    SEED
  }

  private final DemoProperties properties;
  private final boolean embeddedMail;
  private final Path dataDir;
  private final String signInUrl;
  private final DemoOnboarding onboarding;
  private final Environment environment;
  private final Clock clock;

  DemoSeeder(
      DemoProperties properties,
      @Value("${trademap.mail.embedded:true}") boolean embeddedMail,
      TradeMapProperties trademap,
      AccountsProperties accounts,
      DemoOnboarding onboarding,
      Environment environment,
      ObjectProvider<Clock> clock) {
    this.properties = properties;
    this.embeddedMail = embeddedMail;
    this.dataDir = trademap.dataDir().toAbsolutePath().normalize();
    this.signInUrl = signInUrl(accounts.linkBase());
    this.onboarding = onboarding;
    this.environment = environment;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** What to do, from the setting, the kind of mail and the marker. */
  static Decision decide(boolean seed, boolean embeddedMail, boolean marked) {
    if (!seed) {
      return Decision.DISABLED;
    }
    if (!embeddedMail) {
      return Decision.REAL_MAIL;
    }
    return marked ? Decision.ALREADY_SEEDED : Decision.SEED;
  }

  /** The login page under the configured link base. */
  static String signInUrl(URI linkBase) {
    String base = linkBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/login";
  }

  @EventListener(ApplicationReadyEvent.class)
  void onReady() {
    Path marker = dataDir.resolve(MARKER);
    switch (decide(properties.seed(), embeddedMail, Files.exists(marker))) {
      case DISABLED -> {}
      case REAL_MAIL ->
          log.info(
              "Demo data not seeded: trademap.mail.embedded=false means a real deployment"
                  + " (set trademap.demo.seed=false there)");
      case ALREADY_SEEDED -> announce();
      case SEED -> {
        boolean claimed;
        try {
          claimed = claim(marker);
        } catch (UncheckedIOException e) {
          log.error("Demo data not seeded: {} cannot be created", marker, e);
          return;
        }
        if (claimed) {
          seed();
        } else {
          announce();
        }
      }
    }
  }

  private void seed() {
    Path file;
    try {
      DemoCredentials credentials =
          onboarding.seed(new DevMailboxClient(ownBaseUrl()), signInUrl, clock.instant());
      file = credentials.writeTo(dataDir);
    } catch (RuntimeException e) {
      // The server itself is fine: say so, and keep serving.
      log.error(
          "Demo data could not be seeded; it is not tried again with this data directory ({}"
              + " exists). Start with a new data directory to try again.",
          dataDir.resolve(MARKER),
          e);
      return;
    }
    log.info(ANNOUNCEMENT, file);
  }

  private void announce() {
    Path file = dataDir.resolve(DemoCredentials.FILE_NAME);
    if (Files.exists(file)) {
      log.info(ANNOUNCEMENT, file);
    }
  }

  /** Creates the marker; false if it exists already (another start got there first). */
  private boolean claim(Path marker) {
    try {
      Files.createDirectories(dataDir);
      Files.writeString(
          marker,
          "Demo data was seeded into this data directory from "
              + clock.instant()
              + " on; TradeMap does not seed it again.\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("creating " + marker + " failed", e);
    }
  }

  /**
   * This server as its own client reaches it: over loopback when it listens on every interface, so
   * that the dev mailbox (loopback clients only) answers.
   */
  private URI ownBaseUrl() {
    Integer port = environment.getProperty("local.server.port", Integer.class);
    if (port == null) {
      throw new IllegalStateException("no web server: the dev mailbox cannot be read");
    }
    String host = "127.0.0.1";
    String address = environment.getProperty("server.address");
    if (address != null && !address.isBlank()) {
      try {
        InetAddress bound = InetAddress.getByName(address);
        if (!bound.isAnyLocalAddress()) {
          host =
              bound instanceof Inet6Address
                  ? "[" + bound.getHostAddress() + "]"
                  : bound.getHostAddress();
        }
      } catch (UnknownHostException e) {
        throw new IllegalStateException("server.address cannot be resolved", e);
      }
    }
    String contextPath = environment.getProperty("server.servlet.context-path", "");
    return URI.create("http://" + host + ":" + port + contextPath);
  }
}
