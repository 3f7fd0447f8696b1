package org.trademap.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpStatus;
import org.trademap.ledger.api.tx.ValidationCode;

/** Every text the pages and problems use is in messages.properties. */
class MessagesTest {
  private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9._-]+)");

  private static Properties messages() throws IOException {
    Properties messages = new Properties();
    try (InputStream in = MessagesTest.class.getResourceAsStream("/messages.properties")) {
      assertThat(in).isNotNull();
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return messages;
  }

  @Test
  void everyKeyTheTemplatesUseExists() throws IOException {
    Properties messages = messages();
    List<String> used = new ArrayList<>();
    for (Resource template :
        new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
      String html = template.getContentAsString(StandardCharsets.UTF_8);
      Matcher m = MESSAGE_KEY.matcher(html);
      while (m.find()) {
        used.add(m.group(1));
      }
    }

    assertThat(used).isNotEmpty();
    assertThat(used).allSatisfy(key -> assertThat(messages).containsKey(key));
  }

  @Test
  void everyRefusalCodeHasAProblemTitle() throws IOException {
    Properties messages = messages();

    for (ValidationCode code : ValidationCode.values()) {
      if (code == ValidationCode.OK) {
        continue;
      }
      String problem = "ledger." + code.name().toLowerCase(Locale.ROOT).replace('_', '-');
      assertThat(messages).containsKey("problem." + problem + ".title");
    }
  }

  @Test
  void everyFrameworkStatusCodeHasATitleAndASentence() throws IOException {
    Properties messages = messages();

    for (HttpStatus status : HttpStatus.values()) {
      if (status.isError()) {
        String code = ProblemResponses.codeFor(status);
        assertThat(messages).containsKey("problem." + code + ".title");
        assertThat(messages).containsKey("problem." + code + ".detail");
      }
    }
  }
}
