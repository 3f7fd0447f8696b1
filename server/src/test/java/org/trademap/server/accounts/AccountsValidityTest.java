package org.trademap.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountsValidityTest {

  @Test
  void statesWholeHoursAsHoursAndAnythingElseAsMinutes() {
    assertThat(Accounts.validity(Duration.ofHours(24))).isEqualTo(Map.of("validHours", 24L));
    assertThat(Accounts.validity(Duration.ofMinutes(90))).isEqualTo(Map.of("validMinutes", 90L));
    assertThat(Accounts.validity(Duration.ofSeconds(90))).isEqualTo(Map.of("validMinutes", 1L));
  }
}
