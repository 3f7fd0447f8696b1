package org.trademap.ledger.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.node.ChannelLedger;
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
import org.trademap.ledger.core.determinism.DeterminismChecker;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.exec.ContractVersions;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.tls.RaftTls;
import org.trademap.ledger.core.tls.TlsIdentity;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * A ledger node: one organisation's node, holding every channel the configuration gives it (the
 * embedded default holds one). One Ratis server per node hosts one Raft group per channel
 * (multi-raft); each channel is a {@link ChannelReplica} with its own chain in its own RocksDB
 * store. The {@link Ledger} reading methods serve the default channel (the node's first); {@link
 * #channel} serves the others; {@link #submit} routes a transaction to the channel it names and
 * refuses one for a channel this node does not hold.
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

  private final KeyPair nodeKey;
  private final Genesis genesis;
  private final String memberId;
  private final Map<String, ChannelReplica> replicas;
  private final ChannelReplica defaultReplica;
  private final RaftServer server;
  private final ParallelSignatureChecker verifier;
  private final int raftPort;
  private volatile boolean running = true;

  /** Who this node is: its signing key, the genesis document, its TLS identity (format 2). */
  private record Identity(
      KeyPair key, Genesis genesis, String memberId, @Nullable TlsIdentity tls) {}

  private LedgerNode(
      Identity identity,
      Map<String, ChannelReplica> replicas,
      RaftServer server,
      ParallelSignatureChecker verifier,
      int raftPort) {
    this.nodeKey = identity.key();
    this.genesis = identity.genesis();
    this.memberId = identity.memberId();
    this.replicas = replicas;
    this.defaultReplica = replicas.values().iterator().next();
    this.server = server;
    this.verifier = verifier;
    this.raftPort = raftPort;
  }

  /**
   * Starts a node. In an empty data directory it first creates the node key and a genesis document
   * naming this node as the consortium member with every contract found on the class path.
   *
   * @throws LedgerIntegrityException if a stored chain fails verification
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
    List<String> channels = channels(config, identity);
    int raftPort = config.raftPort() == 0 ? freePort(config.host()) : config.raftPort();
    ParallelSignatureChecker verifier = new ParallelSignatureChecker();
    Map<String, ChannelReplica> replicas = new LinkedHashMap<>();
    RaftServer server = null;
    try {
      for (String channel : channels) {
        replicas.put(
            channel, openReplica(config, identity, channel, raftPort, contracts, verifier));
      }
      RaftProperties props = raftProperties(config, raftPort);
      Parameters parameters = new Parameters();
      TlsIdentity tls = identity.tls();
      if (tls != null) {
        Set<TlsCertificate> members = memberCertificates(genesis);
        parameters = RaftTls.parameters(tls, () -> members, Clock.systemUTC());
      }
      Path raftDir = config.dataDir().resolve("raft");
      Map<RaftGroupId, ChannelReplica> byGroup = new LinkedHashMap<>();
      Set<String> existing = new HashSet<>();
      for (ChannelReplica r : replicas.values()) {
        byGroup.put(r.group().getGroupId(), r);
        if (Files.isDirectory(raftDir.resolve(r.group().getGroupId().getUuid().toString()))) {
          existing.add(r.name());
        }
      }
      ChannelReplica first = replicas.values().iterator().next();
      server =
          RaftServer.newBuilder()
              .setServerId(RaftPeerId.valueOf(identity.memberId()))
              .setGroup(first.serverGroup())
              .setProperties(props)
              .setParameters(parameters)
              .setStateMachineRegistry(
                  gid -> {
                    ChannelReplica r = byGroup.get(gid);
                    if (r == null) {
                      throw new IllegalStateException(
                          "the Raft storage holds group "
                              + gid
                              + ", which is no channel of this node");
                    }
                    return r.stateMachine();
                  })
              .setOption(
                  existing.contains(first.name())
                      ? RaftStorage.StartupOption.RECOVER
                      : RaftStorage.StartupOption.FORMAT)
              .build();
      server.start();
      for (ChannelReplica r : replicas.values()) {
        if (!groupIds(server).contains(r.group().getGroupId())) {
          addGroup(server, r.serverGroup());
        }
      }
      for (ChannelReplica r : replicas.values()) {
        r.attach(server, props, parameters, existing.contains(r.name()));
      }
      for (ChannelReplica r : replicas.values()) {
        if (r.serverGroup().getPeers().size() == 1) {
          r.awaitLeadership(Duration.ofSeconds(30));
        }
      }
      return new LedgerNode(identity, replicas, server, verifier, raftPort);
    } catch (IOException e) {
      closeAll(replicas, server, verifier);
      throw new UncheckedIOException("cannot start the Raft server", e);
    } catch (RuntimeException e) {
      closeAll(replicas, server, verifier);
      throw e;
    }
  }

  /**
   * The channels a node holds, its default channel first: those its configuration file lists, in
   * that order (a consortium node), or the genesis document's one channel (the embedded default).
   */
  private static List<String> channels(NodeConfig config, Identity identity) {
    NodeConfig.Consortium c = config.consortium();
    if (c == null || c.channels().isEmpty()) {
      Genesis g = identity.genesis();
      List<String> mine = new ArrayList<>();
      for (Genesis.Channel ch : g.channels()) {
        if (ch.members().contains(identity.memberId())) {
          mine.add(ch.name());
        }
      }
      if (mine.isEmpty()) {
        throw new IllegalArgumentException(
            "member " + identity.memberId() + " is in no channel of the genesis document");
      }
      return c == null ? List.of(mine.getFirst()) : mine;
    }
    for (String name : c.channels()) {
      Genesis.Channel ch =
          identity
              .genesis()
              .channel(name)
              .orElseThrow(
                  () -> new IllegalArgumentException("channel " + name + " is not in genesis"));
      // A channel the node is not a member of at genesis: it holds the group without a
      // configuration until governance adds its member (ADR 0033).
      if (!ch.members().contains(identity.memberId())) {
        LOG.info(
            "{} is not a member of channel {} at genesis; it takes part once governance adds it",
            identity.memberId(),
            name);
      }
    }
    return c.channels();
  }

  /**
   * Opens a channel's store (block 0 written on first start), checks that it holds this chain and
   * channel, re-verifies it when the configuration asks, and makes its replica.
   */
  private static ChannelReplica openReplica(
      NodeConfig config,
      Identity identity,
      String channel,
      int raftPort,
      ContractRegistry contracts,
      ParallelSignatureChecker verifier) {
    Genesis genesis = identity.genesis();
    Path stateDir = stateDir(config.dataDir(), genesis, channel);
    RocksDbStore store = RocksDbStore.open(stateDir);
    try {
      ChainStore chain = new ChainStore(store);
      Optional<Genesis> stored = chain.genesis();
      if (stored.isEmpty()) {
        Block block0 = BlockExecutor.genesisBlock(genesis, channel);
        chain.initGenesis(genesis, block0, block0.header().stateRoot());
      } else if (!stored.get().chainId().equals(genesis.chainId())) {
        throw new IllegalStateException(
            "the stored chain "
                + stored.get().chainId()
                + " in "
                + stateDir
                + " is not the chain of the genesis document ("
                + genesis.chainId()
                + ")");
      } else if (!chain.channel().equals(channel)) {
        throw new IllegalStateException(
            stateDir + " holds channel " + chain.channel() + ", not " + channel);
      }
      ContractVersions.requireInstalled(genesis, store::get, contracts);
      if (config.verifyOnStart()) {
        ChainVerifier.Report report = ChainVerifier.verify(chain, contracts, verifier);
        if (!report.ok()) {
          throw new LedgerIntegrityException(report.height(), report.problem());
        }
      }
      return new ChannelReplica(
          config,
          identity.key(),
          genesis,
          identity.memberId(),
          channel,
          addresses(config, identity.memberId(), raftPort),
          stateDir,
          store,
          contracts,
          verifier);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Where a channel's store lives: {@code state/} for the genesis document's first channel (as for
   * the single-channel nodes before), {@code state-<channel>/} for every other.
   */
  static Path stateDir(Path dataDir, Genesis genesis, String channel) {
    return dataDir.resolve(channel.equals(genesis.channel()) ? "state" : "state-" + channel);
  }

  private static Set<RaftGroupId> groupIds(RaftServer server) {
    Set<RaftGroupId> ids = new HashSet<>();
    server.getGroupIds().forEach(ids::add);
    return ids;
  }

  private static void addGroup(RaftServer server, RaftGroup group) throws IOException {
    RaftClientReply reply =
        server.groupManagement(
            GroupManagementRequest.newAdd(ClientId.randomId(), server.getId(), 0, group, true));
    if (!reply.isSuccess()) {
      throw new IOException(
          "cannot add the Raft group " + group.getGroupId() + ": " + reply.getException());
    }
  }

  private static void closeAll(
      Map<String, ChannelReplica> replicas,
      @Nullable RaftServer server,
      ParallelSignatureChecker verifier) {
    for (ChannelReplica r : replicas.values()) {
      r.close();
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException e) {
        LOG.warn("closing the Raft server failed", e);
      }
    }
    for (ChannelReplica r : replicas.values()) {
      r.release();
    }
    verifier.close();
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
    RaftServerConfigKeys.Log.setWriteBufferSize(
        p, SizeInBytes.valueOf(config.logWriteBufferBytes()));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("24MB"));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    // Read-only requests sent with sendReadOnly are linearizable (ReadIndex): the read barrier of
    // ChannelLedger.sync. Forwarding uses sendReadOnlyNonLinearizable and is not affected.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
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
   * The Raft peer of every organisation the configuration gives an address for: this node at its
   * own, the others at theirs. The embedded default knows only itself.
   */
  private static Map<String, RaftPeer> addresses(NodeConfig config, String memberId, int raftPort) {
    Map<String, RaftPeer> peers = new LinkedHashMap<>();
    peers.put(memberId, peer(memberId, new NodeConfig.Peer(memberId, config.host(), raftPort)));
    NodeConfig.Consortium consortium = config.consortium();
    if (consortium != null) {
      for (NodeConfig.Peer p : consortium.peers()) {
        peers.putIfAbsent(p.memberId(), peer(p.memberId(), p));
      }
    }
    return peers;
  }

  private static RaftPeer peer(String id, NodeConfig.Peer p) {
    return RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(p.address()).build();
  }

  /** The node's signing key: it signs blocks and the transactions the application submits. */
  public KeyPair nodeKey() {
    return nodeKey;
  }

  /** This node's member id in the genesis document. */
  public String memberId() {
    return memberId;
  }

  /** The Raft (gRPC) port this node listens on, for every channel. */
  public int raftPort() {
    return raftPort;
  }

  /** Whether the node takes submissions on every channel it holds. */
  public boolean isServing() {
    return running && replicas.values().stream().allMatch(ChannelReplica::isServing);
  }

  /** Why a channel stopped serving, if one did. */
  public Optional<String> failure() {
    for (ChannelReplica r : replicas.values()) {
      Optional<String> f = r.failure();
      if (f.isPresent()) {
        return Optional.of("channel " + r.name() + ": " + f.get());
      }
    }
    return Optional.empty();
  }

  @Override
  public Genesis genesis() {
    return genesis;
  }

  @Override
  public LedgerStatus status() {
    List<ChannelStatus> channels = new ArrayList<>();
    for (ChannelReplica r : replicas.values()) {
      channels.add(r.status());
    }
    ChannelStatus d = channels.getFirst();
    return new LedgerStatus(
        memberId, d.channel(), d.height(), d.headHash(), d.stateRoot(), d.role(), channels);
  }

  @Override
  public Optional<ChannelLedger> channel(String name) {
    return Optional.ofNullable(replicas.get(name));
  }

  /** The channel's replica (tests). */
  ChannelReplica replica(String name) {
    ChannelReplica r = replicas.get(name);
    if (r == null) {
      throw new IllegalArgumentException("this node holds no channel " + name);
    }
    return r;
  }

  /** The first index still in this node's Raft log of the default channel (tests). */
  long raftLogStartIndex() throws IOException {
    return defaultReplica.raftLogStartIndex();
  }

  /** The Raft group of the default channel (tests). */
  RaftGroup raftGroup() {
    return defaultReplica.group();
  }

  /** Re-verifies this node's chain of the default channel from genesis (tests). */
  ChainVerifier.Report verifyChain() {
    return defaultReplica.verifyChain();
  }

  /** The index of the last entry in this node's Raft log of the default channel (tests). */
  long raftLogLastIndex() throws IOException {
    return defaultReplica.raftLogLastIndex();
  }

  /** How many snapshots this node installed from the leader since it started (tests). */
  long installedSnapshots() {
    return defaultReplica.installedSnapshots();
  }

  /** The Raft index of this node's latest snapshot of the default channel, or -1 (tests). */
  long latestSnapshotIndex() {
    return defaultReplica.latestSnapshotIndex();
  }

  @Override
  public Optional<Block> block(long height) {
    return defaultReplica.block(height);
  }

  @Override
  public Optional<TransactionRecord> transaction(Hash txId) {
    return defaultReplica.transaction(txId);
  }

  @Override
  public long nextNonce(PublicKey signer) {
    return defaultReplica.nextNonce(signer);
  }

  @Override
  public CompletableFuture<SubmitResult> submit(byte[] signedTransaction) {
    return submitAll(List.of(signedTransaction)).getFirst();
  }

  /**
   * Routes each transaction to the channel it names; each channel takes its share together ({@link
   * ChannelReplica#submitAll}), so a batch for one channel is usually ordered in one block.
   */
  @Override
  public List<CompletableFuture<SubmitResult>> submitAll(List<byte[]> signedTransactions) {
    Map<Integer, CompletableFuture<SubmitResult>> answers = new HashMap<>();
    Map<ChannelReplica, ChannelShare> shares = new LinkedHashMap<>();
    for (int i = 0; i < signedTransactions.size(); i++) {
      byte[] bytes = signedTransactions.get(i);
      Hash id = Hash.sha256(bytes);
      SignedTransaction tx;
      try {
        tx = SignedTransaction.decode(bytes);
      } catch (EncodingException e) {
        answers.put(i, refused(id, ValidationCode.MALFORMED, String.valueOf(e.getMessage())));
        continue;
      }
      ChannelReplica r = replicas.get(tx.body().channel());
      if (r == null) {
        answers.put(
            i,
            refused(
                id,
                ValidationCode.WRONG_CHANNEL,
                "this node does not hold channel " + tx.body().channel()));
        continue;
      }
      shares.computeIfAbsent(r, k -> new ChannelShare()).add(i, id, tx);
    }
    shares.forEach(
        (replica, share) -> {
          List<CompletableFuture<SubmitResult>> got = replica.submitAll(share.ids, share.txs);
          for (int j = 0; j < got.size(); j++) {
            answers.put(share.positions.get(j), got.get(j));
          }
        });
    List<CompletableFuture<SubmitResult>> inOrder = new ArrayList<>(answers.size());
    for (int i = 0; i < signedTransactions.size(); i++) {
      inOrder.add(Objects.requireNonNull(answers.get(i)));
    }
    return inOrder;
  }

  /** The transactions of one batch that name one channel, with their places in the batch. */
  private static final class ChannelShare {
    final List<Integer> positions = new ArrayList<>();
    final List<Hash> ids = new ArrayList<>();
    final List<SignedTransaction> txs = new ArrayList<>();

    void add(int position, Hash id, SignedTransaction tx) {
      positions.add(position);
      ids.add(id);
      txs.add(tx);
    }
  }

  private static CompletableFuture<SubmitResult> refused(
      Hash id, ValidationCode code, String message) {
    return CompletableFuture.completedFuture(new SubmitResult.Refused(id, code, message));
  }

  @Override
  public long sync() {
    return defaultReplica.sync();
  }

  @Override
  public Subscription subscribe(long fromHeight, Consumer<Block> listener) {
    return defaultReplica.subscribe(fromHeight, listener);
  }

  @Override
  public void close() {
    if (!running) {
      return;
    }
    running = false;
    closeAll(replicas, server, verifier);
  }
}
