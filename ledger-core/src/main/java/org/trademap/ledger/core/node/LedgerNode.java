package org.trademap.ledger.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.SizeInBytes;
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
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.Ledger;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.node.Subscription;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.determinism.DeterminismChecker;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * A ledger node hosting one channel: a Raft group (one peer in the embedded default) ordering
 * blocks that this node's block builder proposes while it is the leader.
 *
 * <p>Submission: the transaction is decoded and pre-checked (signature, chain, member, replay,
 * window against the node clock), queued, put into the next block by the builder, ordered by Raft
 * and applied by {@link LedgerStateMachine}, which verifies every signature again. The returned
 * future completes when the block that holds it commits.
 */
public final class LedgerNode implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);
  private static final String CONSORTIUM = "consortium";

  private final NodeConfig config;
  private final KeyPair nodeKey;
  private final Genesis genesis;
  private final String memberId;
  private final RocksDbStore store;
  private final ChainStore chain;
  private final BlockExecutor submitChecks;
  private final BlockExecutor builderExecutor;
  private final ParallelSignatureChecker verifier;
  private final Map<Hash, CompletableFuture<SubmitResult>> pending = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<SignedTransaction> queue;
  private final ReentrantLock headLock = new ReentrantLock();
  private final Condition headMoved = headLock.newCondition();
  private final List<BlockSubscription> subscriptions =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final RaftGroup group;
  private final RaftServer server;
  private final RaftClient client;
  private final Thread builder;
  private final int raftPort;
  private volatile boolean running = true;
  private volatile @Nullable String failure;

  private LedgerNode(
      NodeConfig config,
      KeyPair nodeKey,
      Genesis genesis,
      RocksDbStore store,
      ContractRegistry contracts,
      ParallelSignatureChecker verifier)
      throws IOException {
    this.config = config;
    this.nodeKey = nodeKey;
    this.genesis = genesis;
    this.memberId = genesis.member(nodeKey.publicKey()).orElseThrow().id();
    this.store = store;
    this.chain = new ChainStore(store);
    this.verifier = verifier;
    this.submitChecks = new BlockExecutor(genesis, contracts, SignatureChecker.SEQUENTIAL);
    // Submitted transactions were verified on submit; the builder does not verify them again.
    // Every node (this one included) verifies them once more when it applies the block.
    this.builderExecutor = new BlockExecutor(genesis, contracts, txs -> trueArray(txs.size()));
    this.queue = new LinkedBlockingQueue<>(config.maxQueuedTransactions());
    BlockApplier applier = new BlockApplier(chain, new BlockExecutor(genesis, contracts, verifier));
    LedgerStateMachine sm = new LedgerStateMachine(chain, applier, this::onApplied);

    this.raftPort = config.raftPort() == 0 ? freePort(config.host()) : config.raftPort();
    RaftPeer peer =
        RaftPeer.newBuilder()
            .setId(RaftPeerId.valueOf(memberId))
            .setAddress(config.host() + ":" + raftPort)
            .build();
    this.group =
        RaftGroup.valueOf(
            RaftGroupId.valueOf(
                UUID.nameUUIDFromBytes(
                    (genesis.channel() + "/" + genesis.chainId())
                        .getBytes(StandardCharsets.UTF_8))),
            peer);
    RaftProperties props = raftProperties(config, raftPort);
    Path raftDir = config.dataDir().resolve("raft");
    boolean existing = Files.isDirectory(raftDir.resolve(group.getGroupId().getUuid().toString()));
    this.server =
        RaftServer.newBuilder()
            .setServerId(peer.getId())
            .setGroup(group)
            .setProperties(props)
            .setStateMachine(sm)
            .setOption(
                existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
            .build();
    server.start();
    this.client = RaftClient.newBuilder().setProperties(props).setRaftGroup(group).build();
    this.builder =
        Thread.ofPlatform().name("ledger-block-builder").daemon().unstarted(this::buildLoop);
    builder.start();
    awaitLeadership(Duration.ofSeconds(30));
  }

  /**
   * Waits until this node leads the channel (a one-peer group elects itself within about two
   * election timeouts), so the first submissions are not refused for want of a leader.
   */
  private void awaitLeadership(Duration timeout) {
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

  /** Whether the node takes submissions: open and not stopped by a failed check. */
  public boolean isServing() {
    return running && failure == null;
  }

  /**
   * Starts a node. In an empty data directory it first creates the node key and a genesis document
   * naming this node as the consortium member with every contract found on the class path.
   *
   * @throws LedgerIntegrityException if the stored chain fails verification
   */
  public static LedgerNode start(NodeConfig config) {
    return start(config, discoverContracts());
  }

  /** The contracts on the class path, each passed through the determinism check. */
  public static ContractRegistry discoverContracts() {
    return ContractRegistry.discover(c -> DeterminismChecker.requireDeterministic(c.getClass()));
  }

  /** Starts a node with an explicit set of contracts (tests, benchmarks). */
  public static LedgerNode start(NodeConfig config, ContractRegistry contracts) {
    Path dir = config.dataDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + dir, e);
    }
    Path keyFile = dir.resolve(NodeFiles.KEY_FILE);
    Path genesisFile = dir.resolve(NodeFiles.GENESIS_FILE);
    KeyPair key;
    if (Files.exists(keyFile)) {
      key = NodeFiles.readKey(keyFile);
    } else {
      key = NodeFiles.writeNewKey(keyFile);
      LOG.info("created node key {} in {}", key.publicKey().shortId(), keyFile);
    }
    Genesis genesis;
    if (Files.exists(genesisFile)) {
      genesis = NodeFiles.readGenesis(genesisFile);
    } else {
      genesis =
          new Genesis(
              config.channel(),
              config.clock().millis(),
              List.of(new Genesis.Member(CONSORTIUM, CONSORTIUM, key.publicKey())),
              contracts.latestVersions());
      NodeFiles.writeGenesis(genesisFile, genesis);
      LOG.info("created genesis document {} (chain {})", genesisFile, genesis.chainId());
    }
    if (genesis.member(key.publicKey()).isEmpty()) {
      throw new IllegalStateException(
          "this node's key " + key.publicKey().shortId() + " is not a member of " + genesisFile);
    }
    for (var c : genesis.contracts().entrySet()) {
      if (contracts.find(c.getKey(), c.getValue()).isEmpty()) {
        throw new IllegalStateException(
            "the genesis document names contract "
                + c.getKey()
                + " version "
                + c.getValue()
                + ", which this node does not have");
      }
    }
    RocksDbStore store = RocksDbStore.open(dir.resolve("state"));
    ParallelSignatureChecker verifier = new ParallelSignatureChecker();
    try {
      ChainStore chain = new ChainStore(store);
      Optional<Genesis> stored = chain.genesis();
      if (stored.isEmpty()) {
        Block block0 = BlockExecutor.genesisBlock(genesis);
        chain.initGenesis(genesis, block0, block0.header().stateRoot());
      } else if (!stored.get().chainId().equals(genesis.chainId())) {
        throw new IllegalStateException(
            "the stored chain "
                + stored.get().chainId()
                + " is not the chain of "
                + genesisFile
                + " ("
                + genesis.chainId()
                + ")");
      }
      if (config.verifyOnStart()) {
        ChainVerifier.Report report = ChainVerifier.verify(chain, contracts, verifier);
        if (!report.ok()) {
          throw new LedgerIntegrityException(report.height(), report.problem());
        }
      }
      return new LedgerNode(config, key, genesis, store, contracts, verifier);
    } catch (IOException e) {
      store.close();
      verifier.close();
      throw new UncheckedIOException("cannot start the Raft server", e);
    } catch (RuntimeException e) {
      store.close();
      verifier.close();
      throw e;
    }
  }

  private static RaftProperties raftProperties(NodeConfig config, int port) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
    GrpcConfigKeys.Server.setHost(p, config.host());
    GrpcConfigKeys.Server.setPort(p, port);
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf("64MB"));
    long election = config.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(
        p, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        p, TimeDuration.valueOf(election * 2, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("64MB"));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf("32MB"));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("24MB"));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotEveryBlocks());
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(30, TimeUnit.SECONDS));
    return p;
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  private static boolean[] trueArray(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  /** The node's signing key: it signs blocks and the transactions the application submits. */
  public KeyPair nodeKey() {
    return nodeKey;
  }

  /** This node's member id in the genesis document. */
  public String memberId() {
    return memberId;
  }

  /** The Raft (gRPC) port this node listens on. */
  public int raftPort() {
    return raftPort;
  }

  /** Why the node stopped serving, if it did. */
  public Optional<String> failure() {
    return Optional.ofNullable(failure);
  }

  @Override
  public Genesis genesis() {
    return genesis;
  }

  @Override
  public LedgerStatus status() {
    Head head = chain.requireHead();
    return new LedgerStatus(
        memberId, genesis.channel(), head.height(), head.hash(), head.stateRoot(), role());
  }

  private String role() {
    try {
      return server
          .getDivision(group.getGroupId())
          .getInfo()
          .getCurrentRole()
          .name()
          .toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private boolean isLeader() {
    try {
      return server.getDivision(group.getGroupId()).getInfo().isLeaderReady();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public Optional<Block> block(long height) {
    return chain.block(height);
  }

  @Override
  public Optional<TransactionRecord> transaction(Hash txId) {
    return chain.transaction(txId);
  }

  @Override
  public long nextNonce(PublicKey signer) {
    return chain.lastNonce(signer) + 1;
  }

  @Override
  public CompletableFuture<SubmitResult> submit(byte[] signedTransaction) {
    Hash id = Hash.sha256(signedTransaction);
    SignedTransaction tx;
    try {
      tx = SignedTransaction.decode(signedTransaction);
    } catch (EncodingException e) {
      return refused(id, ValidationCode.MALFORMED, e.getMessage());
    }
    if (!running || failure != null) {
      return CompletableFuture.failedFuture(unavailable());
    }
    CompletableFuture<SubmitResult> existing = pending.get(id);
    if (existing != null) {
      return existing;
    }
    ValidationCode code =
        submitChecks.precheck(tx, tx.verifySignature(), store::get, config.clock().millis());
    if (code != ValidationCode.OK) {
      return refused(id, code, code.description());
    }
    CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    CompletableFuture<SubmitResult> raced = pending.putIfAbsent(id, future);
    if (raced != null) {
      return raced;
    }
    if (!queue.offer(tx)) {
      pending.remove(id, future);
      return CompletableFuture.failedFuture(
          new LedgerUnavailableException("the node is busy: too many transactions are waiting"));
    }
    return future;
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
        SignedTransaction first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, config.maxBlockTransactions() - 1);
        proposeBlock(orderNonces(batch));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("block builder failed; failing the batch", e);
        failAll(batch, new LedgerUnavailableException("the block could not be built", e));
      }
    }
  }

  private void proposeBlock(List<SignedTransaction> txs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!isLeader()) {
      if (!running || System.nanoTime() > deadline) {
        failAll(txs, new LedgerUnavailableException("no leader for the channel"));
        return;
      }
      Thread.sleep(20);
    }
    Head head = chain.requireHead();
    long time = Math.max(config.clock().millis(), head.timestampMillis());
    BlockExecutor.Result result =
        builderExecutor.execute(store::get, head, time, nodeKey.publicKey(), txs);
    Block block =
        new Block(result.header(), nodeKey.sign(result.header().encode()), txs, result.receipts());
    RaftClientReply reply;
    try {
      reply = client.io().send(Message.valueOf(ByteString.copyFrom(block.encode())));
    } catch (IOException e) {
      failAll(txs, new LedgerUnavailableException("the block could not be ordered", e));
      return;
    }
    if (!reply.isSuccess()) {
      failAll(
          txs,
          new LedgerUnavailableException(
              "the block was not ordered: " + String.valueOf(reply.getException())));
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
   * Puts each signer's transactions in nonce order without moving other signers' transactions, so
   * concurrent submissions from one signer do not reject each other.
   */
  static List<SignedTransaction> orderNonces(List<SignedTransaction> txs) {
    Map<PublicKey, List<Integer>> slots = new HashMap<>();
    for (int i = 0; i < txs.size(); i++) {
      slots.computeIfAbsent(txs.get(i).body().signer(), k -> new ArrayList<>()).add(i);
    }
    List<SignedTransaction> out = new ArrayList<>(txs);
    for (List<Integer> idx : slots.values()) {
      if (idx.size() < 2) {
        continue;
      }
      List<SignedTransaction> mine = new ArrayList<>();
      for (int i : idx) {
        mine.add(txs.get(i));
      }
      mine.sort(java.util.Comparator.comparingLong(t -> t.body().nonce()));
      for (int k = 0; k < idx.size(); k++) {
        out.set(idx.get(k), mine.get(k));
      }
    }
    return out;
  }

  private void failAll(List<SignedTransaction> txs, RuntimeException e) {
    for (SignedTransaction tx : txs) {
      fail(tx, e);
    }
  }

  private void fail(SignedTransaction tx, RuntimeException e) {
    CompletableFuture<SubmitResult> f = pending.remove(tx.id());
    if (f != null) {
      f.completeExceptionally(e);
    }
  }

  private void onApplied(BlockApplier.Applied outcome, Block proposal) {
    switch (outcome) {
      case BlockApplier.Applied.Committed c -> {
        Block block = c.block();
        for (Receipt r : block.receipts()) {
          CompletableFuture<SubmitResult> f = pending.remove(r.txId());
          if (f != null) {
            f.complete(new SubmitResult.Committed(r.txId(), block.height(), r));
          }
        }
        headLock.lock();
        try {
          headMoved.signalAll();
        } finally {
          headLock.unlock();
        }
      }
      case BlockApplier.Applied.Skipped s ->
          LOG.warn("skipped block proposal at height {}: {}", proposal.height(), s.reason());
      case BlockApplier.Applied.Diverged d -> {
        failure = "diverged at height " + d.height() + ": " + d.reason();
        LOG.error("this node diverged from the proposer at height {}: {}", d.height(), d.reason());
        failAll(proposal.transactions(), unavailable());
      }
    }
  }

  @Override
  public Subscription subscribe(long fromHeight, Consumer<Block> listener) {
    if (fromHeight < 0) {
      throw new IllegalArgumentException("the resume position is a height >= 0");
    }
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

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    builder.interrupt();
    try {
      builder.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (BlockSubscription s : subscriptions) {
      s.close();
    }
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("closing the Raft client failed", e);
    }
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("closing the Raft server failed", e);
    }
    LedgerUnavailableException closed = new LedgerUnavailableException("the node is closed");
    for (var f : pending.values()) {
      f.completeExceptionally(closed);
    }
    pending.clear();
    queue.clear();
    verifier.close();
    store.close();
  }
}
