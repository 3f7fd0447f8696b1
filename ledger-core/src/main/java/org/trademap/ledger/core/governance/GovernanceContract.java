package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;

/**
 * The built-in governance contract: schedules version N+1 of a contract at a future height once the
 * members of the genesis {@code governance} policy approved it. The block executor registers it on
 * every node (id {@value #ID}, version {@value #VERSION}); it cannot itself be upgraded.
 *
 * <ul>
 *   <li>{@code propose(Upgrade)}: a policy member proposes; proposing is the proposer's approval.
 *   <li>{@code approve(Upgrade)}: another policy member approves the open proposal naming the same
 *       contract, version and height. With the threshold's approval the upgrade is scheduled.
 * </ul>
 *
 * Each rule rejects with its own code: {@code governance.no-policy}, {@code
 * governance.bad-arguments}, {@code governance.not-approver}, {@code governance.unknown-contract},
 * {@code governance.not-next-version}, {@code governance.activation-too-soon}, {@code
 * governance.proposal-exists}, {@code governance.no-such-proposal}, {@code
 * governance.already-approved}, {@code governance.activation-reached}, {@code
 * governance.unknown-method}. Whether the version is installed is a node's own question, checked
 * when a node takes the transaction, not here: it would differ between nodes.
 */
public final class GovernanceContract implements Contract {
  public static final String ID = "governance";
  public static final int VERSION = 1;

  public static final String PROPOSE = "propose";
  public static final String APPROVE = "approve";

  /**
   * How many blocks after the proposal's block an activation height must at least lie: a protocol
   * constant, the same on every node and replay.
   */
  public static final long MIN_LEAD_BLOCKS = 10;

  private final @Nullable Approvers policy;
  private final Map<String, Integer> genesisVersions;

  /**
   * @param policy the genesis {@code governance} policy; without one every call is refused
   * @param genesisVersions the contracts of the genesis document with their first versions
   */
  public GovernanceContract(@Nullable Approvers policy, Map<String, Integer> genesisVersions) {
    this.policy = policy;
    this.genesisVersions = new TreeMap<>(genesisVersions);
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int version() {
    return VERSION;
  }

  @Override
  public Outcome invoke(ContractContext ctx) {
    boolean propose = ctx.method().equals(PROPOSE);
    if (!propose && !ctx.method().equals(APPROVE)) {
      return Outcome.rejected(
          "governance.unknown-method", "The governance contract has propose and approve only.");
    }
    Approvers p = policy;
    if (p == null) {
      return Outcome.rejected(
          "governance.no-policy", "The genesis document has no governance policy.");
    }
    Upgrade u;
    try {
      u = Upgrade.fromArgs(ctx.args());
    } catch (EncodingException e) {
      return Outcome.rejected(
          "governance.bad-arguments",
          "The arguments are not a contract id, a version and an activation height.");
    }
    if (!p.members().contains(ctx.signerMember())) {
      return Outcome.rejected(
          "governance.not-approver", "The signer is not an approver of the governance policy.");
    }
    Integer genesisVersion = genesisVersions.get(u.contractId());
    if (genesisVersion == null || u.contractId().equals(ID)) {
      return Outcome.rejected(
          "governance.unknown-contract", "The genesis document has no such upgradable contract.");
    }
    Schedule schedule = schedule(ctx, u.contractId());
    return propose ? propose(ctx, p, u, schedule, genesisVersion) : approve(ctx, p, u, schedule);
  }

  private static Outcome propose(
      ContractContext ctx, Approvers p, Upgrade u, Schedule schedule, int genesisVersion) {
    int current = schedule.latest(genesisVersion);
    if (u.version() != current + 1) {
      return Outcome.rejected(
          "governance.not-next-version",
          "The version must be exactly one above the contract's current version "
              + current
              + " (active or scheduled).");
    }
    long earliest = ctx.blockHeight() + MIN_LEAD_BLOCKS;
    Optional<Schedule.Step> last = schedule.last();
    if (last.isPresent() && last.get().fromHeight() >= earliest) {
      earliest = last.get().fromHeight() + 1;
    }
    if (u.activationHeight() < earliest) {
      return Outcome.rejected(
          "governance.activation-too-soon",
          "The activation height must be at least " + earliest + ".");
    }
    byte[] key = Proposal.key(u.contractId(), u.version());
    Optional<Proposal> existing = ctx.get(key).map(Proposal::decode);
    if (existing.isPresent() && existing.get().openAt(ctx.blockHeight())) {
      return Outcome.rejected(
          "governance.proposal-exists",
          "An open proposal for this version exists; approve it or let it lapse.");
    }
    Proposal proposal =
        new Proposal(u.activationHeight(), java.util.List.of(), false)
            .approvedBy(ctx.signerMember(), p.threshold());
    ctx.emit("upgrade-proposed", u.toArgs());
    return store(ctx, u, key, proposal, schedule);
  }

  private static Outcome approve(ContractContext ctx, Approvers p, Upgrade u, Schedule schedule) {
    byte[] key = Proposal.key(u.contractId(), u.version());
    Optional<Proposal> found = ctx.get(key).map(Proposal::decode);
    if (found.isEmpty() || found.get().activationHeight() != u.activationHeight()) {
      return Outcome.rejected(
          "governance.no-such-proposal",
          "No proposal names this contract, version and activation height.");
    }
    Proposal proposal = found.get();
    if (ctx.blockHeight() >= proposal.activationHeight()) {
      return Outcome.rejected(
          "governance.activation-reached",
          "The activation height was reached; the proposal can no longer be approved.");
    }
    if (proposal.approvals().contains(ctx.signerMember())) {
      return Outcome.rejected(
          "governance.already-approved", "This member already approved the proposal.");
    }
    boolean wasScheduled = proposal.scheduled();
    Proposal approved = proposal.approvedBy(ctx.signerMember(), p.threshold());
    ctx.emit("upgrade-approved", u.toArgs());
    return store(ctx, u, key, approved, wasScheduled ? null : schedule);
  }

  /** Stores the proposal and, if it has just become scheduled, the new schedule step. */
  private static Outcome store(
      ContractContext ctx,
      Upgrade u,
      byte[] key,
      Proposal proposal,
      @Nullable Schedule notYetScheduled) {
    ctx.put(key, proposal.encode());
    if (proposal.scheduled() && notYetScheduled != null) {
      Schedule next = notYetScheduled.with(new Schedule.Step(u.version(), u.activationHeight()));
      ctx.put(Schedule.key(u.contractId()), next.encode());
      ctx.emit("upgrade-scheduled", u.toArgs());
      return Outcome.accepted("scheduled".getBytes(StandardCharsets.UTF_8));
    }
    return Outcome.accepted(
        (proposal.scheduled() ? "scheduled" : "approvals " + proposal.approvals().size())
            .getBytes(StandardCharsets.UTF_8));
  }

  private static Schedule schedule(ContractContext ctx, String contractId) {
    return ctx.get(Schedule.key(contractId)).map(Schedule::decode).orElse(Schedule.NONE);
  }
}
