package org.trademap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhCommandTest {

  @Test
  void defaultsToAShortRunWhenNoOptionsAreGiven() {
    assertThat(JmhCommand.withDefaults(List.of()))
        .containsExactly("-f", "1", "-wi", "2", "-i", "3", "-w", "1s", "-r", "2s");
  }

  @Test
  void keepsTheOptionsGivenAndDefaultsTheOthers() {
    assertThat(JmhCommand.withDefaults(List.of("-f", "2", "-wi3", "Signature")))
        .containsExactly("-i", "3", "-w", "1s", "-r", "2s", "-f", "2", "-wi3", "Signature");
  }

  @Test
  void doesNotMistakeResultFormatForRunTime() {
    assertThat(JmhCommand.withDefaults(List.of("-rf", "json")))
        .containsSubsequence("-r", "2s", "-rf", "json");
  }
}
