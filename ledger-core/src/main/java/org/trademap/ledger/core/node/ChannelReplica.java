package org.trademap.ledger.core.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.ChannelLedger;
import org.trademap.ledger.api.node.ChannelStatus;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.node.Subscription;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ChannelMembership;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.governance.ChannelMembers;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * One channel on a node: its own chain in its own RocksDB store, and its own Raft group over the
 * nodes of the channel's members (one peer in the embedded default), ordering the blocks that the
 * leader's block builder proposes. A {@link LedgerNode} hosts one replica per channel it is a
 * member of, all in one Ratis server (multi-raft).
 *
 * <p>Submission: the transaction is pre-checked (signature, chain, channel member, replay, window
 * against the node clock) and handed on: into the block builder's queue on the leader, or forwarded
 * to the leader (a Ratis read-only request that the leader's state machine answers by queueing it).
 * Every node applies every block through {@link LedgerStateMachine}, which verifies every signature
 * again; the returned future completes when this node applies the block that holds the transaction.
 * A transaction handed on but not seen in a block is handed on again (at most until {@link
 * LedgerNode#SUBMIT_DEADLINE}); duplicates are refused by the state machine, so a retry never
 * applies a transaction twice.
 */
final class ChannelReplica implements ChannelLedger {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelReplica.class);

  /**
   * The status role of a channel whose members governance removed this node's organisation from.
   */
  static final String REMOVED = "removed";

  /** The status role of a channel this node holds but whose members do not (yet) include it. */
  static final String JOINING = "joining";

  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long SOON_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** How long the block builder waits for its block to be committed and applied here. */
  private static final long ORDER_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  /** How long a forwarded batch waits for the leader's answer before it is handed on again. */
  private static final long FORWARD_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

  /** How often a forwarder waiting for the leader's answer looks whether another one leads. */
  private static final long FORWARD_WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * How many Raft entries (blocks) a started node may still lack of the leader's commit index at
   * its start and take submissions all the same: their answer waits on so little catch-up.
   */
  static final long CATCH_UP_SLACK = 32;

  /**
   * How long the block builder and the forwarder wait for work before they look again whether the
   * replica still runs (closing interrupts them as well). A node in model a holds a replica per
   * company; a short poll woke two threads per replica ten times a second when idle.
   */
  private static final long IDLE_POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final java.util.concurrent.Executor CHECKPOINT_REQUESTS =
      command -> Thread.ofVirtual().name("ledger-checkpoint-request").start(command);

  private final NodeConfig config;
  private final KeyPair nodeKey;
  private final Genesis genesis;
  private final String channel;
  private final String memberId;
  private final Path stateDir;
  private final RocksDbStore store;
  private final ChainStore chain;
  private final ContractRegistry contracts;
  private final BlockExecutor submitChecks;
  private final BlockExecutor builderExecutor;
  private final SignatureChecker verifier;
  private final VerifiedSignatures verifiedOnSubmit;
  private final Map<Hash, CompletableFuture<SubmitResult>> pending = new ConcurrentHashMap<>();
  private final Map<Hash, Tracked> tracked = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<SignedTransaction> queue;
  private final LinkedBlockingQueue<SignedTransaction> forwardQueue;
  private final ReentrantLock headLock = new ReentrantLock();

  /** Held while a batch of submissions is handed on and while the builder or forwarder drains. */
  private final ReentrantLock handOver = new ReentrantLock();

  private final Condition headMoved = headLock.newCondition();
  private final List<BlockSubscription> subscriptions =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ExecutorService intake;
  private final AtomicLong installedSnapshots = new AtomicLong();

  /** The block builder's identity towards the Raft server's retry cache, and its call ids. */
  private final ClientId builderClientId = ClientId.randomId();

  private final AtomicLong builderCalls = new AtomicLong();
  private final LedgerStateMachine stateMachine;
  private final Checkpoints checkpoints;
  private final RaftGroup group;

  /** The Raft peer of every organisation with an address, with its priority on this channel. */
  private final Map<String, RaftPeer> addresses;

  private volatile @Nullable ClientSettings clientSettings;
  private final RaftGroup serverGroup;
  private final MembershipReconciler reconciler;
  private final Thread builder;
  private final Thread forwarder;
  private volatile @Nullable Raft raft;
  private volatile boolean running = true;
  private volatile @Nullable String failure;
  private final java.util.concurrent.atomic.AtomicBoolean leaving =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The leader's commit index when this node first heard of it after its start; -1 before. */
  private volatile long catchUpTarget = -1;

  /** Whether this node applied up to {@link #catchUpTarget} (less {@link #CATCH_UP_SLACK}). */
  private volatile boolean caughtUp;

  /** What the replica has of the node's Ratis server once it runs: its division and clients. */
  private record Raft(
      RaftServer server,
      RaftClient client,
      RaftClient forwardClient,
      RaftClient checkpointClient,
      @Nullable EmptyLogRejoin rejoin,
      RaftGroup clientGroup) {}

  /** What the replica's Raft clients are built with, once it attached. */
  private record ClientSettings(RaftProperties props, Parameters parameters) {}

  /** A transaction submitted here and handed on, until this node has its outcome. */
  private static final class Tracked {
    final SignedTransaction tx;
    final long deadline;
    volatile long nextCheck;
    volatile boolean forwarded;

    /** In this node's block queue or forward queue: it will be handled, no need to hand it on. */
    volatile boolean queued;

    Tracked(SignedTransaction tx, long now) {
      this.tx = tx;
      this.deadline = now + LedgerNode.SUBMIT_DEADLINE.toNanos();
      this.nextCheck = now + RETRY_NANOS;
    }
  }

  /**
   * A replica over an opened store that holds this channel's chain (block 0 at least). It takes no
   * part in Raft until {@link #attach}: the node's Ratis server needs its state machine first.
   *
   * @param addresses the Raft peer of every organisation the configuration gives an address for,
   *     this node included; every member of the channel needs one. The replica gives each the
   *     priority its member has on this channel ({@link LeaderPreference})
   * @param stateDir where the store lives; a snapshot being installed goes beside it
   */
  ChannelReplica(
      NodeConfig config,
      KeyPair nodeKey,
      Genesis genesis,
      String memberId,
      String channel,
      Map<String, RaftPeer> addresses,
      Path stateDir,
      RocksDbStore store,
      ContractRegistry contracts,
      SignatureChecker verifier) {
    this.config = config;
    this.nodeKey = nodeKey;
    this.genesis = genesis;
    this.channel = channel;
    this.stateDir = stateDir;
    this.store = store;
    this.chain = new ChainStore(store);
    this.contracts = contracts;
    this.verifier = verifier;
    this.submitChecks = new BlockExecutor(genesis, channel, contracts, SignatureChecker.SEQUENTIAL);
    // Submitted transactions were verified on submit; the builder does not verify them again.
    // Every node (this one included) verifies them once more when it applies the block.
    this.builderExecutor =
        new BlockExecutor(genesis, channel, contracts, txs -> trueArray(txs.size()));
    this.queue = new LinkedBlockingQueue<>(config.maxQueuedTransactions());
    this.forwardQueue = new LinkedBlockingQueue<>(config.maxQueuedTransactions());
    this.intake =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ledger-forward-intake-" + channel).daemon().factory());
    // A transaction this node verified on submit or intake is not verified again on apply.
    this.verifiedOnSubmit = new VerifiedSignatures(verifier, config.maxQueuedTransactions());
    BlockApplier applier =
        new BlockApplier(chain, new BlockExecutor(genesis, channel, contracts, verifiedOnSubmit));
    this.stateMachine = new LedgerStateMachine(chain, applier, new StateMachineHost());
    this.memberId = memberId;
    this.checkpoints =
        new Checkpoints(
            genesis,
            memberId,
            nodeKey,
            chain,
            config.checkpoints(),
            this::askForCheckpoints,
            this::stopServing);
    ChannelMembers members = members();
    LeaderPreference preference = new LeaderPreference(genesis);
    Map<String, RaftPeer> peers = new java.util.HashMap<>();
    addresses.forEach((id, p) -> peers.put(id, preference.on(channel, p)));
    List<RaftPeer> memberPeers = new ArrayList<>();
    for (String id : members.members()) {
      RaftPeer p = peers.get(id);
      if (p == null) {
        throw new IllegalArgumentException(
            "channel "
                + channel
                + " has member "
                + id
                + ", but the configuration gives no address for its node");
      }
      memberPeers.add(p);
    }
    RaftGroupId gid = groupId(genesis, channel);
    // A node that is not (yet) a member starts the group without a configuration: it neither votes
    // nor stands for election, and takes part once the leader adds it (ADR 0033).
    this.serverGroup =
        members.contains(memberId)
            ? RaftGroup.valueOf(gid, memberPeers)
            : RaftGroup.valueOf(gid, List.of());
    List<RaftPeer> clientPeers = new ArrayList<>(memberPeers);
    if (!members.contains(memberId)) {
      clientPeers.add(java.util.Objects.requireNonNull(peers.get(memberId)));
    }
    this.group = RaftGroup.valueOf(gid, clientPeers);
    this.addresses = Map.copyOf(peers);
    this.reconciler =
        new MembershipReconciler(
            channel,
            memberId,
            this::members,
            this.addresses,
            config.electionTimeout().multipliedBy(4));
    this.builder =
        Thread.ofPlatform()
            .name("ledger-block-builder-" + channel)
            .daemon()
            .unstarted(this::buildLoop);
    this.forwarder =
        Thread.ofPlatform()
            .name("ledger-forwarder-" + channel)
            .daemon()
            .unstarted(this::forwardLoop);
  }

  /**
   * The Raft group id of a channel: derived from the chain id (which commits to the genesis
   * document and so to the channel's members) and the channel's name, the same on every node.
   */
  static RaftGroupId groupId(Genesis genesis, String channel) {
    return RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(
            (channel + "/" + genesis.chainId()).getBytes(StandardCharsets.UTF_8)));
  }

  /** The group as this node's Raft clients know it: the channel's members and this node. */
  RaftGroup group() {
    return group;
  }

  /**
   * The group as this node's Ratis server starts it when it has no storage for it yet: the
   * channel's committed members, or no configuration at all while this node is not one of them.
   */
  RaftGroup serverGroup() {
    return serverGroup;
  }

  /** The channel's members as committed state has them (ADR 0033). */
  ChannelMembers members() {
    return ChannelMembership.members(genesis, store::get, channel);
  }

  /** Whether governance removed this node's organisation from the channel. */
  boolean removed() {
    return members().removed(memberId);
  }

  LedgerStateMachine stateMachine() {
    return stateMachine;
  }

  /**
   * Joins the node's running Ratis server, which already hosts this channel's group: opens the
   * clients to the group and starts the block builder and the forwarder.
   *
   * @param existing whether this node had the group's Raft storage before this start
   */
  void attach(RaftServer server, RaftProperties props, Parameters parameters, boolean existing) {
    ClientSettings settings = new ClientSettings(props, parameters);
    this.clientSettings = settings;
    Raft clients = clients(server, settings, group, null);
    RaftClient client = clients.client();
    // Also for a node that joins (no configuration yet): once the leader added it, a leader that
    // knew its wiped predecessor needs the same push (ADR 0025); before, no leader is known to it.
    EmptyLogRejoin rejoin =
        existing || group.getPeers().size() == 1
            ? null
            : new EmptyLogRejoin(
                server, group, server.getId(), client, config.electionTimeout().multipliedBy(10));
    this.raft =
        new Raft(
            server,
            client,
            clients.forwardClient(),
            clients.checkpointClient(),
            rejoin,
            clients.clientGroup());
    checkpoints.start(group.getPeers().size() > 1);
    reconciler.start(new ReconcilerRaft());
    builder.start();
    forwarder.start();
    if (rejoin != null) {
      rejoin.start();
    }
    leaveGroupIfRemoved();
  }

  /** The replica's Raft clients to the group as {@code clientGroup} lists its peers. */
  private static Raft clients(
      RaftServer server,
      ClientSettings settings,
      RaftGroup clientGroup,
      @Nullable EmptyLogRejoin rejoin) {
    RaftProperties props = settings.props();
    Parameters parameters = settings.parameters();
    RaftClient client =
        RaftClient.newBuilder()
            .setProperties(props)
            .setParameters(parameters)
            .setRaftGroup(clientGroup)
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    20, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
            .build();
    // Forwarding is retried by the forwarder itself: it must not wait long on a leader that is
    // paused or gone, or every submission at this node waits with it.
    RaftProperties forwardProps = new RaftProperties(props);
    RaftClientConfigKeys.Rpc.setRequestTimeout(
        forwardProps, TimeDuration.valueOf(5, TimeUnit.SECONDS));
    RaftClient forwardClient =
        RaftClient.newBuilder()
            .setProperties(forwardProps)
            .setParameters(parameters)
            .setRaftGroup(clientGroup)
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    4, TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
            .build();
    // Checkpoint requests go to one peer each, without retries: the next comparison asks again.
    RaftClient checkpointClient =
        RaftClient.newBuilder()
            .setProperties(forwardProps)
            .setParameters(parameters)
            .setRaftGroup(clientGroup)
            .setRetryPolicy(RetryPolicies.noRetry())
            .build();
    return new Raft(server, client, forwardClient, checkpointClient, rejoin, clientGroup);
  }

  /**
   * Makes the Raft clients follow the committed members: once governance removed a member, its node
   * leaves the group (ADR 0039) and answers requests for it with a group mismatch, which Ratis'
   * client does not retry elsewhere; a client that still had that node as its leader would stay
   * stuck. New clients list the current members (and this node) only; the old ones are closed, and
   * what was under way on them is retried as after any failed request.
   */
  void followMembers() {
    Raft r = raft;
    ClientSettings settings = clientSettings;
    if (!running || r == null || settings == null) {
      return;
    }
    ChannelMembers members = members();
    List<RaftPeer> peers = new ArrayList<>();
    for (String id : members.members()) {
      RaftPeer p = addresses.get(id);
      if (p != null) {
        peers.add(p);
      }
    }
    if (!members.contains(memberId)) {
      peers.add(java.util.Objects.requireNonNull(addresses.get(memberId)));
    }
    if (java.util.Set.copyOf(peers).equals(java.util.Set.copyOf(r.clientGroup().getPeers()))) {
      return;
    }
    Raft next =
        clients(r.server(), settings, RaftGroup.valueOf(group.getGroupId(), peers), r.rejoin());
    raft = next;
    LOG.info("channel {}: Raft clients now address {}", channel, members.members());
    closeClients(r);
  }

  private static void closeClients(Raft r) {
    try {
      r.client().close();
      r.forwardClient().close();
      r.checkpointClient().close();
    } catch (IOException e) {
      LOG.warn("closing the Raft client failed", e);
    }
  }

  private static boolean[] trueArray(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  private Raft raft() {
    Raft r = raft;
    if (r == null) {
      throw new IllegalStateException("channel " + channel + " is not attached to a Raft server");
    }
    return r;
  }

  /**
   * Waits until this node leads the channel (a one-peer group elects itself within about two
   * election timeouts), so the first submissions are not refused for want of a leader.
   */
  void awaitLeadership(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isLeader() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Stops serving the channel for good (until an operator repairs and restarts the node): later
   * submissions and reads are refused, waiting submissions fail, and the leadership of the channel
   * goes to another member (a leader that refuses forwarded transactions would stall it). Called
   * again while the node runs, in case it becomes the leader later.
   */
  private void stopServing(String reason) {
    if (failure == null) {
      failure = reason;
    }
    LedgerUnavailableException e = unavailable();
    for (Hash id : List.copyOf(pending.keySet())) {
      tracked.remove(id);
      CompletableFuture<SubmitResult> f = pending.remove(id);
      if (f != null) {
        f.completeExceptionally(e);
      }
    }
    if (running && isLeader()) {
      handOverLeadership();
    }
  }

  private void handOverLeadership() {
    RaftPeerId self = RaftPeerId.valueOf(memberId);
    for (RaftPeer p : group.getPeers()) {
      if (p.getId().equals(self)) {
        continue;
      }
      try {
        RaftClientReply reply =
            raft()
                .client()
                .admin()
                .transferLeadership(p.getId(), self, config.electionTimeout().toMillis() * 10);
        if (reply.isSuccess()) {
          LOG.warn(
              "channel {}: this node stopped serving; it handed the leadership to {}",
              channel,
              p.getId());
          return;
        }
      } catch (IOException | RuntimeException ex) {
        LOG.warn("handing the leadership to {} failed: {}", p.getId(), ex.toString());
      }
    }
  }

  private void requireServing() {
    if (!isServing()) {
      throw unavailable();
    }
  }

  /**
   * A checkpoint request to one peer, as a Ratis read that peer's state machine answers. Blocking
   * calls on a virtual thread: the asynchronous client orders requests and stays closed after one
   * failed, which a peer that is down for a while would cause.
   */
  private CompletableFuture<byte[]> askForCheckpoints(String member, byte[] request) {
    return CompletableFuture.supplyAsync(
        () -> {
          RaftClientReply reply;
          try {
            reply =
                raft()
                    .checkpointClient()
                    .io()
                    .sendStaleRead(
                        Message.valueOf(ByteString.copyFrom(request)),
                        0,
                        RaftPeerId.valueOf(member));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
          if (!reply.isSuccess()) {
            throw new LedgerUnavailableException(
                "member " + member + " did not answer: " + reply.getException());
          }
          return reply.getMessage().getContent().toByteArray();
        },
        CHECKPOINT_REQUESTS);
  }

  /**
   * Once governance removed this node's organisation from the channel and this node does not lead
   * it, removes the channel's Raft division from the node's Ratis server (ADR 0039): the group no
   * longer costs it threads, heartbeats or elections. The division's storage stays on disk beside
   * the channel's store, which keeps serving reads of the blocks up to where the node left. On a
   * restart the server recovers the division from that storage and it is removed again; a member
   * added back by governance keeps it (restart the node after the decision). Runs on its own
   * thread: Ratis closes the division, which waits for the thread that applies its blocks.
   */
  void leaveGroupIfRemoved() {
    Raft r = raft;
    if (!running || r == null || leaving.get() || isLeader() || !hasDivision() || !removed()) {
      return;
    }
    if (!leaving.compareAndSet(false, true)) {
      return;
    }
    Thread.ofVirtual()
        .name("ledger-leave-" + channel)
        .start(
            () -> {
              try {
                RaftClientReply reply =
                    r.server()
                        .groupManagement(
                            GroupManagementRequest.newRemove(
                                ClientId.randomId(),
                                r.server().getId(),
                                0,
                                group.getGroupId(),
                                false,
                                false));
                if (reply.isSuccess()) {
                  LOG.info(
                      "channel {}: governance removed this node's member; its Raft division is"
                          + " removed, its data stays",
                      channel);
                } else if (running) {
                  LOG.warn(
                      "channel {}: removing the Raft division failed; trying again: {}",
                      channel,
                      reply.getException());
                }
              } catch (IOException | RuntimeException e) {
                if (running) {
                  LOG.warn(
                      "channel {}: removing the Raft division failed; trying again: {}",
                      channel,
                      e.toString());
                }
              } finally {
                leaving.set(false);
              }
            });
  }

  /** Whether the node's Ratis server hosts this channel's Raft division. */
  boolean hasDivision() {
    Raft r = raft;
    if (r == null) {
      return false;
    }
    for (RaftGroupId id : r.server().getGroupIds()) {
      if (id.equals(group.getGroupId())) {
        return true;
      }
    }
    return false;
  }

  /** Whether the replica takes submissions: open and not stopped by a failed check. */
  boolean isServing() {
    return running && failure == null;
  }

  /** Why the replica stopped serving, if it did. */
  Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  String name() {
    return channel;
  }

  @Override
  public ChannelStatus status() {
    Head head = chain.requireHead();
    ChannelMembers members = members();
    return new ChannelStatus(
        channel,
        members.members(),
        head.height(),
        head.hash(),
        head.stateRoot(),
        members.contains(memberId) ? role() : members.removed(memberId) ? REMOVED : JOINING,
        leader(),
        checkpoints.integrity());
  }

  private String role() {
    try {
      return division().getInfo().getCurrentRole().name().toLowerCase(Locale.ROOT);
    } catch (IOException | IllegalStateException e) {
      return "unknown";
    }
  }

  private @Nullable String leader() {
    try {
      RaftPeerId id = division().getInfo().getLeaderId();
      return id == null ? null : id.toString();
    } catch (IOException | IllegalStateException e) {
      return null;
    }
  }

  private RaftServer.Division division() throws IOException {
    return raft().server().getDivision(group.getGroupId());
  }

  boolean isLeader() {
    try {
      return division().getInfo().isLeaderReady();
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  /** The first index still in this node's Raft log (tests: has the log been purged?). */
  long raftLogStartIndex() throws IOException {
    return division().getRaftLog().getStartIndex();
  }

  /**
   * Asks the channel's leader to hand the leadership to {@code member}; true once it did (tests).
   */
  boolean transferLeadershipTo(String member) throws IOException {
    String leader = leader();
    if (leader == null) {
      return false;
    }
    return leader.equals(member)
        || raft()
            .client()
            .admin()
            .transferLeadership(
                RaftPeerId.valueOf(member),
                RaftPeerId.valueOf(leader),
                config.electionTimeout().toMillis() * 10)
            .isSuccess();
  }

  /**
   * The member ids of the peers in this node's current Raft configuration of the channel (tests).
   */
  java.util.Set<String> raftPeers() throws IOException {
    java.util.Set<String> ids = new java.util.TreeSet<>();
    division().getRaftConf().getCurrentPeers().forEach(p -> ids.add(p.getId().toString()));
    return ids;
  }

  /** Re-verifies this node's chain from genesis (tests). */
  ChainVerifier.Report verifyChain() {
    return ChainVerifier.verify(chain, contracts, verifier);
  }

  /** The index of the last entry in this node's Raft log (tests). */
  long raftLogLastIndex() throws IOException {
    var last = division().getRaftLog().getLastEntryTermIndex();
    return last == null ? -1 : last.getIndex();
  }

  /** How many snapshots this node installed from the leader since it started (tests). */
  long installedSnapshots() {
    return installedSnapshots.get();
  }

  /** The Raft index of this node's latest snapshot, or -1 if it has none (tests). */
  long latestSnapshotIndex() {
    var s = stateMachine.getLatestSnapshot();
    return s == null ? -1 : s.getIndex();
  }

  @Override
  public Optional<Block> block(long height) {
    requireServing();
    return chain.block(height);
  }

  @Override
  public Optional<TransactionRecord> transaction(Hash txId) {
    requireServing();
    return chain.transaction(txId);
  }

  @Override
  public long nextNonce(PublicKey signer) {
    requireServing();
    return chain.highestNonce(signer) + 1;
  }

  @Override
  public long sync() {
    RaftClientReply reply;
    try {
      reply =
          raft()
              .client()
              .io()
              .sendReadOnly(
                  Message.valueOf(ByteString.copyFrom(Forwarding.barrier())),
                  raft().server().getId());
    } catch (IOException e) {
      throw new LedgerUnavailableException(
          "channel " + channel + " cannot confirm it is up to date: " + e.getMessage(), e);
    }
    if (!reply.isSuccess()) {
      throw new LedgerUnavailableException(
          "channel " + channel + " cannot confirm it is up to date: " + reply.getException());
    }
    return Forwarding.parseBarrierReply(reply.getMessage().getContent().toByteArray());
  }

  /** Submits a decoded transaction of this channel; {@code id} is the hash of its bytes. */
  CompletableFuture<SubmitResult> submit(Hash id, SignedTransaction tx) {
    return submitAll(List.of(id), List.of(tx)).getFirst();
  }

  /**
   * Submits decoded transactions of this channel ({@code ids} the hashes of their bytes), each
   * checked on its own; those it takes are handed on together (ADR 0041), so that the builder puts
   * them into one block rather than into as many as it can build while they are being checked.
   */
  List<CompletableFuture<SubmitResult>> submitAll(List<Hash> ids, List<SignedTransaction> txs) {
    List<CompletableFuture<SubmitResult>> answers = new ArrayList<>(txs.size());
    List<SignedTransaction> taken = new ArrayList<>(txs.size());
    for (int i = 0; i < txs.size(); i++) {
      Admission a = admit(ids.get(i), txs.get(i));
      answers.add(a.answer());
      if (a.handOn()) {
        taken.add(txs.get(i));
      }
    }
    for (int full : handOnTogether(taken, this::handOn)) {
      fail(
          taken.get(full),
          new LedgerUnavailableException("the node is busy: too many transactions are waiting"));
    }
    return answers;
  }

  /**
   * The answer to one submission, and whether the transaction is new here and waits to be handed
   * on.
   */
  private record Admission(CompletableFuture<SubmitResult> answer, boolean handOn) {
    static Admission answered(CompletableFuture<SubmitResult> answer) {
      return new Admission(answer, false);
    }
  }

  private Admission admit(Hash id, SignedTransaction tx) {
    if (!running || failure != null) {
      return Admission.answered(CompletableFuture.failedFuture(unavailable()));
    }
    if (removed()) {
      return Admission.answered(
          refused(
              id,
              ValidationCode.WRONG_CHANNEL,
              "this node no longer holds channel " + channel + ": governance removed its member"));
    }
    CompletableFuture<SubmitResult> existing = pending.get(id);
    if (existing != null) {
      return Admission.answered(existing);
    }
    String behind = catchingUp();
    if (behind != null) {
      return Admission.answered(
          CompletableFuture.failedFuture(new LedgerCatchingUpException(behind)));
    }
    ValidationCode code =
        submitChecks.precheck(tx, tx.verifySignature(), store::get, config.clock().millis());
    if (code != ValidationCode.OK) {
      return Admission.answered(refused(id, code, code.description()));
    }
    verifiedOnSubmit.verified(id);
    CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    CompletableFuture<SubmitResult> raced = pending.putIfAbsent(id, future);
    if (raced != null) {
      return Admission.answered(raced);
    }
    tracked.put(id, new Tracked(tx, System.nanoTime()));
    return new Admission(future, true);
  }

  /**
   * Why this node refuses submissions while it catches up after its start (ADR 0039), or null when
   * it takes them. A node answers a submission once it applied the block holding it (ADR 0020); a
   * node that restarted far behind would keep every caller waiting until it caught up, longer than
   * callers wait. So until it applied the leader's commit index as it first learned it after its
   * start (less {@link #CATCH_UP_SLACK}), it refuses at once ({@link LedgerCatchingUpException})
   * and the caller retries, here later or at another node. Without a known leader, submissions wait
   * for one as before.
   */
  private @Nullable String catchingUp() {
    if (caughtUp) {
      return null;
    }
    try {
      RaftServer.Division d = division();
      long target = catchUpTarget;
      if (target < 0) {
        RaftPeerId leader = d.getInfo().getLeaderId();
        if (leader == null) {
          return null;
        }
        if (leader.equals(d.getId())) {
          caughtUp = true;
          return null;
        }
        target = leaderCommit(d, leader);
        if (target < 0) {
          return null;
        }
        catchUpTarget = target;
      }
      long applied = d.getInfo().getLastAppliedIndex();
      if (applied >= target - CATCH_UP_SLACK) {
        caughtUp = true;
        return null;
      }
      return "channel "
          + channel
          + " is catching up after its start (applied Raft index "
          + applied
          + " of "
          + target
          + "); submit again shortly";
    } catch (IOException | IllegalStateException e) {
      return null;
    }
  }

  /** The commit index the leader last reported to this node, or -1. */
  private static long leaderCommit(RaftServer.Division d, RaftPeerId leader) {
    for (var info : d.getCommitInfos()) {
      if (RaftPeerId.valueOf(info.getServer().getId()).equals(leader)) {
        return info.getCommitIndex();
      }
    }
    return -1;
  }

  /**
   * {@code handOn} for each, as one step for the builder and the forwarder: they take what is in
   * their queue under {@link #handOver}, so none of them takes part of these.
   *
   * @param handOn puts one into a queue; false if that queue is full
   * @return the positions in {@code txs} of those that found their queue full
   */
  private List<Integer> handOnTogether(
      List<SignedTransaction> txs, Predicate<SignedTransaction> handOn) {
    if (txs.isEmpty()) {
      return List.of();
    }
    List<Integer> full = new ArrayList<>();
    handOver.lock();
    try {
      for (int i = 0; i < txs.size(); i++) {
        if (!handOn.test(txs.get(i))) {
          full.add(i);
        }
      }
    } finally {
      handOver.unlock();
    }
    return full;
  }

  /** Drains {@code queue} into {@code batch} once no submission is midway through handing on. */
  private void drainTogether(
      LinkedBlockingQueue<SignedTransaction> from, List<SignedTransaction> batch) {
    handOver.lock();
    try {
      from.drainTo(batch, config.maxBlockTransactions() - 1);
    } finally {
      handOver.unlock();
    }
  }

  /** Into this node's block builder while it leads, else to the forwarder for the leader. */
  private boolean handOn(SignedTransaction tx) {
    Tracked t = tracked.get(tx.id());
    if (t != null) {
      t.queued = true;
    }
    boolean offered = isLeader() ? queue.offer(tx) : forwardQueue.offer(tx);
    if (!offered && t != null) {
      t.queued = false;
    }
    return offered;
  }

  /** The builder or the forwarder took these from their queue: due for a check after a while. */
  private void dequeued(List<SignedTransaction> txs) {
    long next = System.nanoTime() + RETRY_NANOS;
    for (SignedTransaction tx : txs) {
      Tracked t = tracked.get(tx.id());
      if (t != null) {
        t.nextCheck = next;
        t.queued = false;
      }
    }
  }

  private static CompletableFuture<SubmitResult> refused(
      Hash id, ValidationCode code, @Nullable String message) {
    return CompletableFuture.completedFuture(
        new SubmitResult.Refused(id, code, message == null ? code.description() : message));
  }

  private LedgerUnavailableException unavailable() {
    String f = failure;
    return new LedgerUnavailableException(
        f != null ? "the node stopped serving: " + f : "the node is closed");
  }

  private void buildLoop() {
    List<SignedTransaction> batch = new ArrayList<>();
    while (running) {
      try {
        SignedTransaction first = queue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        drainTogether(queue, batch);
        dequeued(batch);
        if (!isLeader()) {
          // Leadership moved while these waited: the new leader builds their block.
          batch.forEach(this::forwardLater);
          continue;
        }
        proposeBlock(List.copyOf(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("block builder failed; failing the batch", e);
        failAll(batch, new LedgerUnavailableException("the block could not be built", e));
      }
    }
  }

  private void forwardLater(SignedTransaction tx) {
    Tracked t = tracked.get(tx.id());
    if (t != null) {
      t.queued = true;
    }
    if (!forwardQueue.offer(tx)) {
      retryLater(tx);
    }
  }

  private void proposeBlock(List<SignedTransaction> txs) {
    Head head = chain.requireHead();
    long time = Math.max(config.clock().millis(), head.timestampMillis());
    BlockExecutor.Result result =
        builderExecutor.execute(store::get, head, time, nodeKey.publicKey(), txs);
    Block block =
        new Block(result.header(), nodeKey.sign(result.header().encode()), txs, result.receipts());
    RaftClientReply reply;
    try {
      reply = order(block);
    } catch (IOException e) {
      if (running) {
        LOG.warn(
            "block at height {} could not be ordered ({}); retrying", block.height(), e.toString());
      }
      txs.forEach(this::retryLater);
      return;
    }
    if (!reply.isSuccess()) {
      LOG.warn(
          "block at height {} was not ordered ({}); retrying",
          block.height(),
          reply.getException());
      txs.forEach(this::retryLater);
      return;
    }
    String outcome = reply.getMessage().getContent().toStringUtf8();
    if (outcome.startsWith("skipped")) {
      LOG.warn(
          "block proposal at height {} was skipped ({}); resubmitting", block.height(), outcome);
      for (SignedTransaction tx : txs) {
        if (!queue.offer(tx)) {
          fail(tx, new LedgerUnavailableException("the node is busy"));
        }
      }
    }
  }

  /**
   * Hands the block to this node's own Raft server as a client write and waits until it was applied
   * here (or refused). In-process, not through a Raft client: a client sends to the leader it last
   * heard of, and one that had never written went to the group's first peer, so a node that had
   * just been elected while the old leader was paused (a process that accepts connections and
   * answers nothing) sent its first block there and waited until that process continued (ADR 0043).
   * The builder runs on the leader only; if this node no longer leads, the server refuses the write
   * and the transactions are handed on again.
   */
  private RaftClientReply order(Block block) throws IOException {
    Raft r = raft();
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(builderClientId)
            .setServerId(r.server().getId())
            .setGroupId(group.getGroupId())
            .setCallId(builderCalls.incrementAndGet())
            .setMessage(Message.valueOf(ByteString.copyFrom(block.encode())))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    try {
      return r.server()
          .submitClientRequestAsync(request)
          .get(ORDER_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("not applied within " + ORDER_TIMEOUT_NANOS / 1_000_000_000 + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while the block was ordered");
    }
  }

  /**
   * A transaction whose block did not make it (or could not be forwarded): one submitted here is
   * handed on again soon by the forwarder's check; one forwarded by another node is dropped here,
   * and its own node hands it on again.
   */
  private void retryLater(SignedTransaction tx) {
    Tracked t = tracked.get(tx.id());
    if (t != null) {
      t.queued = false;
      t.nextCheck = System.nanoTime() + SOON_NANOS;
    } else {
      pending.remove(tx.id());
    }
  }

  private void failAll(List<SignedTransaction> txs, RuntimeException e) {
    for (SignedTransaction tx : txs) {
      fail(tx, e);
    }
  }

  private void fail(SignedTransaction tx, RuntimeException e) {
    tracked.remove(tx.id());
    CompletableFuture<SubmitResult> f = pending.remove(tx.id());
    if (f != null) {
      f.completeExceptionally(e);
    }
  }

  private void complete(Hash id, SubmitResult result) {
    tracked.remove(id);
    CompletableFuture<SubmitResult> f = pending.remove(id);
    if (f != null) {
      f.complete(result);
    }
  }

  /**
   * The forwarder: hands transactions submitted here to the leader in batches, and checks the
   * handed-on transactions: complete from the chain when their block is here (also when it came by
   * snapshot), hand on again when they are overdue, fail them after {@link
   * LedgerNode#SUBMIT_DEADLINE}.
   */
  private void forwardLoop() {
    List<SignedTransaction> batch = new ArrayList<>();
    long nextCheck = System.nanoTime();
    RaftPeerId lastLeader = null;
    while (running) {
      try {
        RaftPeerId leader = knownLeader();
        if (leader != null && !leader.equals(lastLeader)) {
          if (lastLeader != null) {
            recheckHandedOnSoon();
          }
          lastLeader = leader;
        }
        // Wakes for the next check of handed-on transactions, or after a second when none is
        // tracked (a transaction tracked meanwhile is due for its first check only after
        // RETRY_NANOS).
        long wait =
            tracked.isEmpty()
                ? IDLE_POLL_NANOS
                : Math.min(IDLE_POLL_NANOS, Math.max(0, nextCheck - System.nanoTime()));
        SignedTransaction first = forwardQueue.poll(wait, TimeUnit.NANOSECONDS);
        if (System.nanoTime() - nextCheck >= 0) {
          checkTracked();
          nextCheck = System.nanoTime() + SOON_NANOS;
        }
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        drainTogether(forwardQueue, batch);
        dequeued(batch);
        if (isLeader()) {
          for (SignedTransaction tx : batch) {
            if (!handOn(tx)) {
              retryLater(tx);
            }
          }
          continue;
        }
        forward(List.copyOf(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (running) {
          LOG.warn("forwarding failed; the transactions are retried", e);
          batch.forEach(this::retryLater);
        }
      }
    }
  }

  /**
   * Hands a batch to the leader this node's Raft division knows, as a read addressed to that peer
   * (its state machine takes the batch, {@link #acceptForwarded}; a peer that does not lead answers
   * "retry"). The call runs on a virtual thread while the forwarder watches the division: once
   * another leader is known, it gives the call up and hands the batch on again soon, together with
   * the transactions handed on earlier that are still waiting for their block, instead of waiting
   * out the call's timeout at a leader that stopped answering (a paused process accepts connections
   * and answers nothing; ADR 0043). A copy that still reaches the old leader is refused there or,
   * if that leader takes it, cannot be committed in its old term; a copy committed twice is refused
   * as a duplicate by the state machine.
   */
  private void forward(List<SignedTransaction> batch) throws InterruptedException {
    RaftPeerId leader = knownLeader();
    if (leader == null) {
      batch.forEach(this::retryLater);
      return;
    }
    // Which of these were handed to a leader before, by a call whose answer this node may never
    // have had (given up at a leader change or timed out, though the leader took them): for those
    // a "duplicate" means that copy was committed, not that the caller sent one twice. Marked
    // before this call for the same reason.
    boolean[] handedBefore = new boolean[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      Tracked t = tracked.get(batch.get(i).id());
      if (t != null) {
        handedBefore[i] = t.forwarded;
        t.forwarded = true;
      }
    }
    Message message = Message.valueOf(ByteString.copyFrom(Forwarding.request(batch)));
    RaftClient client = raft().forwardClient();
    CompletableFuture<RaftClientReply> call = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("ledger-forward-" + channel)
        .start(
            () -> {
              try {
                call.complete(client.io().sendStaleRead(message, 0, leader));
              } catch (IOException | RuntimeException e) {
                call.completeExceptionally(e);
              }
            });
    long deadline = System.nanoTime() + FORWARD_TIMEOUT_NANOS;
    RaftClientReply reply = null;
    while (reply == null) {
      try {
        reply = call.get(FORWARD_WATCH_NANOS, TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        if (running) {
          LOG.debug(
              "could not forward {} transactions to {}: {}",
              batch.size(),
              leader,
              String.valueOf(e.getCause()));
        }
        batch.forEach(this::retryLater);
        return;
      } catch (TimeoutException e) {
        RaftPeerId now = knownLeader();
        if (now != null && !now.equals(leader)) {
          LOG.info(
              "channel {}: {} leads now; {} transactions forwarded to {} are handed on again",
              channel,
              now,
              batch.size(),
              leader);
          batch.forEach(this::retryLater);
          recheckHandedOnSoon();
          return;
        }
        if (System.nanoTime() - deadline > 0 || !running) {
          batch.forEach(this::retryLater);
          return;
        }
      }
    }
    if (!reply.isSuccess()) {
      batch.forEach(this::retryLater);
      return;
    }
    List<Forwarding.Outcome> outcomes =
        Forwarding.parseReply(reply.getMessage().getContent().toByteArray(), batch.size());
    for (int i = 0; i < batch.size(); i++) {
      SignedTransaction tx = batch.get(i);
      switch (outcomes.get(i)) {
        case Forwarding.Outcome.Accepted a -> {}
        case Forwarding.Outcome.Refused r -> {
          // Handed on before, a duplicate is this very transaction, committed: its block (or the
          // chain check) completes it here.
          if (!(r.code() == ValidationCode.DUPLICATE && handedBefore[i])) {
            complete(tx.id(), new SubmitResult.Refused(tx.id(), r.code(), r.message()));
          }
        }
        case Forwarding.Outcome.Busy b ->
            fail(tx, new LedgerUnavailableException("the leader is busy"));
        case Forwarding.Outcome.Retry x -> retryLater(tx);
      }
    }
  }

  /** The leader this node's division of the channel knows, or null (none, or not attached). */
  private @Nullable RaftPeerId knownLeader() {
    try {
      return division().getInfo().getLeaderId();
    } catch (IOException | IllegalStateException e) {
      return null;
    }
  }

  /**
   * Makes the transactions handed on to a leader that is no longer known as the leader due for
   * their next check soon rather than after {@link #RETRY_NANOS}: the check completes those whose
   * block arrived and hands the others on to the new leader.
   */
  private void recheckHandedOnSoon() {
    long soon = System.nanoTime() + SOON_NANOS;
    for (Tracked t : tracked.values()) {
      if (t.forwarded && t.nextCheck - soon > 0) {
        t.nextCheck = soon;
      }
    }
  }

  private void checkTracked() {
    long now = System.nanoTime();
    for (Tracked t : List.copyOf(tracked.values())) {
      if (t.queued || now - t.nextCheck < 0) {
        continue;
      }
      Hash id = t.tx.id();
      CompletableFuture<SubmitResult> f = pending.get(id);
      if (f == null || f.isDone()) {
        tracked.remove(id);
        continue;
      }
      Optional<TransactionRecord> rec = chain.transaction(id);
      if (rec.isPresent()) {
        complete(id, new SubmitResult.Committed(id, rec.get().height(), rec.get().receipt()));
      } else if (now - t.deadline > 0) {
        fail(
            t.tx,
            new LedgerUnavailableException(
                "the transaction was not committed within " + LedgerNode.SUBMIT_DEADLINE));
      } else {
        t.nextCheck = now + RETRY_NANOS;
        if (!handOn(t.tx)) {
          t.nextCheck = now + SOON_NANOS;
        }
      }
    }
  }

  /**
   * The leader's side of forwarding: pre-check each transaction, then queue those it takes for a
   * block together.
   */
  private byte[] acceptForwarded(byte[] request) {
    List<byte[]> raw = Forwarding.parseRequest(request);
    List<Forwarding.Outcome> outcomes = new ArrayList<>(raw.size());
    List<SignedTransaction> taken = new ArrayList<>(raw.size());
    List<Integer> takenAt = new ArrayList<>(raw.size());
    long now = config.clock().millis();
    for (int i = 0; i < raw.size(); i++) {
      int before = taken.size();
      outcomes.add(acceptForwardedOne(raw.get(i), now, taken));
      if (taken.size() > before) {
        takenAt.add(i);
      }
    }
    for (int full : handOnTogether(taken, queue::offer)) {
      pending.remove(taken.get(full).id());
      outcomes.set(takenAt.get(full), new Forwarding.Outcome.Busy());
    }
    return Forwarding.reply(outcomes);
  }

  /** Checks one forwarded transaction; one this node takes goes to {@code taken}. */
  private Forwarding.Outcome acceptForwardedOne(
      byte[] bytes, long now, List<SignedTransaction> taken) {
    SignedTransaction tx;
    try {
      tx = SignedTransaction.decode(bytes);
    } catch (EncodingException e) {
      return new Forwarding.Outcome.Refused(
          ValidationCode.MALFORMED, String.valueOf(e.getMessage()));
    }
    if (!running || failure != null || !isLeader()) {
      return new Forwarding.Outcome.Retry();
    }
    if (pending.containsKey(tx.id())) {
      return new Forwarding.Outcome.Accepted();
    }
    ValidationCode code = submitChecks.precheck(tx, tx.verifySignature(), store::get, now);
    if (code != ValidationCode.OK) {
      return new Forwarding.Outcome.Refused(code, code.description());
    }
    verifiedOnSubmit.verified(tx.id());
    CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    if (pending.putIfAbsent(tx.id(), future) != null) {
      return new Forwarding.Outcome.Accepted();
    }
    taken.add(tx);
    return new Forwarding.Outcome.Accepted();
  }

  private void onApplied(BlockApplier.Applied outcome, Block proposal) {
    switch (outcome) {
      case BlockApplier.Applied.Committed c -> {
        Block block = c.block();
        for (Receipt r : block.receipts()) {
          if (!pending.containsKey(r.txId())) {
            continue;
          }
          SubmitResult result = new SubmitResult.Committed(r.txId(), block.height(), r);
          if (r.code() == ValidationCode.DUPLICATE) {
            // A copy handed on twice: the answer is the first copy's, committed earlier.
            result =
                chain
                    .transaction(r.txId())
                    .<SubmitResult>map(
                        rec -> new SubmitResult.Committed(r.txId(), rec.height(), rec.receipt()))
                    .orElse(result);
          }
          complete(r.txId(), result);
        }
        checkpoints.applied(block.height());
        reconciler.nudge();
        headLock.lock();
        try {
          headMoved.signalAll();
        } finally {
          headLock.unlock();
        }
      }
      case BlockApplier.Applied.Skipped s ->
          LOG.warn("skipped block proposal at height {}: {}", proposal.height(), s.reason());
      case BlockApplier.Applied.Stopped x -> {
        failure = "stopped at height " + x.height() + ": " + x.reason();
        LOG.error(
            "channel {} stopped applying blocks at height {}: {}", channel, x.height(), x.reason());
        failAll(proposal.transactions(), unavailable());
      }
      case BlockApplier.Applied.Diverged d -> {
        failure = "diverged at height " + d.height() + ": " + d.reason();
        LOG.error("this node diverged from the proposer at height {}: {}", d.height(), d.reason());
        failAll(proposal.transactions(), unavailable());
      }
    }
  }

  /**
   * Checks a snapshot and makes it the state: a copy is opened as a database of its own, must be of
   * this chain, at the snapshot's index, and pass {@link ChainVerifier} from genesis; only then it
   * replaces the state.
   */
  private void installSnapshot(Path snapshot, long index, boolean fromLeader) throws IOException {
    Path installing = stateDir.resolveSibling(stateDir.getFileName() + ".installing");
    LedgerStateMachine.deleteTree(installing);
    Files.createDirectories(installing);
    for (Path f : LedgerStateMachine.files(snapshot)) {
      Path target = installing.resolve(snapshot.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    long height;
    try (RocksDbStore candidate = RocksDbStore.open(installing)) {
      ChainStore c = new ChainStore(candidate);
      Optional<Genesis> g = c.genesis();
      if (g.isEmpty()
          || !g.get().chainId().equals(genesis.chainId())
          || !c.channel().equals(channel)) {
        throw new IOException(
            "the snapshot at index " + index + " is not of this chain and channel");
      }
      long applied = c.applied().index();
      if (applied > index) {
        throw new IOException(
            "the snapshot at index " + index + " holds the state of index " + applied);
      }
      if (applied <= chain.applied().index()) {
        // Not ahead of the state after all (the entries after its last block carried no state).
        height = -1;
      } else {
        height = verifiedHeight(c, index);
      }
    }
    if (height < 0) {
      LedgerStateMachine.deleteTree(installing);
      return;
    }
    store.replaceWith(installing);
    if (fromLeader) {
      installedSnapshots.incrementAndGet();
    }
    LOG.info(
        "installed the snapshot at index {} ({}): height {}",
        index,
        fromLeader ? "from the leader" : "this node's own",
        height);
    headLock.lock();
    try {
      headMoved.signalAll();
    } finally {
      headLock.unlock();
    }
  }

  private long verifiedHeight(ChainStore c, long index) throws IOException {
    ChainVerifier.Report report = ChainVerifier.verify(c, contracts, verifier);
    if (!report.ok()) {
      failure = "snapshot " + index + " failed verification at height " + report.height();
      throw new IOException(
          "the snapshot at index "
              + index
              + " fails verification at height "
              + report.height()
              + ": "
              + report.problem());
    }
    return c.requireHead().height();
  }

  /** The reconciler's view of this channel's Raft division. */
  private final class ReconcilerRaft implements MembershipReconciler.Raft {
    @Override
    public boolean isLeader() {
      return ChannelReplica.this.isLeader();
    }

    @Override
    public RaftConfiguration configuration() throws IOException {
      return division().getRaftConf();
    }

    @Override
    public RaftClient client() {
      return raft().client();
    }

    @Override
    public void notLeading() {
      leaveGroupIfRemoved();
    }

    @Override
    public void eachRound() {
      followMembers();
    }

    @Override
    public boolean transferLeadership(RaftPeerId to) throws IOException {
      return raft()
          .client()
          .admin()
          .transferLeadership(
              to, RaftPeerId.valueOf(memberId), config.electionTimeout().toMillis() * 10)
          .isSuccess();
    }
  }

  /** The node's side of the state machine. */
  private final class StateMachineHost implements LedgerStateMachine.Host {
    @Override
    public void applied(BlockApplier.Applied outcome, Block proposal) {
      onApplied(outcome, proposal);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
      byte[] bytes = request.getContent().toByteArray();
      if (Checkpoints.isRequest(bytes)) {
        return CompletableFuture.supplyAsync(
            () -> Message.valueOf(ByteString.copyFrom(checkpoints.answer(bytes))), intake);
      }
      if (Forwarding.isBarrier(bytes)) {
        // Ratis calls this only once the state machine applied up to the read index.
        return CompletableFuture.completedFuture(
            Message.valueOf(
                ByteString.copyFrom(Forwarding.barrierReply(chain.requireHead().height()))));
      }
      return CompletableFuture.supplyAsync(
          () -> Message.valueOf(ByteString.copyFrom(acceptForwarded(bytes))), intake);
    }

    @Override
    public void installSnapshot(Path snapshot, long index, boolean fromLeader) throws IOException {
      ChannelReplica.this.installSnapshot(snapshot, index, fromLeader);
    }
  }

  @Override
  public Subscription subscribe(long fromHeight, Consumer<Block> listener) {
    if (fromHeight < 0) {
      throw new IllegalArgumentException("the resume position is a height >= 0");
    }
    requireServing();
    BlockSubscription s = new BlockSubscription(fromHeight, listener);
    subscriptions.add(s);
    s.thread = Thread.ofVirtual().name("ledger-subscription").start(s::run);
    return s;
  }

  private final class BlockSubscription implements Subscription {
    private final java.util.concurrent.atomic.AtomicLong position;
    private final Consumer<Block> listener;
    private volatile boolean open = true;
    private volatile @Nullable Thread thread;

    BlockSubscription(long from, Consumer<Block> listener) {
      this.position = new java.util.concurrent.atomic.AtomicLong(from);
      this.listener = listener;
    }

    void run() {
      try {
        while (open && running) {
          Optional<Block> next = chain.block(position.get());
          if (next.isPresent()) {
            listener.accept(next.get());
            position.incrementAndGet();
            continue;
          }
          headLock.lock();
          try {
            if (chain.requireHead().height() < position.get()) {
              headMoved.await(500, TimeUnit.MILLISECONDS);
            }
          } finally {
            headLock.unlock();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (open && running) {
          LOG.warn("a block subscription ended at height {}: {}", position.get(), e.toString());
        }
      } finally {
        open = false;
        subscriptions.remove(this);
      }
    }

    @Override
    public long position() {
      return position.get();
    }

    @Override
    public void close() {
      open = false;
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  /**
   * Stops the builder and the forwarder, closes the clients, fails what still waits and closes the
   * store. The node closes its Ratis server after its replicas.
   */
  void close() {
    if (!running) {
      return;
    }
    running = false;
    checkpoints.close();
    reconciler.close();
    builder.interrupt();
    forwarder.interrupt();
    try {
      builder.join(5000);
      forwarder.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    intake.shutdownNow();
    Raft r = raft;
    if (r != null && r.rejoin() != null) {
      java.util.Objects.requireNonNull(r.rejoin()).close();
    }
    for (BlockSubscription s : subscriptions) {
      s.close();
    }
    if (r != null) {
      closeClients(r);
    }
  }

  /** Fails what still waits and closes the store, once the Ratis server no longer applies. */
  void release() {
    LedgerUnavailableException closed = new LedgerUnavailableException("the node is closed");
    for (var f : pending.values()) {
      f.completeExceptionally(closed);
    }
    pending.clear();
    tracked.clear();
    queue.clear();
    forwardQueue.clear();
    store.close();
  }
}
