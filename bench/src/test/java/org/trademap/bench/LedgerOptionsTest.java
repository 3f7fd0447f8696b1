package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerOptionsTest {

  @Test
  void defaultsToThirtySecondsWithDefaultOutputAndTemporaryData() throws Exception {
    LedgerOptions o = LedgerOptions.parse(List.of());
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.out()).isNull();
    assertThat(o.data()).isNull();
    assertThat(o.help()).isFalse();
  }

  @Test
  void readsDurationInSeconds() throws Exception {
    assertThat(LedgerOptions.parse(List.of("--duration", "30s")).duration())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsDurationInMinutes() throws Exception {
    assertThat(LedgerOptions.parse(List.of("--duration", "2m")).duration())
        .isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void readsDurationInMillisecondsAndTheEqualsForm() throws Exception {
    assertThat(LedgerOptions.parse(List.of("--duration=7500ms")).duration())
        .isEqualTo(Duration.ofMillis(7500));
  }

  @Test
  void readsOutputFileAndDataDirectory() throws Exception {
    LedgerOptions o =
        LedgerOptions.parse(List.of("--out", "r/x.json", "--data=/tmp/d", "--duration", "20s"));
    assertThat(o.out()).isEqualTo(Path.of("r/x.json"));
    assertThat(o.data()).isEqualTo(Path.of("/tmp/d"));
    assertThat(o.duration()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void rejectsDurationWithoutUnit() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "30")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("needs a unit");
  }

  @Test
  void rejectsDurationWithUnknownUnit() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "30x")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("'30x'");
  }

  @Test
  void rejectsDurationThatIsNotANumber() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "abc")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("whole number");
  }

  @Test
  void rejectsNegativeAndFractionalDurations() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "-5s")))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "1.5s")))
        .isInstanceOf(UsageException.class);
  }

  @Test
  void rejectsZeroDuration() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "0s")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void rejectsDurationsOutsideFiveSecondsToTenMinutes() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "4s")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("between 5s and 10m, not 4s");
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration", "11m")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("not 11m");
  }

  @Test
  void rejectsOptionWithoutValue() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--duration")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--duration needs a value");
  }

  @Test
  void rejectsUnknownOption() {
    assertThatThrownBy(() -> LedgerOptions.parse(List.of("--threads", "4")))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option '--threads'");
  }
}
