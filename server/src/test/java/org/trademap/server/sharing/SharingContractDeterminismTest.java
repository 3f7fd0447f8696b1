package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.core.determinism.DeterminismChecker;
import org.trademap.ledger.core.node.LedgerNode;

/** The sharing contract passes the node's bytecode check and is found like every contract. */
class SharingContractDeterminismTest {

  @Test
  void theSharingContractIsDeterministic() {
    assertThat(DeterminismChecker.check(SharingRegistry.class)).isEmpty();
  }

  @Test
  void theNodeFindsTheSharingContract() {
    assertThat(LedgerNode.discoverContracts().find(SharingRegistry.ID, SharingRegistry.VERSION))
        .isPresent();
  }
}
