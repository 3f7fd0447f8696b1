package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.trademap.ledger.core.node.LedgerIntegrityException;

class LedgerIntegrityFailureAnalyzerTest {

  @Test
  void namesTheFirstBadHeightAndTellsHowToInvestigate() {
    Exception startFailure =
        new IllegalStateException(
            "bean creation failed", new LedgerIntegrityException(7, "the state root differs"));

    FailureAnalysis analysis =
        Objects.requireNonNull(new LedgerIntegrityFailureAnalyzer().analyze(startFailure));

    assertThat(analysis.getDescription()).contains("height 7").contains("the state root differs");
    assertThat(analysis.getAction()).contains("ledger verify --data");
  }

  @Test
  void leavesOtherFailuresAlone() {
    assertThat(new LedgerIntegrityFailureAnalyzer().analyze(new IllegalStateException("other")))
        .isNull();
  }
}
