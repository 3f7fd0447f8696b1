package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every stable code of this package has a sentence for people in English and in German. */
class KycDataMessagesTest {

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = KycDataMessagesTest.class.getResourceAsStream("/" + name)) {
      assertThat(in).as(name).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static List<String> keys() {
    List<String> keys = new ArrayList<>();
    for (FieldError.Code code : FieldError.Code.values()) {
      keys.add("kycdata.error." + code.key());
    }
    keys.add("kycdata.review." + ReviewFlag.REASON_MIXED_SCRIPT);
    keys.add("kycdata.review." + ReviewFlag.REASON_MIXED_NUMBERS);
    keys.add("kycdata.review." + ReviewFlag.REASON_REPEATED_MARK);
    return keys;
  }

  @ParameterizedTest
  @ValueSource(strings = {"messages.properties", "messages_de.properties"})
  void hasASentenceForEveryErrorCodeAndReviewReason(String file) throws IOException {
    Properties messages = load(file);

    assertThat(keys())
        .allSatisfy(key -> assertThat(messages.getProperty(key)).as(key).isNotBlank());
  }

  @Test
  void usesTheSamePlaceholdersInBothLanguages() throws IOException {
    Properties english = load("messages.properties");
    Properties german = load("messages_de.properties");

    for (String key : keys()) {
      Object[] arguments = {"ARG0", "ARG1"};
      String en = new MessageFormat(english.getProperty(key), Locale.ENGLISH).format(arguments);
      String de = new MessageFormat(german.getProperty(key), Locale.GERMAN).format(arguments);

      assertThat(de.contains("ARG0")).as(key).isEqualTo(en.contains("ARG0"));
      assertThat(de.contains("ARG1")).as(key).isEqualTo(en.contains("ARG1"));
    }
  }

  @Test
  void hasNoKycDataKeyInGermanThatEnglishLacks() throws IOException {
    Properties english = load("messages.properties");

    assertThat(load("messages_de.properties").stringPropertyNames())
        .filteredOn(key -> key.startsWith("kycdata."))
        .allSatisfy(key -> assertThat(english).containsKey(key));
  }
}
