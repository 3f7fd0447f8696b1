package org.trademap.server.ledgergateway;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.server.config.TradeMapProperties;

/** How the gateway tells a node catching up after its start from a node that cannot serve. */
class LedgerGatewayTest {
  private static final byte[] FIRST = "first".getBytes(UTF_8);
  private static final byte[] SECOND = "second".getBytes(UTF_8);

  private static LedgerGateway gateway(FakeLedger ledger) {
    return new LedgerGateway(
        ledger,
        new TradeMapProperties(
            Path.of("data"),
            new TradeMapProperties.Ledger(0, Duration.ofSeconds(10), null),
            new TradeMapProperties.Api(DataSize.ofKilobytes(256), 1000, DataSize.ofMegabytes(8))));
  }

  private static RuntimeException catchingUp() {
    return new org.trademap.ledger.core.node.LedgerCatchingUpException(
        "channel consortium is catching up after its start (applied Raft index 10 of 200)");
  }

  private static RuntimeException closed() {
    return new org.trademap.ledger.core.node.LedgerUnavailableException("the node is closed");
  }

  @Test
  void aSubmissionRefusedWhileTheNodeCatchesUpFailsAsCatchingUp() {
    LedgerGateway gateway = gateway(FakeLedger.failing(catchingUp()));

    assertThatThrownBy(() -> gateway.submit(FIRST))
        .isInstanceOf(LedgerCatchingUpException.class)
        .isInstanceOf(LedgerUnavailableException.class);
  }

  @Test
  void aSubmissionTheNodeCannotServeFailsAsUnavailableOnly() {
    LedgerGateway gateway = gateway(FakeLedger.failing(closed()));

    assertThatThrownBy(() -> gateway.submit(FIRST))
        .isExactlyInstanceOf(LedgerUnavailableException.class);
  }

  @Test
  void aBatchReportsEachTransactionRefusedWhileTheNodeCatchesUp() {
    LedgerGateway gateway = gateway(FakeLedger.failing(catchingUp()));

    assertThat(gateway.submitAll(List.of(FIRST, SECOND)))
        .containsExactly(
            new BatchOutcome.CatchingUp(Hash.sha256(FIRST)),
            new BatchOutcome.CatchingUp(Hash.sha256(SECOND)));
  }

  @Test
  void aBatchReportsATransactionTheNodeCouldNotTakeAsUnavailable() {
    LedgerGateway gateway = gateway(FakeLedger.failing(closed()));

    assertThat(gateway.submitAll(List.of(FIRST)))
        .containsExactly(new BatchOutcome.Unavailable(Hash.sha256(FIRST)));
  }
}
