package org.trademap.server.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutgoingMailTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann@example.org",
        "ann.muster+kyc@example.org",
        "o'brien@example.co.uk",
        "ann@localhost",
        "a@b.c"
      })
  void acceptsPlainAddresses(String address) {
    assertThat(OutgoingMail.isValidAddress(address)).isTrue();
    assertThat(OutgoingMail.text(address, "Subject", "Body").to()).isEqualTo(address);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "ann",
        "@example.org",
        "ann@",
        "Ann <ann@example.org>",
        "<ann@example.org>",
        "ann@example.org, eve@example.org",
        "ann@example.org;eve@example.org",
        "ann @example.org",
        "ann..x@example.org",
        ".ann@example.org",
        "ann@exa mple.org",
        "änn@example.org",
        "ann@exämple.org",
        "list: ann@example.org;"
      })
  void refusesAnythingButOnePlainAsciiAddress(String address) {
    assertThat(OutgoingMail.isValidAddress(address)).isFalse();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingMail.text(address, "Subject", "Body"))
        .withMessage("the recipient is not a valid email address");
  }

  @Test
  void refusesTooLongAddresses() {
    String longLocal = "a".repeat(65) + "@example.org";
    String longDomain =
        "ann@"
            + "d".repeat(63)
            + "."
            + "e".repeat(63)
            + "."
            + "f".repeat(63)
            + "."
            + "g".repeat(63)
            + ".org";

    assertThat(OutgoingMail.isValidAddress("a".repeat(64) + "@example.org")).isTrue();
    assertThat(OutgoingMail.isValidAddress(longLocal)).isFalse();
    assertThat(longDomain.length()).isGreaterThan(OutgoingMail.MAX_ADDRESS_LENGTH);
    assertThat(OutgoingMail.isValidAddress(longDomain)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann@example.org\r\nBcc: eve@example.org",
        "ann@example.org\nBcc: eve@example.org",
        "ann@example.org\r",
        "ann@example.org\u0000",
        "ann@example.org\u2028Bcc: eve@example.org"
      })
  void refusesRecipientsThatWouldInjectHeaders(String address) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingMail.text(address, "Subject", "Body"))
        .withMessageContaining("header injection refused")
        .withMessageNotContaining("eve@example.org")
        .withMessageNotContaining("ann@example.org");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Welcome\r\nBcc: eve@example.org",
        "Welcome\nBcc: eve@example.org",
        "Welcome\rBcc: eve@example.org",
        "Welcome\tto TradeMap",
        "Welcome\u0085Bcc: eve@example.org",
        "Welcome\u2029Bcc: eve@example.org"
      })
  void refusesSubjectsThatWouldInjectHeaders(String subject) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingMail.text("ann@example.org", subject, "Body"))
        .withMessage(
            "the subject contains a line break or another control character (header injection"
                + " refused)");
  }

  @Test
  void refusesEmptyAndOverlongSubjectsWithoutTruncating() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingMail.text("ann@example.org", " ", "Body"))
        .withMessage("the subject is empty");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> OutgoingMail.text("ann@example.org", "x".repeat(201), "Body"))
        .withMessage("the subject is longer than 200 characters");
    assertThat(OutgoingMail.text("ann@example.org", "x".repeat(200), "Body").subject())
        .hasSize(200);
  }

  @Test
  void keepsLineBreaksInBodiesAndNonAsciiInSubjects() {
    OutgoingMail mail =
        new OutgoingMail(
            "ann@example.org", "Grüße aus Zürich 日本", "line 1\r\nline 2\n", "<p>x</p>\n");

    assertThat(mail.subject()).isEqualTo("Grüße aus Zürich 日本");
    assertThat(mail.text()).isEqualTo("line 1\r\nline 2\n");
    assertThat(mail.html()).isEqualTo("<p>x</p>\n");
  }
}
