package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every code the judgment shows has a text in messages.properties (German: MessagesInSyncTest). */
class DocumentMessagesTest {

  @Test
  void everyKeyTheJudgmentUsesHasAText() throws IOException {
    Properties messages = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
      assertThat(in).isNotNull();
      messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    List<String> keys = new ArrayList<>();
    for (MrzField field : MrzField.values()) {
      keys.add(field.messageKey());
    }
    for (MrzDefect.Kind kind : MrzDefect.Kind.values()) {
      keys.add(new MrzDefect(kind, MrzField.NAME, 1, 1, 1, "", "").messageKey());
    }
    keys.add(
        new MrzDefect(MrzDefect.Kind.CHECK_DIGIT, MrzField.COMPOSITE, 2, 44, 44, "", "")
            .messageKey());
    for (Correction.Reason reason : Correction.Reason.values()) {
      keys.add(new Correction(1, 1, "a", "b", reason).reasonMessageKey());
    }
    for (FieldComparison.Field field : FieldComparison.Field.values()) {
      keys.add(field.messageKey());
    }
    for (FieldComparison.Basis basis : FieldComparison.Basis.values()) {
      keys.add(
          new FieldComparison(
                  FieldComparison.Field.SURNAME, FieldComparison.Verdict.MATCH, "", "", basis)
              .basisMessageKey());
    }
    for (Proposal.Reason reason : Proposal.Reason.values()) {
      keys.add(reason.messageKey());
    }
    for (MrzReading.Cause cause : MrzReading.Cause.values()) {
      keys.add(cause.messageKey());
    }
    for (JudgmentOutcome.Reason reason : JudgmentOutcome.Reason.values()) {
      keys.add(reason.messageKey());
    }
    assertThat(keys).allSatisfy(key -> assertThat(messages).containsKey(key));
  }
}
