package org.trademap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The English and German message files say the same things: the same keys, each with the same
 * arguments, and every text a valid {@link MessageFormat} pattern (the server formats every message
 * with it, so a lone apostrophe would swallow text).
 */
class MessagesInSyncTest {

  private static Map<String, String> load(String resource) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = MessagesInSyncTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> messages = new TreeMap<>();
    properties.forEach((k, v) -> messages.put((String) k, (String) v));
    return messages;
  }

  /** The argument indexes a pattern uses, with their format type ("number", "date", none). */
  static Set<String> arguments(String pattern, Locale locale) {
    MessageFormat format = new MessageFormat(pattern, locale);
    Format[] byArgument = format.getFormatsByArgumentIndex();
    Set<String> arguments = new TreeSet<>();
    int used = countArguments(pattern);
    for (int i = 0; i < Math.max(used, byArgument.length); i++) {
      if (pattern.contains("{" + i)) {
        Format f = i < byArgument.length ? byArgument[i] : null;
        arguments.add(i + (f == null ? "" : ":" + f.getClass().getSimpleName()));
      }
    }
    return arguments;
  }

  private static int countArguments(String pattern) {
    int highest = -1;
    for (int i = 0; i + 1 < pattern.length(); i++) {
      if (pattern.charAt(i) == '{' && Character.isDigit(pattern.charAt(i + 1))) {
        highest = Math.max(highest, Character.digit(pattern.charAt(i + 1), 10));
      }
    }
    return highest + 1;
  }

  @Test
  void germanHasExactlyTheEnglishKeys() throws IOException {
    Map<String, String> english = load("/messages.properties");
    Map<String, String> german = load("/messages_de.properties");

    assertThat(german.keySet())
        .as("keys missing in messages_de.properties")
        .containsAll(english.keySet());
    assertThat(english.keySet())
        .as("keys only in messages_de.properties")
        .containsAll(german.keySet());
  }

  @Test
  void eachTextIsAValidPatternWithTheSameArgumentsInBothLanguages() throws IOException {
    Map<String, String> english = load("/messages.properties");
    Map<String, String> german = load("/messages_de.properties");
    List<String> problems = new ArrayList<>();

    english.forEach(
        (key, text) -> {
          String translation = german.get(key);
          if (translation == null) {
            return;
          }
          try {
            Set<String> en = arguments(text, Locale.ENGLISH);
            Set<String> de = arguments(translation, Locale.GERMAN);
            if (!en.equals(de)) {
              problems.add(key + ": English uses " + en + ", German " + de);
            }
          } catch (IllegalArgumentException e) {
            problems.add(key + ": not a MessageFormat pattern: " + e.getMessage());
          }
        });

    assertThat(problems).isEmpty();
  }

  @Test
  void noTextIsBlankOrLeftUntranslatedByAccident() throws IOException {
    Map<String, String> german = load("/messages_de.properties");

    assertThat(german).allSatisfy((key, text) -> assertThat(text).as(key).isNotBlank());
  }

  @Test
  void argumentsAreReadWithTheirFormat() {
    assertThat(arguments("Block {0,number,#} of {1}", Locale.ENGLISH))
        .containsExactly("0:DecimalFormat", "1");
    assertThat(arguments("no arguments, it''s plain", Locale.ENGLISH)).isEmpty();
  }
}
