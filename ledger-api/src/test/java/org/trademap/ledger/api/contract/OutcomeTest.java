package org.trademap.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutcomeTest {

  @Test
  void acceptedKeepsItsOwnCopyOfTheValueAndComparesByContent() {
    byte[] value = {1, 2};
    Outcome.Accepted accepted = (Outcome.Accepted) Outcome.accepted(value);
    value[0] = 9;
    accepted.value()[1] = 9;

    assertThat(accepted.value()).containsExactly(1, 2);
    assertThat(accepted).isEqualTo(Outcome.accepted(new byte[] {1, 2}));
    assertThat(accepted).hasSameHashCodeAs(Outcome.accepted(new byte[] {1, 2}));
    assertThat(accepted).isNotEqualTo(Outcome.accepted());
    assertThat(accepted.toString()).isEqualTo("Accepted[2 bytes]");
  }

  @Test
  void acceptedWithoutAValueCarriesNoBytes() {
    assertThat(((Outcome.Accepted) Outcome.accepted()).value()).isEmpty();
  }

  @Test
  void aRejectionNeedsACodeAndASentence() {
    assertThat(Outcome.rejected("kyc.subject-exists", "The subject is already registered."))
        .isEqualTo(
            new Outcome.Rejected("kyc.subject-exists", "The subject is already registered."));
    assertThatThrownBy(() -> Outcome.rejected(" ", "A sentence."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a rejection needs a code and a sentence");
    assertThatThrownBy(() -> Outcome.rejected("kyc.code", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
