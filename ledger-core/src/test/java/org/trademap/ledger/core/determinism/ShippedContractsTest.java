package org.trademap.ledger.core.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.KycRegistry;
import org.trademap.ledger.core.node.LedgerNode;

class ShippedContractsTest {

  @Test
  void kycRegistryPassesTheDeterminismCheck() {
    assertThat(DeterminismChecker.check(KycRegistry.class)).isEmpty();
  }

  @Test
  void theNodeDiscoversEveryShippedContractThroughTheCheck() {
    assertThat(LedgerNode.discoverContracts().find("kyc-registry", 1)).isPresent();
  }
}
