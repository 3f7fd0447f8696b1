package org.trademap.ledger.core.exec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.block.ContractEvent;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.contract.ContractContext;
import org.trademap.ledger.api.contract.Outcome;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.chain.NonceWindow;
import org.trademap.ledger.core.governance.Approvers;
import org.trademap.ledger.core.governance.ChannelGovernance;
import org.trademap.ledger.core.governance.ChannelMembers;
import org.trademap.ledger.core.governance.GovernanceContract;
import org.trademap.ledger.core.governance.Schedule;
import org.trademap.ledger.core.governance.Upgrade;

/**
 * Executes blocks deterministically: the same genesis, contracts, base state, block time and
 * transactions give the same receipts, writes and state root on every node and on every replay.
 *
 * <p>Each transaction runs on the version of its contract active at the block's height ({@link
 * ContractVersions}: the genesis version until the governance contract's scheduled activation
 * heights); a transaction's {@code contractVersion} is the lowest version it accepts. The built-in
 * {@link GovernanceContract} is always there.
 */
public final class BlockExecutor {

  /** How far a transaction's time may be from the block time (or, on submit, the node's clock). */
  public static final long TIME_WINDOW_MILLIS = 5 * 60 * 1000L;

  public static final int MAX_KEY_BYTES = 1024;
  public static final int MAX_VALUE_BYTES = 64 * 1024;

  /** The public key recorded as proposer of the genesis block: 32 zero bytes. */
  public static final PublicKey NO_PROPOSER = new PublicKey(new byte[PublicKey.SIZE]);

  private static final Signature NO_SIGNATURE = new Signature(new byte[Signature.SIZE]);
  private static final Comparator KEY_ORDER = new Comparator();

  private final Genesis genesis;
  private final String channel;
  private final Hash chainId;
  private final ContractRegistry contracts;
  private final SignatureChecker signatures;
  private final GovernanceContract governance;

  /** The outcome of executing a block: its header (to be signed), receipts and state writes. */
  public record Result(
      BlockHeader header, List<Receipt> receipts, SortedMap<byte[], byte @Nullable []> writes) {}

  /** An executor for the genesis document's default channel. */
  public BlockExecutor(Genesis genesis, ContractRegistry contracts, SignatureChecker signatures) {
    this(genesis, genesis.channel(), contracts, signatures);
  }

  /**
   * An executor for one channel of the genesis document: it accepts transactions that name the
   * channel and are signed by one of its members at the block's height ({@link ChannelMembership}:
   * the genesis list until a membership decision changes it).
   *
   * @throws IllegalArgumentException if the genesis document has no such channel
   */
  public BlockExecutor(
      Genesis genesis, String channel, ContractRegistry contracts, SignatureChecker signatures) {
    Genesis.Channel c =
        genesis
            .channel(channel)
            .orElseThrow(
                () -> new IllegalArgumentException("no channel " + channel + " in genesis"));
    this.channel = channel;
    this.genesis = genesis;
    this.chainId = genesis.chainId();
    this.contracts = contracts;
    this.signatures = signatures;
    Set<String> organisations = new HashSet<>();
    for (Genesis.Member m : genesis.members()) {
      if (m.tlsCertificate() != null) {
        organisations.add(m.id());
      }
    }
    this.governance =
        new GovernanceContract(
            approvers(genesis.policies().get(Genesis.GOVERNANCE)),
            genesis.contracts(),
            new ChannelGovernance(
                channel,
                ChannelMembers.initial(c.members()),
                approvers(genesis.channelPolicy(channel).orElse(null)),
                organisations));
  }

  private static @Nullable Approvers approvers(Genesis.@Nullable Policy policy) {
    return policy == null ? null : new Approvers(policy.threshold(), policy.approvers());
  }

  public Genesis genesis() {
    return genesis;
  }

  /**
   * The chain id of the genesis document, computed once: {@link Genesis#chainId()} hashes the whole
   * document (every member's key and certificate) on each call.
   */
  public Hash chainId() {
    return chainId;
  }

  /** The channel whose blocks this executor builds and checks. */
  public String channel() {
    return channel;
  }

  /** The state root before any block: derived from the chain id. */
  public static Hash genesisStateRoot(Hash chainId) {
    return Hash.sha256(chainId.bytes(), "trademap-state-v1".getBytes(StandardCharsets.US_ASCII));
  }

  /** Block 0 of the default channel's chain. */
  public static Block genesisBlock(Genesis genesis) {
    return genesisBlock(genesis, genesis.channel());
  }

  /** Block 0 of a channel's chain: no transactions, no proposer. */
  public static Block genesisBlock(Genesis genesis, String channel) {
    Hash chain = genesis.chainId();
    BlockHeader header =
        new BlockHeader(
            chain,
            channel,
            0,
            chain,
            Block.txRoot(List.of()),
            Block.receiptsRoot(List.of()),
            genesisStateRoot(chain),
            genesis.timestampMillis(),
            NO_PROPOSER,
            0);
    return new Block(header, NO_SIGNATURE, List.of(), List.of());
  }

  /**
   * The checks that need no contract execution, in {@link ValidationCode} order, against committed
   * state. Used on submit (with the node clock as {@code timeMillis}) and, through {@link
   * #execute}, on apply (with the block time).
   */
  public ValidationCode precheck(
      SignedTransaction tx, boolean signatureValid, StateReader state, long timeMillis) {
    // Without the block's height, any version active or scheduled passes; the block decides.
    ContractVersions latest = new ContractVersions(genesis, state, Long.MAX_VALUE);
    ValidationCode code =
        check(
            tx,
            tx.id(),
            signatureValid,
            state,
            Set.of(),
            signer -> NonceWindow.decode(state.get(Keys.nonce(signer))),
            timeMillis,
            latest,
            ChannelMembership.members(genesis, state, channel));
    return code == ValidationCode.OK ? installedForGovernance(tx.body()) : code;
  }

  /**
   * A member proposes or approves an upgrade through its own node: that node must have the version
   * installed. Checked on submit only, since it differs between nodes.
   */
  private ValidationCode installedForGovernance(Transaction tx) {
    if (!tx.contractId().equals(GovernanceContract.ID)) {
      return ValidationCode.OK;
    }
    Upgrade u;
    try {
      u = Upgrade.fromArgs(tx.args());
    } catch (EncodingException e) {
      return ValidationCode.OK; // the contract rejects it with its own code
    }
    boolean upgradable =
        genesis.contracts().containsKey(u.contractId())
            && !u.contractId().equals(GovernanceContract.ID);
    return upgradable && contracts.find(u.contractId(), u.version()).isEmpty()
        ? ValidationCode.CONTRACT_NOT_INSTALLED
        : ValidationCode.OK;
  }

  private ValidationCode check(
      SignedTransaction stx,
      Hash id,
      boolean signatureValid,
      StateReader state,
      Set<Hash> earlierInBlock,
      Function<PublicKey, NonceWindow> windows,
      long timeMillis,
      ContractVersions versions,
      ChannelMembers members) {
    Transaction tx = stx.body();
    if (!tx.chainId().equals(chainId)) {
      return ValidationCode.WRONG_CHAIN;
    }
    if (!tx.channel().equals(channel)) {
      return ValidationCode.WRONG_CHANNEL;
    }
    if (!signatureValid) {
      return ValidationCode.BAD_SIGNATURE;
    }
    Optional<Genesis.Member> signer = genesis.member(tx.signer());
    if (signer.isEmpty() || !members.contains(signer.get().id())) {
      return ValidationCode.UNKNOWN_SIGNER;
    }
    if (earlierInBlock.contains(id) || state.get(Keys.tx(id)) != null) {
      return ValidationCode.DUPLICATE;
    }
    if (Math.abs(tx.timestampMillis() - timeMillis) > TIME_WINDOW_MILLIS) {
      return ValidationCode.TIMESTAMP_OUT_OF_WINDOW;
    }
    if (!windows.apply(tx.signer()).accepts(tx.nonce())) {
      return ValidationCode.NONCE_REUSED;
    }
    OptionalInt active = versions.active(tx.contractId());
    if (active.isEmpty()) {
      return ValidationCode.UNKNOWN_CONTRACT;
    }
    if (tx.contractVersion() > active.getAsInt()) {
      return ValidationCode.WRONG_CONTRACT_VERSION;
    }
    return ValidationCode.OK;
  }

  /**
   * Executes transactions on top of {@code prev} as block {@code prev.height() + 1}.
   *
   * @param base committed state as of {@code prev}
   * @param timestampMillis the block time; callers ensure it is not before {@code prev}'s
   * @param proposer the node building (or having built) the block
   */
  public Result execute(
      StateReader base,
      Head prev,
      long timestampMillis,
      PublicKey proposer,
      List<SignedTransaction> txs) {
    boolean[] sigOk = signatures.verify(txs);
    TreeMap<byte[], byte @Nullable []> writes = new TreeMap<>(KEY_ORDER);
    StateReader overlay = key -> writes.containsKey(key) ? writes.get(key) : base.get(key);
    List<Receipt> receipts = new ArrayList<>(txs.size());
    Set<Hash> ids = new HashSet<>();
    // Each signer's window as of the transactions executed so far; contracts cannot read the
    // nonce keys, so the windows the block changed are written once, after the last transaction.
    Map<PublicKey, NonceWindow> windows = new HashMap<>();
    Map<PublicKey, NonceWindow> used = new HashMap<>();
    Function<PublicKey, NonceWindow> window =
        signer -> windows.computeIfAbsent(signer, s -> NonceWindow.decode(base.get(Keys.nonce(s))));
    long height = prev.height() + 1;
    // From committed state before the block: a schedule written in this block activates later.
    ContractVersions versions = new ContractVersions(genesis, base, height);
    // Likewise the members: a membership decision in this block is in effect from the next one.
    ChannelMembers members = ChannelMembership.members(genesis, base, channel);
    for (int i = 0; i < txs.size(); i++) {
      SignedTransaction stx = txs.get(i);
      Hash id = stx.id();
      ValidationCode code =
          check(stx, id, sigOk[i], overlay, ids, window, timestampMillis, versions, members);
      ids.add(id);
      Transaction tx = stx.body();
      if (code.compareTo(ValidationCode.NONCE_REUSED) > 0 || code == ValidationCode.OK) {
        NonceWindow next = window.apply(tx.signer()).use(tx.nonce());
        windows.put(tx.signer(), next);
        used.put(tx.signer(), next);
      }
      if (code != ValidationCode.OK) {
        receipts.add(Receipt.rejected(id, code, "", code.description()));
        continue;
      }
      Contract contract = contract(tx.contractId(), versions.active(tx.contractId()).orElseThrow());
      Invocation inv = new Invocation(stx, id, height, timestampMillis, overlay);
      Outcome outcome;
      try {
        outcome = contract.invoke(inv);
      } catch (RuntimeException | StackOverflowError e) {
        outcome = Outcome.rejected("contract.failed", "The contract failed while executing.");
      }
      switch (outcome) {
        case Outcome.Accepted a -> {
          writes.putAll(inv.writes);
          receipts.add(new Receipt(id, ValidationCode.OK, "", "", a.value(), inv.events));
        }
        case Outcome.Rejected r -> receipts.add(rejectedByContract(id, r));
      }
    }
    used.forEach((signer, w) -> writes.put(Keys.nonce(signer), w.encode()));
    requireScheduledInstalled(writes);
    Hash stateRoot = nextStateRoot(prev.stateRoot(), writes);
    BlockHeader header =
        new BlockHeader(
            chainId,
            channel,
            height,
            prev.hash(),
            Block.txRoot(txs),
            Block.receiptsRoot(receipts),
            stateRoot,
            timestampMillis,
            proposer,
            txs.size());
    return new Result(header, List.copyOf(receipts), writes);
  }

  /**
   * The implementation that runs a contract at a version: the built-in governance contract, or one
   * of the registry.
   *
   * @throws ContractNotInstalledException if this node does not have it: it cannot go on
   */
  private Contract contract(String id, int version) {
    if (id.equals(GovernanceContract.ID)) {
      return governance;
    }
    return contracts
        .find(id, version)
        .orElseThrow(
            () ->
                ContractVersions.notInstalled(
                    id, version, "is the version this chain runs at this block"));
  }

  /**
   * A block that schedules a version this node does not have stops the node there, not at the
   * activation height: its organisation has the whole lead time to install it.
   *
   * @throws ContractNotInstalledException naming the version
   */
  private void requireScheduledInstalled(SortedMap<byte[], byte @Nullable []> writes) {
    for (String id : genesis.contracts().keySet()) {
      byte[] raw = writes.get(ContractVersions.scheduleKey(id));
      if (raw == null) {
        continue;
      }
      for (Schedule.Step s : Schedule.decode(raw).steps()) {
        if (contracts.find(id, s.version()).isEmpty()) {
          throw ContractVersions.notInstalled(
              id,
              s.version(),
              "is scheduled by the governance policy to run from height " + s.fromHeight());
        }
      }
    }
  }

  /** A contract's rejection as a receipt; one whose code or sentence cannot be stored is named. */
  private static Receipt rejectedByContract(Hash id, Outcome.Rejected r) {
    try {
      return Receipt.rejected(id, ValidationCode.CONTRACT_REJECTED, r.code(), r.message());
    } catch (IllegalArgumentException e) {
      return Receipt.rejected(
          id,
          ValidationCode.CONTRACT_REJECTED,
          "contract.bad-rejection",
          "The contract rejected the transaction with a code or sentence that is too long.");
    }
  }

  /** SHA-256(previous root ‖ SHA-256(canonical sorted write set)). */
  public static Hash nextStateRoot(Hash previous, SortedMap<byte[], byte @Nullable []> writes) {
    CanonicalWriter w = new CanonicalWriter(64 + writes.size() * 64);
    w.i32(writes.size());
    for (Map.Entry<byte[], byte @Nullable []> e : writes.entrySet()) {
      w.bytes(e.getKey());
      byte[] v = e.getValue();
      w.bool(v != null);
      if (v != null) {
        w.bytes(v);
      }
    }
    return Hash.sha256(previous.bytes(), Hash.sha256(w.toByteArray()).bytes());
  }

  /** Orders keys as unsigned bytes, like the stores. */
  public static java.util.Comparator<byte[]> keyOrder() {
    return KEY_ORDER;
  }

  private static final class Comparator implements java.util.Comparator<byte[]> {
    @Override
    public int compare(byte[] a, byte[] b) {
      return Arrays.compareUnsigned(a, b);
    }
  }

  /** The context one contract call sees; its writes are kept only if the contract accepts. */
  private final class Invocation implements ContractContext {
    private final SignedTransaction stx;
    private final Hash id;
    private final long height;
    private final long time;
    private final StateReader base;
    private final byte[] prefix;
    private final TreeMap<byte[], byte @Nullable []> writes = new TreeMap<>(KEY_ORDER);
    private final List<ContractEvent> events = new ArrayList<>();
    private final Genesis.Member member;

    Invocation(SignedTransaction stx, Hash id, long height, long time, StateReader base) {
      this.stx = stx;
      this.id = id;
      this.height = height;
      this.time = time;
      this.base = base;
      this.prefix = Keys.statePrefix(stx.body().contractId());
      this.member = genesis.member(stx.body().signer()).orElseThrow();
    }

    @Override
    public String method() {
      return stx.body().method();
    }

    @Override
    public byte[] args() {
      return stx.body().args();
    }

    @Override
    public PublicKey signer() {
      return stx.body().signer();
    }

    @Override
    public String signerMember() {
      return member.id();
    }

    @Override
    public String signerRole() {
      return member.role();
    }

    @Override
    public Hash transactionId() {
      return id;
    }

    @Override
    public long blockHeight() {
      return height;
    }

    @Override
    public long blockTimeMillis() {
      return time;
    }

    @Override
    public Optional<byte[]> get(byte[] key) {
      byte[] k = Keys.state(prefix, checkKey(key));
      byte[] v = writes.containsKey(k) ? writes.get(k) : base.get(k);
      return Optional.ofNullable(v == null ? null : v.clone());
    }

    @Override
    public void put(byte[] key, byte[] value) {
      if (value.length > MAX_VALUE_BYTES) {
        throw new IllegalArgumentException("a value is at most " + MAX_VALUE_BYTES + " bytes");
      }
      writes.put(Keys.state(prefix, checkKey(key)), value.clone());
    }

    @Override
    public void delete(byte[] key) {
      writes.put(Keys.state(prefix, checkKey(key)), null);
    }

    @Override
    public void emit(String name, byte[] data) {
      if (events.size() >= Receipt.MAX_EVENTS) {
        throw new IllegalStateException("at most " + Receipt.MAX_EVENTS + " events per call");
      }
      if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 64) {
        throw new IllegalArgumentException("an event name has 1 to 64 characters");
      }
      events.add(new ContractEvent(name, data));
    }

    private byte[] checkKey(byte[] key) {
      if (key.length == 0 || key.length > MAX_KEY_BYTES) {
        throw new IllegalArgumentException("a key has 1 to " + MAX_KEY_BYTES + " bytes");
      }
      return key;
    }
  }
}
