package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every refusal has a title and a sentence in English and German, and the English is the code's.
 */
class DocumentMessagesTest {

  private static Properties load(String resource) throws IOException {
    Properties messages = new Properties();
    try (InputStream in = DocumentMessagesTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return messages;
  }

  @Test
  void everyRefusalHasItsEnglishSentenceInTheMessages() throws IOException {
    Properties english = load("/messages.properties");

    for (Refusal refusal : Refusal.values()) {
      String prefix = "problem." + refusal.code();
      assertThat(english).containsKey(prefix + ".title");
      assertThat(english.getProperty(prefix + ".detail"))
          .as(refusal.code())
          .isEqualTo(refusal.sentencePattern());
    }
  }

  @Test
  void everyRefusalHasAGermanTitleAndSentenceWithTheSameArguments() throws IOException {
    Properties english = load("/messages.properties");
    Properties german = load("/messages_de.properties");

    for (Refusal refusal : Refusal.values()) {
      String prefix = "problem." + refusal.code();
      assertThat(german).containsKey(prefix + ".title");
      String detail = german.getProperty(prefix + ".detail");
      assertThat(detail).as(refusal.code()).isNotBlank();
      assertThat(new MessageFormat(detail, Locale.GERMAN).getFormats())
          .as(refusal.code())
          .hasSameSizeAs(
              new MessageFormat(english.getProperty(prefix + ".detail"), Locale.ROOT).getFormats());
    }
  }
}
