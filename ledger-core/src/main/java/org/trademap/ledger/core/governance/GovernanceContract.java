package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;

/**
 * The built-in governance contract of a channel: schedules version N+1 of a contract at a future
 * height (ADR 0028) and adds or removes a member of the channel (ADR 0033), once the policy's
 * approvers approved. The block executor registers it on every node (id {@value #ID}, version
 * {@value #VERSION}); it cannot itself be upgraded.
 *
 * <ul>
 *   <li>{@code propose(Decision)}: an approver proposes; proposing is the proposer's approval.
 *   <li>{@code approve(Decision)}: another approver approves the open proposal naming the same
 *       decision. With the threshold's approval an upgrade is scheduled, a membership change
 *       applied: the channel's {@link ChannelMembers} change, in effect from the next block.
 * </ul>
 *
 * <p>Upgrades are approved under the channel's own policy {@code governance.<channel>} if the
 * genesis document has one, else under its {@code governance} policy; membership changes under the
 * channel's own policy, else by a majority of the channel's current members.
 *
 * <p>Each rule rejects with its own code: {@code governance.no-policy}, {@code
 * governance.bad-arguments}, {@code governance.not-approver}, {@code governance.unknown-contract},
 * {@code governance.not-next-version}, {@code governance.activation-too-soon}, {@code
 * governance.proposal-exists}, {@code governance.no-such-proposal}, {@code
 * governance.already-approved}, {@code governance.activation-reached}, {@code
 * governance.unknown-method}; for membership also {@code governance.wrong-channel}, {@code
 * governance.unknown-member}, {@code governance.already-member}, {@code governance.not-a-member},
 * {@code governance.last-member}. Whether the version is installed is a node's own question,
 * checked when a node takes the transaction, not here: it would differ between nodes.
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

  /** A membership proposal does not lapse: it stays open until decided. */
  private static final long NEVER = Long.MAX_VALUE;

  private final @Nullable Approvers policy;
  private final Map<String, Integer> genesisVersions;
  private final ChannelGovernance channel;

  /**
   * @param policy the genesis {@code governance} policy; without one every call is refused
   * @param genesisVersions the contracts of the genesis document with their first versions
   * @param channel the channel this contract runs on
   */
  public GovernanceContract(
      @Nullable Approvers policy, Map<String, Integer> genesisVersions, ChannelGovernance channel) {
    this.policy = policy;
    this.genesisVersions = new TreeMap<>(genesisVersions);
    this.channel = channel;
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
    Approvers genesisPolicy = policy;
    if (genesisPolicy == null) {
      return Outcome.rejected(
          "governance.no-policy", "The genesis document has no governance policy.");
    }
    Decision d;
    try {
      d = Decision.fromArgs(ctx.args());
    } catch (EncodingException e) {
      return Outcome.rejected(
          "governance.bad-arguments",
          "The arguments are neither a contract id, a version and an activation height nor a"
              + " membership change of a channel.");
    }
    Approvers own = channel.policy();
    return switch (d) {
      case Upgrade u -> upgrade(ctx, propose, own == null ? genesisPolicy : own, u);
      case MemberChange m -> membership(ctx, propose, m);
    };
  }

  private Outcome upgrade(ContractContext ctx, boolean propose, Approvers p, Upgrade u) {
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

  private Outcome membership(ContractContext ctx, boolean propose, MemberChange m) {
    if (!m.channel().equals(channel.channel())) {
      return Outcome.rejected(
          "governance.wrong-channel",
          "A channel's members are changed by a transaction on that channel, not on "
              + channel.channel()
              + ".");
    }
    ChannelMembers current =
        ctx.get(ChannelMembers.key(m.channel()))
            .map(ChannelMembers::decode)
            .orElse(channel.genesisMembers());
    Approvers own = channel.policy();
    Approvers p = own == null ? current.majority() : own;
    if (!p.members().contains(ctx.signerMember())) {
      return Outcome.rejected(
          "governance.not-approver",
          "The signer is not an approver of this channel's membership policy.");
    }
    if (!channel.organisations().contains(m.org())) {
      return Outcome.rejected(
          "governance.unknown-member",
          "The organisation is not a member of the genesis document with a node certificate;"
              + " new organisations are not introduced by governance.");
    }
    Optional<String> refusal = current.refusal(m);
    if (refusal.isPresent()) {
      return Outcome.rejected(
          refusal.get(),
          switch (refusal.get()) {
            case "governance.already-member" -> "The organisation is a member of the channel.";
            case "governance.not-a-member" -> "The organisation is not a member of the channel.";
            default -> "The channel's last member cannot be removed.";
          });
    }
    byte[] key = m.proposalKey();
    Optional<Proposal> found = ctx.get(key).map(Proposal::decode);
    boolean open = found.isPresent() && found.get().openAt(ctx.blockHeight());
    Proposal proposal;
    if (propose) {
      if (open) {
        return Outcome.rejected(
            "governance.proposal-exists", "An open proposal for this change exists; approve it.");
      }
      proposal = new Proposal(NEVER, List.of(), false);
      ctx.emit("member-change-proposed", m.toArgs());
    } else {
      if (!open) {
        return Outcome.rejected(
            "governance.no-such-proposal", "No open proposal names this membership change.");
      }
      proposal = found.get();
      if (proposal.approvals().contains(ctx.signerMember())) {
        return Outcome.rejected(
            "governance.already-approved", "This member already approved the proposal.");
      }
      ctx.emit("member-change-approved", m.toArgs());
    }
    Proposal next = proposal.approvedBy(ctx.signerMember(), p);
    ctx.put(key, next.encode());
    if (!next.scheduled()) {
      return Outcome.accepted(
          ("approvals " + next.approvals().size()).getBytes(StandardCharsets.UTF_8));
    }
    ctx.put(ChannelMembers.key(m.channel()), current.with(m).encode());
    ctx.emit(m.kind() == MemberChange.Kind.ADD ? "member-added" : "member-removed", m.toArgs());
    return Outcome.accepted("decided".getBytes(StandardCharsets.UTF_8));
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
        new Proposal(u.activationHeight(), List.of(), false).approvedBy(ctx.signerMember(), p);
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
    Proposal approved = proposal.approvedBy(ctx.signerMember(), p);
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
