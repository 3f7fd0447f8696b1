package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trademap.server.mail.TextLinks.Segment;

class TextLinksTest {

  @Test
  void splitsTextAroundHttpAndHttpsLinks() {
    assertThat(
            TextLinks.split(
                "Confirm: https://localhost:8080/verify?token=a-b_c&x=1 or see http://example.org"))
        .containsExactly(
            new Segment("Confirm: ", false),
            new Segment("https://localhost:8080/verify?token=a-b_c&x=1", true),
            new Segment(" or see ", false),
            new Segment("http://example.org", true));
  }

  @Test
  void leavesSentencePunctuationOutOfTheLink() {
    assertThat(TextLinks.split("Go to https://example.org/a. Then (https://example.org/b), done"))
        .containsExactly(
            new Segment("Go to ", false),
            new Segment("https://example.org/a", true),
            new Segment(". Then (", false),
            new Segment("https://example.org/b", true),
            new Segment("), done", false));
  }

  @Test
  void neverLinksOtherSchemesOrMarkup() {
    assertThat(TextLinks.split("javascript:alert(1) <a href=\"x\">data:text/html,x</a> https://."))
        .containsExactly(
            new Segment("javascript:alert(1) <a href=\"x\">data:text/html,x</a> https://.", false));
    assertThat(TextLinks.split("https://example.org/<script>"))
        .containsExactly(new Segment("https://example.org/", true), new Segment("<script>", false));
  }

  @Test
  void plainTextAndEmptyTextStayAsTheyAre() {
    assertThat(TextLinks.split("no links here"))
        .containsExactly(new Segment("no links here", false));
    assertThat(TextLinks.split("")).isEmpty();
  }
}
