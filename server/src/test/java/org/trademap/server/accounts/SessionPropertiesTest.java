package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SessionPropertiesTest {

  private static SessionProperties bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties))
        .bindOrCreate("trademap.sessions", SessionProperties.class);
  }

  @Test
  void defaultsAreAnHourForTokensTwelveHoursForBrowsersAndFiveMinutesForTheCode() {
    SessionProperties defaults = bind(Map.of());

    assertThat(defaults.bearerLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.browserLifetime()).isEqualTo(Duration.ofHours(12));
    assertThat(defaults.secondFactorWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(bind(Map.of("trademap.sessions.bearer-lifetime", "15m")).bearerLifetime())
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void refusesLifetimesOutsideTheirRanges() {
    Duration minute = Duration.ofMinutes(1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionProperties(Duration.ofSeconds(59), minute, minute));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionProperties(minute, Duration.ofDays(31), minute));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SessionProperties(minute, minute, Duration.ofMinutes(31)));
    assertThat(new SessionProperties(minute, Duration.ofDays(30), Duration.ofMinutes(30)))
        .isNotNull();
  }
}
