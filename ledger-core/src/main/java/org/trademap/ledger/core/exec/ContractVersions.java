package org.trademap.ledger.core.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.Schedule;

/**
 * Which version of each contract executes a block: the genesis version, replaced from each
 * scheduled activation height on by the version the governance contract scheduled. Read from
 * committed state, so every node and every replay sees the same. The governance contract itself is
 * always version {@value GovernanceContract#VERSION}.
 */
public final class ContractVersions {
  private static final byte[] GOVERNANCE_SPACE = Keys.statePrefix(GovernanceContract.ID);

  private final Genesis genesis;
  private final StateReader state;
  private final long height;
  private final Map<String, OptionalInt> cache = new HashMap<>();

  /**
   * @param state committed state (before the block)
   * @param height the block's height; {@link Long#MAX_VALUE} for the latest scheduled versions
   */
  ContractVersions(Genesis genesis, StateReader state, long height) {
    this.genesis = genesis;
    this.state = state;
    this.height = height;
  }

  /** The version that executes the contract at this height; empty if there is no such contract. */
  OptionalInt active(String contractId) {
    return cache.computeIfAbsent(contractId, this::lookup);
  }

  private OptionalInt lookup(String contractId) {
    if (contractId.equals(GovernanceContract.ID)) {
      return OptionalInt.of(GovernanceContract.VERSION);
    }
    Integer first = genesis.contracts().get(contractId);
    if (first == null) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(schedule(state, contractId).versionAt(height, first));
  }

  /** The stored schedule of a contract, or none. */
  public static Schedule schedule(StateReader state, String contractId) {
    byte[] raw = state.get(scheduleKey(contractId));
    return raw == null ? Schedule.NONE : Schedule.decode(raw);
  }

  /** The store key of a contract's schedule. */
  static byte[] scheduleKey(String contractId) {
    return Keys.state(GOVERNANCE_SPACE, Schedule.key(contractId));
  }

  /**
   * Checks that this node has every version the chain runs or will run: the genesis versions and
   * every scheduled one.
   *
   * @throws ContractNotInstalledException naming the first one missing
   */
  public static void requireInstalled(
      Genesis genesis, StateReader state, ContractRegistry contracts) {
    for (var c : genesis.contracts().entrySet()) {
      if (contracts.find(c.getKey(), c.getValue()).isEmpty()) {
        throw notInstalled(c.getKey(), c.getValue(), "is named by the genesis document");
      }
      for (Schedule.Step s : schedule(state, c.getKey()).steps()) {
        if (contracts.find(c.getKey(), s.version()).isEmpty()) {
          throw notInstalled(
              c.getKey(),
              s.version(),
              "is scheduled by the governance policy to run from height " + s.fromHeight());
        }
      }
    }
  }

  static ContractNotInstalledException notInstalled(String id, int version, String why) {
    return new ContractNotInstalledException(
        "contract "
            + id
            + " version "
            + version
            + " "
            + why
            + ", but this node does not have it installed: install it and start the node again");
  }
}
