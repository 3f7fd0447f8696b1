package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reason a password is refused for has a sentence in English and German. */
class IdentityMessagesTest {

  private static Properties load(String resource) throws IOException {
    Properties messages = new Properties();
    try (InputStream in = IdentityMessagesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return messages;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/messages.properties", "/messages_de.properties"})
  void everyPasswordReasonHasASentence(String resource) throws IOException {
    Properties messages = load(resource);

    for (PasswordVerdict.Reason reason : PasswordVerdict.Reason.values()) {
      assertThat(messages.getProperty(reason.code())).as(reason.code()).isNotBlank();
    }
  }
}
