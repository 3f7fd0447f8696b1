package org.trademap.ledger.core.exec;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.core.governance.GovernanceContract;

/** The contract implementations a node can run, by id and version. */
public final class ContractRegistry {
  private final Map<String, Map<Integer, Contract>> byId = new HashMap<>();

  /**
   * Registers contracts after passing each through {@code check} (the determinism check).
   *
   * @throws IllegalArgumentException if an id and version is registered twice, or a contract takes
   *     the id of the built-in governance contract
   */
  public ContractRegistry(Collection<? extends Contract> contracts, Consumer<Contract> check) {
    for (Contract c : contracts) {
      if (c.id().equals(GovernanceContract.ID)) {
        throw new IllegalArgumentException(
            "contract id " + GovernanceContract.ID + " is the ledger's own governance contract");
      }
      check.accept(c);
      var versions = byId.computeIfAbsent(c.id(), k -> new TreeMap<>());
      if (versions.putIfAbsent(c.version(), c) != null) {
        throw new IllegalArgumentException(
            "contract " + c.id() + " version " + c.version() + " is registered twice");
      }
    }
  }

  /** Every contract on the class path, found with {@link ServiceLoader}. */
  public static ContractRegistry discover(Consumer<Contract> check) {
    var found = new java.util.ArrayList<Contract>();
    ServiceLoader.load(Contract.class).forEach(found::add);
    return new ContractRegistry(found, check);
  }

  public Optional<Contract> find(String id, int version) {
    var versions = byId.get(id);
    return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
  }

  /** The highest version of each contract id. */
  public Map<String, Integer> latestVersions() {
    Map<String, Integer> out = new TreeMap<>();
    byId.forEach(
        (id, versions) ->
            out.put(id, versions.keySet().stream().max(Integer::compare).orElseThrow()));
    return out;
  }
}
