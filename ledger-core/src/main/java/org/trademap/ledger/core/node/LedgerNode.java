package org.trademap.ledger.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
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
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.node.ChannelStatus;
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
import org.trademap.ledger.core.tls.RaftTls;
import org.trademap.ledger.core.tls.TlsIdentity;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * A ledger node hosting one channel: a Raft group over the nodes of the channel's members (one peer
 * in the embedded default), ordering blocks that the leader's block builder proposes.
 *
 * <p>Submission: the transaction is decoded and pre-checked (signature, chain, member, replay,
 * window against the node clock) and handed on: into the block builder's queue on the leader, or
 * forwarded to the leader (a Ratis read-only request that the leader's state machine answers by
 * queueing it). Every node applies every block through {@link LedgerStateMachine}, which verifies
 * every signature again; the returned future completes when this node applies the block that holds
 * the transaction. A transaction handed on but not seen in a block is handed on again (at most
 * until {@link #SUBMIT_DEADLINE}); duplicates are refused by the state machine, so a retry never
 * applies a transaction twice.
 *
 * <p>Between nodes, Ratis' gRPC speaks mutual TLS with the certificates of the genesis document
 * when it lists them (every consortium document does); a peer presenting any other certificate is
 * refused during the handshake.
 */
public final class LedgerNode implements Ledger {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerNode.class);
  private static final String CONSORTIUM = "consortium";

  /** How long a handed-on transaction is retried before its submission fails as unknown. */
  public static final Duration SUBMIT_DEADLINE = Duration.ofMinutes(2);

  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long SOON_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final NodeConfig config;
  private final KeyPair nodeKey;
  private final Genesis genesis;
  private final String memberId;
  private final RocksDbStore store;
  private final ChainStore chain;
  private final ContractRegistry contracts;
  private final BlockExecutor submitChecks;
  private final BlockExecutor builderExecutor;
  private final ParallelSignatureChecker verifier;
  private final VerifiedSignatures verifiedOnSubmit;
  private final Map<Hash, CompletableFuture<SubmitResult>> pending = new ConcurrentHashMap<>();
  private final Map<Hash, Tracked> tracked = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<SignedTransaction> queue;
  private final LinkedBlockingQueue<SignedTransaction> forwardQueue;
  private final ReentrantLock headLock = new ReentrantLock();
  private final Condition headMoved = headLock.newCondition();
  private final List<BlockSubscription> subscriptions =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final ExecutorService intake =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("ledger-forward-intake").daemon().factory());
  private final AtomicLong installedSnapshots = new AtomicLong();
  private final LedgerStateMachine stateMachine;
  private final RaftGroup group;
  private final RaftServer server;
  private final RaftClient client;
  private final RaftClient forwardClient;
  private final Thread builder;
  private final Thread forwarder;
  private final @Nullable EmptyLogRejoin rejoin;
  private final int raftPort;
  private volatile boolean running = true;
  private volatile @Nullable String failure;

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
      this.deadline = now + SUBMIT_DEADLINE.toNanos();
      this.nextCheck = now + RETRY_NANOS;
    }
  }

  /** Who this node is: its signing key, the genesis document, its TLS identity (format 2). */
  private record Identity(
      KeyPair key, Genesis genesis, String memberId, @Nullable TlsIdentity tls) {}

  private LedgerNode(
      NodeConfig config,
      Identity identity,
      RocksDbStore store,
      ContractRegistry contracts,
      ParallelSignatureChecker verifier)
      throws IOException {
    this.config = config;
    this.nodeKey = identity.key();
    this.genesis = identity.genesis();
    this.memberId = identity.memberId();
    this.store = store;
    this.chain = new ChainStore(store);
    this.contracts = contracts;
    this.verifier = verifier;
    this.submitChecks = new BlockExecutor(genesis, contracts, SignatureChecker.SEQUENTIAL);
    // Submitted transactions were verified on submit; the builder does not verify them again.
    // Every node (this one included) verifies them once more when it applies the block.
    this.builderExecutor = new BlockExecutor(genesis, contracts, txs -> trueArray(txs.size()));
    this.queue = new LinkedBlockingQueue<>(config.maxQueuedTransactions());
    this.forwardQueue = new LinkedBlockingQueue<>(config.maxQueuedTransactions());
    // A transaction this node verified on submit or intake is not verified again on apply.
    this.verifiedOnSubmit = new VerifiedSignatures(verifier, config.maxQueuedTransactions());
    BlockApplier applier =
        new BlockApplier(chain, new BlockExecutor(genesis, contracts, verifiedOnSubmit));
    LedgerStateMachine sm = new LedgerStateMachine(chain, applier, new StateMachineHost());
    this.stateMachine = sm;

    this.raftPort = config.raftPort() == 0 ? freePort(config.host()) : config.raftPort();
    this.group =
        RaftGroup.valueOf(
            RaftGroupId.valueOf(
                UUID.nameUUIDFromBytes(
                    (genesis.channel() + "/" + genesis.chainId())
                        .getBytes(StandardCharsets.UTF_8))),
            peers(config, genesis, memberId, raftPort));
    RaftProperties props = raftProperties(config, raftPort);
    Parameters parameters = new Parameters();
    TlsIdentity tls = identity.tls();
    if (tls != null) {
      Set<TlsCertificate> members = memberCertificates(genesis);
      parameters = RaftTls.parameters(tls, () -> members, Clock.systemUTC());
    }
    Path raftDir = config.dataDir().resolve("raft");
    boolean existing = Files.isDirectory(raftDir.resolve(group.getGroupId().getUuid().toString()));
    this.server =
        RaftServer.newBuilder()
            .setServerId(RaftPeerId.valueOf(memberId))
            .setGroup(group)
            .setProperties(props)
            .setParameters(parameters)
            .setStateMachine(sm)
            .setOption(
                existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
            .build();
    server.start();
    this.client =
        RaftClient.newBuilder()
            .setProperties(props)
            .setParameters(parameters)
            .setRaftGroup(group)
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    20, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS)))
            .build();
    // Forwarding is retried by the forwarder itself: it must not wait long on a leader that is
    // paused or gone, or every submission at this node waits with it.
    RaftProperties forwardProps = raftProperties(config, raftPort);
    RaftClientConfigKeys.Rpc.setRequestTimeout(
        forwardProps, TimeDuration.valueOf(5, TimeUnit.SECONDS));
    this.forwardClient =
        RaftClient.newBuilder()
            .setProperties(forwardProps)
            .setParameters(parameters)
            .setRaftGroup(group)
            .setRetryPolicy(
                RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                    4, TimeDuration.valueOf(250, TimeUnit.MILLISECONDS)))
            .build();
    this.builder =
        Thread.ofPlatform().name("ledger-block-builder").daemon().unstarted(this::buildLoop);
    this.forwarder =
        Thread.ofPlatform().name("ledger-forwarder").daemon().unstarted(this::forwardLoop);
    builder.start();
    forwarder.start();
    this.rejoin =
        existing || group.getPeers().size() == 1
            ? null
            : new EmptyLogRejoin(
                server,
                group,
                RaftPeerId.valueOf(memberId),
                client,
                config.electionTimeout().multipliedBy(10));
    if (rejoin != null) {
      rejoin.start();
    }
    if (group.getPeers().size() == 1) {
      awaitLeadership(Duration.ofSeconds(30));
    }
  }

  private static Set<TlsCertificate> memberCertificates(Genesis genesis) {
    Set<TlsCertificate> certs = new HashSet<>();
    for (Genesis.Member m : genesis.members()) {
      TlsCertificate c = m.tlsCertificate();
      if (c != null) {
        certs.add(c);
      }
    }
    return Set.copyOf(certs);
  }

  /**
   * The Raft peers of the default channel: every member's node, at the address the configuration
   * gives (this node at its own). The embedded default is a group of one.
   */
  private static List<RaftPeer> peers(
      NodeConfig config, Genesis genesis, String memberId, int raftPort) {
    RaftPeer self = peer(memberId, new NodeConfig.Peer(memberId, config.host(), raftPort));
    NodeConfig.Consortium consortium = config.consortium();
    if (consortium == null) {
      return List.of(self);
    }
    Genesis.Channel channel = genesis.channel(genesis.channel()).orElseThrow();
    List<RaftPeer> peers = new ArrayList<>();
    for (String id : channel.members()) {
      if (id.equals(memberId)) {
        peers.add(self);
        continue;
      }
      NodeConfig.Peer p =
          consortium.peers().stream()
              .filter(x -> x.memberId().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "channel "
                              + channel.name()
                              + " has member "
                              + id
                              + ", but the configuration gives no address for its node"));
      peers.add(peer(id, p));
    }
    return peers;
  }

  private static RaftPeer peer(String id, NodeConfig.Peer p) {
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(p.address()).build();
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
    NodeConfig.Consortium consortium = config.consortium();
    Identity identity =
        consortium == null
            ? embeddedIdentity(config, contracts)
            : consortiumIdentity(dir, consortium);
    Genesis genesis = identity.genesis();
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
    Path genesisFile = dir.resolve(NodeFiles.GENESIS_FILE);
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
      return new LedgerNode(config, identity, store, contracts, verifier);
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

  /**
   * The embedded default's identity, in the data directory. A new directory gets a node key, a TLS
   * certificate and a genesis document of a one-member consortium ({@code consortium}, one channel,
   * every contract found). A directory of the first single-node ledgers keeps its format 1 document
   * and runs without TLS.
   */
  private static Identity embeddedIdentity(NodeConfig config, ContractRegistry contracts) {
    Path dir = config.dataDir();
    Path keyFile = dir.resolve(NodeFiles.KEY_FILE);
    Path genesisFile = dir.resolve(NodeFiles.GENESIS_FILE);
    Path certFile = dir.resolve(NodeFiles.TLS_CERTIFICATE_FILE);
    Path tlsKeyFile = dir.resolve(NodeFiles.TLS_KEY_FILE);
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
      TlsIdentity tls;
      if (Files.exists(certFile)) {
        tls = TlsIdentity.read(certFile, tlsKeyFile);
      } else {
        tls =
            TlsIdentity.generate(
                CONSORTIUM, List.of(config.host(), "localhost"), Instant.now(), new SecureRandom());
        tls.write(certFile, tlsKeyFile);
      }
      genesis =
          Genesis.consortium(
              config.clock().millis(),
              List.of(
                  new Genesis.Member(CONSORTIUM, CONSORTIUM, key.publicKey(), tls.certificate())),
              List.of(new Genesis.Channel(config.channel(), List.of(CONSORTIUM))),
              Map.of(Genesis.GOVERNANCE, new Genesis.Policy(1, List.of(CONSORTIUM))),
              contracts.latestVersions());
      NodeFiles.writeGenesis(genesisFile, genesis);
      LOG.info("created genesis document {} (chain {})", genesisFile, genesis.chainId());
    }
    Genesis.Member member =
        genesis
            .member(key.publicKey())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "this node's key "
                            + key.publicKey().shortId()
                            + " is not a member of "
                            + genesisFile));
    TlsIdentity tls = null;
    if (member.tlsCertificate() != null) {
      tls = TlsIdentity.read(certFile, tlsKeyFile);
      requireListed(member, tls, certFile);
    }
    return new Identity(key, genesis, member.id(), tls);
  }

  /**
   * A consortium node's identity from the files its configuration names, checked against the
   * genesis document: the member exists, and the signing key and the certificate are the ones the
   * document lists for it. The data directory keeps a copy of the genesis document, which must stay
   * the same.
   */
  private static Identity consortiumIdentity(Path dir, NodeConfig.Consortium c) {
    Genesis genesis = NodeFiles.readGenesis(c.genesis());
    if (genesis.format() != Genesis.FORMAT) {
      throw new IllegalArgumentException(
          "genesis file " + c.genesis() + " is not a consortium (format 2) document");
    }
    Genesis.Member member =
        genesis
            .member(c.memberId())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "member " + c.memberId() + " is not in genesis file " + c.genesis()));
    KeyPair key = NodeFiles.readKey(c.signingKey());
    if (!member.key().equals(key.publicKey())) {
      throw new IllegalArgumentException(
          "signing key "
              + c.signingKey()
              + " is not the key genesis file "
              + c.genesis()
              + " lists for member "
              + member.id());
    }
    TlsIdentity tls = TlsIdentity.read(c.tlsCertificate(), c.tlsPrivateKey());
    requireListed(member, tls, c.tlsCertificate());
    Path copy = dir.resolve(NodeFiles.GENESIS_FILE);
    if (Files.exists(copy)) {
      Genesis stored = NodeFiles.readGenesis(copy);
      if (!stored.chainId().equals(genesis.chainId())) {
        throw new IllegalStateException(
            "data directory "
                + dir
                + " belongs to chain "
                + stored.chainId()
                + ", not to the chain of "
                + c.genesis()
                + " ("
                + genesis.chainId()
                + ")");
      }
    } else {
      NodeFiles.writeGenesis(copy, genesis);
    }
    return new Identity(key, genesis, member.id(), tls);
  }

  private static void requireListed(Genesis.Member member, TlsIdentity tls, Path certFile) {
    if (!tls.certificate().equals(member.tlsCertificate())) {
      throw new IllegalArgumentException(
          "TLS certificate "
              + certFile
              + " is not the certificate the genesis document lists for member "
              + member.id());
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
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(config.logSegmentBytes()));
    RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf("32MB"));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("24MB"));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(config.snapshotEveryBlocks(), 1024));
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
    String role = role();
    ChannelStatus channel =
        new ChannelStatus(
            genesis.channel(),
            genesis.channel(genesis.channel()).orElseThrow().members(),
            head.height(),
            head.hash(),
            head.stateRoot(),
            role,
            leader());
    return new LedgerStatus(
        memberId,
        genesis.channel(),
        head.height(),
        head.hash(),
        head.stateRoot(),
        role,
        List.of(channel));
  }

  private String role() {
    try {
      return division().getInfo().getCurrentRole().name().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return "unknown";
    }
  }

  private @Nullable String leader() {
    try {
      RaftPeerId id = division().getInfo().getLeaderId();
      return id == null ? null : id.toString();
    } catch (IOException e) {
      return null;
    }
  }

  private RaftServer.Division division() throws IOException {
    return server.getDivision(group.getGroupId());
  }

  private boolean isLeader() {
    try {
      return division().getInfo().isLeaderReady();
    } catch (IOException e) {
      return false;
    }
  }

  /** The first index still in this node's Raft log (tests: has the log been purged?). */
  long raftLogStartIndex() throws IOException {
    return division().getRaftLog().getStartIndex();
  }

  /** The Raft group of the default channel (tests). */
  RaftGroup raftGroup() {
    return group;
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
    return chain.block(height);
  }

  @Override
  public Optional<TransactionRecord> transaction(Hash txId) {
    return chain.transaction(txId);
  }

  @Override
  public long nextNonce(PublicKey signer) {
    return chain.highestNonce(signer) + 1;
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
    verifiedOnSubmit.verified(id);
    CompletableFuture<SubmitResult> future = new CompletableFuture<>();
    CompletableFuture<SubmitResult> raced = pending.putIfAbsent(id, future);
    if (raced != null) {
      return raced;
    }
    tracked.put(id, new Tracked(tx, System.nanoTime()));
    if (!handOn(tx)) {
      tracked.remove(id);
      pending.remove(id, future);
      return CompletableFuture.failedFuture(
          new LedgerUnavailableException("the node is busy: too many transactions are waiting"));
    }
    return future;
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
        SignedTransaction first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, config.maxBlockTransactions() - 1);
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
      reply = client.io().send(Message.valueOf(ByteString.copyFrom(block.encode())));
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
   * snapshot), hand on again when they are overdue, fail them after {@link #SUBMIT_DEADLINE}.
   */
  private void forwardLoop() {
    List<SignedTransaction> batch = new ArrayList<>();
    long nextCheck = System.nanoTime();
    while (running) {
      try {
        SignedTransaction first = forwardQueue.poll(100, TimeUnit.MILLISECONDS);
        if (System.nanoTime() - nextCheck >= 0) {
          checkTracked();
          nextCheck = System.nanoTime() + SOON_NANOS;
        }
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        forwardQueue.drainTo(batch, config.maxBlockTransactions() - 1);
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

  private void forward(List<SignedTransaction> batch) {
    RaftClientReply reply;
    try {
      reply =
          forwardClient
              .io()
              .sendReadOnlyNonLinearizable(
                  Message.valueOf(ByteString.copyFrom(Forwarding.request(batch))));
    } catch (IOException e) {
      if (running) {
        LOG.debug("could not forward {} transactions: {}", batch.size(), e.toString());
      }
      batch.forEach(this::retryLater);
      return;
    }
    if (!reply.isSuccess()) {
      batch.forEach(this::retryLater);
      return;
    }
    List<Forwarding.Outcome> outcomes =
        Forwarding.parseReply(reply.getMessage().getContent().toByteArray(), batch.size());
    for (int i = 0; i < batch.size(); i++) {
      SignedTransaction tx = batch.get(i);
      Tracked t = tracked.get(tx.id());
      switch (outcomes.get(i)) {
        case Forwarding.Outcome.Accepted a -> {}
        case Forwarding.Outcome.Refused r -> {
          // Handed on before, a duplicate is this very transaction, committed: its block (or the
          // chain check) completes it here.
          if (!(r.code() == ValidationCode.DUPLICATE && t != null && t.forwarded)) {
            complete(tx.id(), new SubmitResult.Refused(tx.id(), r.code(), r.message()));
          }
        }
        case Forwarding.Outcome.Busy b ->
            fail(tx, new LedgerUnavailableException("the leader is busy"));
        case Forwarding.Outcome.Retry x -> retryLater(tx);
      }
      if (t != null) {
        t.forwarded = true;
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
                "the transaction was not committed within " + SUBMIT_DEADLINE));
      } else {
        t.nextCheck = now + RETRY_NANOS;
        if (!handOn(t.tx)) {
          t.nextCheck = now + SOON_NANOS;
        }
      }
    }
  }

  /** The leader's side of forwarding: pre-check each transaction and queue it for a block. */
  private byte[] acceptForwarded(byte[] request) {
    List<byte[]> raw = Forwarding.parseRequest(request);
    List<Forwarding.Outcome> outcomes = new ArrayList<>(raw.size());
    long now = config.clock().millis();
    for (byte[] bytes : raw) {
      outcomes.add(acceptForwardedOne(bytes, now));
    }
    return Forwarding.reply(outcomes);
  }

  private Forwarding.Outcome acceptForwardedOne(byte[] bytes, long now) {
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
    if (!queue.offer(tx)) {
      pending.remove(tx.id(), future);
      return new Forwarding.Outcome.Busy();
    }
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

  /**
   * Checks a snapshot and makes it the state: a copy is opened as a database of its own, must be of
   * this chain, at the snapshot's index, and pass {@link ChainVerifier} from genesis; only then it
   * replaces the state.
   */
  private void installSnapshot(Path snapshot, long index, boolean fromLeader) throws IOException {
    Path installing = config.dataDir().resolve("state.installing");
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
      if (g.isEmpty() || !g.get().chainId().equals(genesis.chainId())) {
        throw new IOException("the snapshot at index " + index + " is not of this chain");
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

  /** The node's side of the state machine. */
  private final class StateMachineHost implements LedgerStateMachine.Host {
    @Override
    public void applied(BlockApplier.Applied outcome, Block proposal) {
      onApplied(outcome, proposal);
    }

    @Override
    public CompletableFuture<Message> query(Message request) {
      byte[] bytes = request.getContent().toByteArray();
      return CompletableFuture.supplyAsync(
          () -> Message.valueOf(ByteString.copyFrom(acceptForwarded(bytes))), intake);
    }

    @Override
    public void installSnapshot(Path snapshot, long index, boolean fromLeader) throws IOException {
      LedgerNode.this.installSnapshot(snapshot, index, fromLeader);
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
    forwarder.interrupt();
    try {
      builder.join(5000);
      forwarder.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    intake.shutdownNow();
    if (rejoin != null) {
      rejoin.close();
    }
    for (BlockSubscription s : subscriptions) {
      s.close();
    }
    try {
      client.close();
      forwardClient.close();
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
    tracked.clear();
    queue.clear();
    forwardQueue.clear();
    verifier.close();
    store.close();
  }
}
