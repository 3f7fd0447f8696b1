package org.trademap.server.ledgerexplorer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.server.ledgergateway.BatchOutcome;

/** The per-transaction codes of a batch answer for what the node did not decide. */
class BatchSubmittedTest {
  private static final Hash FIRST = Hash.sha256("first".getBytes(UTF_8));
  private static final Hash SECOND = Hash.sha256("second".getBytes(UTF_8));

  @Test
  void aTransactionRefusedWhileTheNodeCatchesUpCarriesLedgerCatchingUp() {
    BatchSubmitted answer =
        BatchSubmitted.of(
            List.of(new BatchOutcome.CatchingUp(FIRST), new BatchOutcome.Unavailable(SECOND)));

    assertThat(answer.submitted()).isEqualTo(2);
    assertThat(answer.accepted()).isZero();
    assertThat(answer.results())
        .containsExactly(
            new BatchSubmitted.Item(0, FIRST.hex(), false, "ledger.catching-up", null, null, null),
            new BatchSubmitted.Item(
                1, SECOND.hex(), false, "ledger.unavailable", null, null, null));
  }
}
