package org.trademap.server.ledgergateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The checker of {@link ContractUpgradeProcessesIT} finds what it is there to find. */
class UpgradeScanTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long U = 5;

  @Test
  void aChainThatSwitchesAtTheActivationHeightPasses() {
    UpgradeScan scan = scan(chain(U));

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.probesBelow()).isEqualTo(U - 1);
    assertThat(scan.probesFrom()).isEqualTo(3);
    assertThat(scan.executed("p-4"))
        .hasValue(new UpgradeScan.Executed(4, "CONTRACT_REJECTED", "unknown-method"));
  }

  @Test
  void aNodeThatSwitchedOneBlockLateIsReported() {
    assertThat(scan(chain(U + 1)).problems())
        .containsExactly(
            "n: block 5 from 5 on ran the probe as CONTRACT_REJECTED (unknown-method), not on version 2");
  }

  @Test
  void aNodeThatSwitchedOneBlockEarlyIsReported() {
    assertThat(scan(chain(U - 1)).problems())
        .containsExactly("n: block 4 below 5 ran the probe as OK, not on version 1");
  }

  @Test
  void aTransactionExecutedTwiceIsReported() {
    List<JsonNode> blocks = chain(U);
    registration(blocks, 7, "r-2", "OK", "");

    assertThat(scan(blocks).problems())
        .containsExactly("n: transaction r-2 executed at 2 and at 7");
  }

  @Test
  void aDuplicateReceiptCountsOnceButMustNameAnExecutedTransaction() {
    List<JsonNode> blocks = chain(U);
    registration(blocks, 7, "r-2", "DUPLICATE", "");
    registration(blocks, 7, "r-x", "DUPLICATE", "");

    assertThat(scan(blocks).problems())
        .containsExactly("n: r-x recorded as a duplicate of a transaction never executed");
  }

  @Test
  void noProbeInTheBlocksRightBeforeTheActivationHeightIsReported() {
    List<JsonNode> blocks = chain(U);
    ((ArrayNode) blocks.get((int) U - 2).path("transactions")).remove(1);
    // One block without a probe next to the activation height is no problem.
    assertThat(scan(blocks).problems()).isEmpty();

    for (long h = 1; h < U - 1; h++) {
      ((ArrayNode) blocks.get((int) h - 1).path("transactions")).remove(1);
    }
    assertThat(scan(blocks).problems())
        .containsExactly("n: no probe in blocks 1 to 4, so the switch at 5 was not seen");
  }

  @Test
  void aRejectedTransactionOtherThanTheProbeIsReported() {
    List<JsonNode> blocks = chain(U);
    registration(blocks, 1, "r-y", "CONTRACT_REJECTED", "kyc.subject-exists");

    assertThat(scan(blocks).problems())
        .containsExactly(
            "n: transaction r-y at 1 not accepted: CONTRACT_REJECTED (kyc.subject-exists)");
  }

  /** Adds a registration with this receipt to block {@code height}. */
  private static void registration(
      List<JsonNode> blocks, int height, String id, String code, String reason) {
    ((ArrayNode) blocks.get(height - 1).path("transactions"))
        .add(tx(id, "kyc-registry", "register", code, reason));
  }

  private static UpgradeScan scan(List<JsonNode> blocks) {
    UpgradeScan scan = new UpgradeScan("n", "kyc-sharing", "update", "unknown-method", U);
    blocks.forEach(scan::add);
    return scan;
  }

  /**
   * Blocks 1 to 7, each a registration and a probe, the probe on version 2 from {@code switched}.
   */
  private static List<JsonNode> chain(long switched) {
    List<JsonNode> blocks = new ArrayList<>();
    for (long h = 1; h <= 7; h++) {
      ObjectNode block = JSON.createObjectNode();
      block.put("height", h);
      ArrayNode txs = block.putArray("transactions");
      txs.add(tx("r-" + h, "kyc-registry", "register", "OK", ""));
      txs.add(
          h < switched
              ? tx("p-" + h, "kyc-sharing", "update", "CONTRACT_REJECTED", "unknown-method")
              : tx("p-" + h, "kyc-sharing", "update", "OK", ""));
      blocks.add(block);
    }
    return blocks;
  }

  private static ObjectNode tx(
      String id, String contract, String method, String code, String reason) {
    ObjectNode tx = JSON.createObjectNode();
    tx.put("txId", id);
    tx.put("contractId", contract);
    tx.put("method", method);
    tx.put("code", code);
    tx.put("reason", reason);
    return tx;
  }
}
