package org.trademap.server.ledgergateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What one node's blocks, as {@code GET /api/v1/ledger/blocks/{h}} serves them, show of a contract
 * upgrade activated at height {@code u}. A <em>probe</em> is a call whose outcome tells the two
 * versions apart (the sharing contract's {@code update}: version 1 has no such method and rejects
 * it with its own code, version 2 runs it); every block from 1 on is fed in order.
 *
 * <p>Problems found: a probe below {@code u} that did not get version 1's rejection, or one from
 * {@code u} on that was not accepted (the node ran the wrong version there); any other transaction
 * not accepted; a transaction executed twice (a copy handed on twice is recorded with {@code
 * DUPLICATE} and not executed, and must name one executed before it); no probe in the {@link #NEAR}
 * blocks below {@code u} or from {@code u} on, so the switch would not have been seen where it
 * matters.
 */
final class UpgradeScan {
  /** A transaction a block executed: its height, validation code and the contract's reason. */
  record Executed(long height, String code, String reason) {}

  private final String node;
  private final String contractId;
  private final String method;
  private final String versionOneReason;
  private final long u;
  private final Map<String, Executed> executed = new HashMap<>();
  private final Set<String> duplicates = new HashSet<>();
  private final Set<Long> probed = new HashSet<>();

  /** How near the activation height, on either side, a probe must be. */
  static final long NEAR = 5;

  private final List<String> problems = new ArrayList<>();
  private long next = 1;

  /**
   * @param node the organisation whose node served the blocks (for the messages)
   * @param contractId the upgraded contract
   * @param method the probe's method
   * @param versionOneReason the code version 1 rejects the probe with
   * @param u the activation height
   */
  UpgradeScan(String node, String contractId, String method, String versionOneReason, long u) {
    this.node = node;
    this.contractId = contractId;
    this.method = method;
    this.versionOneReason = versionOneReason;
    this.u = u;
  }

  /** Takes the next block (heights from 1, in order). */
  void add(JsonNode block) {
    long h = block.path("height").asLong(-1);
    if (h != next) {
      throw new IllegalArgumentException(node + ": block " + h + " where " + next + " was next");
    }
    next++;
    for (JsonNode tx : block.path("transactions")) {
      String id = tx.path("txId").asString("");
      String code = tx.path("code").asString("");
      String reason = tx.path("reason").asString("");
      if (code.equals("DUPLICATE")) {
        duplicates.add(id);
        continue;
      }
      Executed before = executed.putIfAbsent(id, new Executed(h, code, reason));
      if (before != null) {
        problems.add(
            node + ": transaction " + id + " executed at " + before.height() + " and at " + h);
      }
      boolean probe =
          tx.path("contractId").asString("").equals(contractId)
              && tx.path("method").asString("").equals(method);
      if (probe) {
        probed.add(h);
        boolean versionOne = code.equals("CONTRACT_REJECTED") && reason.equals(versionOneReason);
        if (h < u && !versionOne) {
          problems.add(
              node
                  + ": block "
                  + h
                  + " below "
                  + u
                  + " ran the probe as "
                  + outcome(code, reason)
                  + ", not on version 1");
        } else if (h >= u && !code.equals("OK")) {
          problems.add(
              node
                  + ": block "
                  + h
                  + " from "
                  + u
                  + " on ran the probe as "
                  + outcome(code, reason)
                  + ", not on version 2");
        }
      } else if (!code.equals("OK")) {
        problems.add(
            node + ": transaction " + id + " at " + h + " not accepted: " + outcome(code, reason));
      }
    }
  }

  private static String outcome(String code, String reason) {
    return reason.isEmpty() ? code : code + " (" + reason + ")";
  }

  /** The transaction executed under this id, if a block did. */
  Optional<Executed> executed(String txId) {
    return Optional.ofNullable(executed.get(txId));
  }

  /** Heights below {@code u} and from {@code u} on whose blocks ran a probe. */
  long probesBelow() {
    return probed.stream().filter(h -> h < u).count();
  }

  long probesFrom() {
    return probed.stream().filter(h -> h >= u).count();
  }

  /** Everything found wrong in the blocks fed so far. */
  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    for (String id : duplicates) {
      if (!executed.containsKey(id)) {
        all.add(node + ": " + id + " recorded as a duplicate of a transaction never executed");
      }
    }
    // Near the activation height, not in U - 1 and U exactly: a batch handed on again after the
    // leader's kill goes one transaction at a time, so a block there may hold no probe. A node that
    // ran a block on the wrong version would also fail to reproduce the proposed block (every node
    // re-executes), and the in-process ContractUpgradeIT checks the exact height.
    long below = Math.max(1, u - NEAR);
    if (u - 1 < next && probed.stream().noneMatch(h -> h >= below && h < u)) {
      all.add(
          node
              + ": no probe in blocks "
              + below
              + " to "
              + (u - 1)
              + ", so the switch at "
              + u
              + " was not seen");
    }
    if (u + NEAR - 1 < next && probed.stream().noneMatch(h -> h >= u && h < u + NEAR)) {
      all.add(
          node
              + ": no probe in blocks "
              + u
              + " to "
              + (u + NEAR - 1)
              + ", so the switch at "
              + u
              + " was not seen");
    }
    if (next <= u) {
      all.add(node + ": the blocks end at " + (next - 1) + ", below the activation height " + u);
    }
    return all;
  }
}
