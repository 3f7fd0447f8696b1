package org.trademap.server.accounts;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code trademap.sessions.*} properties: how long a sign-in lasts. The session cookie's flags
 * and the idle timeout of browser sessions are Spring's {@code server.servlet.session.*}.
 *
 * @param bearerLifetime how long a bearer token from {@code POST /api/v1/sessions} is valid;
 *     default 1 hour, 1 minute to 30 days
 * @param browserLifetime the longest a browser session lasts however active it is (the idle timeout
 *     {@code server.servlet.session.timeout} usually ends it first); default 12 hours, 1 minute to
 *     30 days
 * @param secondFactorWindow how long the second step of a page login (the one-time code) may follow
 *     the password; default 5 minutes, 1 to 30 minutes
 */
@ConfigurationProperties("trademap.sessions")
public record SessionProperties(
    @DefaultValue("1h") Duration bearerLifetime,
    @DefaultValue("12h") Duration browserLifetime,
    @DefaultValue("5m") Duration secondFactorWindow) {
  private static final Duration MIN = Duration.ofMinutes(1);
  private static final Duration MAX = Duration.ofDays(30);

  public SessionProperties {
    for (Duration lifetime : new Duration[] {bearerLifetime, browserLifetime}) {
      if (lifetime.compareTo(MIN) < 0 || lifetime.compareTo(MAX) > 0) {
        throw new IllegalArgumentException(
            "trademap.sessions.bearer-lifetime and browser-lifetime must be 1 minute to 30 days");
      }
    }
    if (secondFactorWindow.compareTo(MIN) < 0
        || secondFactorWindow.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException(
          "trademap.sessions.second-factor-window must be 1 to 30 minutes");
    }
  }
}
