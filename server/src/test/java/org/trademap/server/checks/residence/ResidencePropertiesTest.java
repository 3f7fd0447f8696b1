package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ResidencePropertiesTest {

  private static ResidenceProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("trademap.residence", ResidenceProperties.class);
  }

  @Test
  void theDefaultsAreTheDocumentedOnes() {
    ResidenceProperties bound = bind(Map.of());

    assertThat(bound).isEqualTo(ResidenceProperties.defaults());
    assertThat(bound.codeValidity()).isEqualTo(Duration.ofDays(30));
    assertThat(bound.maxFailuresPerLetter()).isEqualTo(5);
    assertThat(bound.maxFailuresPerAccount()).isEqualTo(10);
    assertThat(bound.accountWindow()).isEqualTo(Duration.ofHours(24));
    assertThat(bound.fonts())
        .containsExactly(Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
  }

  @Test
  void bindsItsProperties() {
    ResidenceProperties bound =
        bind(
            Map.of(
                "trademap.residence.code-validity", "14d",
                "trademap.residence.max-failures-per-letter", "3",
                "trademap.residence.max-failures-per-account", "3",
                "trademap.residence.account-window", "1h",
                "trademap.residence.fonts", "/a.ttf,/b.ttf"));

    assertThat(bound)
        .isEqualTo(
            new ResidenceProperties(
                Duration.ofDays(14),
                3,
                3,
                Duration.ofHours(1),
                List.of(Path.of("/a.ttf"), Path.of("/b.ttf"))));
  }

  @Test
  void refusesSettingsOutsideTheirRanges() {
    List<Path> fonts = List.of();
    assertThatThrownBy(
            () -> new ResidenceProperties(Duration.ofHours(23), 5, 10, Duration.ofHours(24), fonts))
        .hasMessageContaining("code-validity");
    assertThatThrownBy(
            () -> new ResidenceProperties(Duration.ofDays(181), 5, 10, Duration.ofHours(24), fonts))
        .hasMessageContaining("code-validity");
    assertThatThrownBy(
            () -> new ResidenceProperties(Duration.ofDays(30), 0, 10, Duration.ofHours(24), fonts))
        .hasMessageContaining("max-failures-per-letter");
    assertThatThrownBy(
            () -> new ResidenceProperties(Duration.ofDays(30), 5, 4, Duration.ofHours(24), fonts))
        .hasMessageContaining("max-failures-per-account");
    assertThatThrownBy(
            () ->
                new ResidenceProperties(Duration.ofDays(30), 5, 10, Duration.ofSeconds(59), fonts))
        .hasMessageContaining("account-window");
  }
}
