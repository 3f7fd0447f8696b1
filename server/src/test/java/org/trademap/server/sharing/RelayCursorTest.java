package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The relay's cursors read back as handed out; anything else is not a cursor. */
class RelayCursorTest {
  private static final UUID ID = UUID.fromString("0b6e8f0c-2d0c-4c53-9d43-3f1a1f0e6a55");
  private static final Instant AT = Instant.parse("2026-11-24T05:51:33.123456Z");

  @Test
  void aCursorReadsBackAsHandedOutAndNoneMeansFromTheStart() {
    String text = new RelayCursor(AT, ID).encode();
    assertThat(text).matches("[A-Za-z0-9_-]+");
    assertThat(RelayCursor.parse(text)).contains(new RelayCursor(AT, ID));
    assertThat(RelayCursor.parse(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a cursor", "bm9wZQ", "%%%", "===="})
  void somethingElseIsNotACursor(String text) {
    assertThatThrownBy(() -> RelayCursor.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCursorWithAMalformedTimeOrIdOrTooLongIsNotACursor() {
    assertThatThrownBy(() -> RelayCursor.parse(encoded("yesterday|" + ID)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayCursor.parse(encoded(AT + "|1-2-3-4-5")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayCursor.parse(encoded(AT + "|" + ID + "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RelayCursor.parse("a".repeat(201)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String encoded(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
