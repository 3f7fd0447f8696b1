package org.trademap.ledger.core.node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.node.ChannelIntegrity;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.exec.ChannelMembership;

/**
 * Signed checkpoints of one channel (ADR 0029): at every height divisible by {@link
 * NodeConfig.Checkpointing#everyBlocks()} each member's node signs its head (chain, channel,
 * height, block hash, state root) with its node key. A node asks every other member of the channel
 * for its checkpoints (a Ratis stale read addressed to that peer, answered by {@link #answer}),
 * right after it applied a block at a checkpoint height and otherwise every {@link
 * NodeConfig.Checkpointing#interval()}; it checks each answer against the genesis document and
 * counts the heads per height ({@link CheckpointTally}).
 *
 * <p>If more than half of the channel's members signed a head at height h other than this node's
 * own block at h, this node raises an alert and stops serving the channel, naming h. If this node
 * is with the majority, a member that signed another head is noted as a dissent (log and status);
 * this node keeps serving. Heights above this node's head are not compared, so a node that lags
 * behind never alerts; a peer answers only for heights it has.
 *
 * <p>The node is told to stop serving again every interval after that, so that it can hand on the
 * leadership of the channel if it gets it later.
 *
 * <p>Each comparison covers the latest {@link #RECENT} checkpoint heights and, after a start, up to
 * {@link #AUDIT_BATCH} older ones, from the first checkpoint upwards until the whole stored history
 * was compared once.
 *
 * <p>Rounds repeat the same heights until the next checkpoint height, so signatures are not redone:
 * this node's statement at a height is signed once per view (Ed25519 is deterministic, the bytes
 * are the same), and a peer's checkpoint whose signature verified is not verified again while it
 * comes back unchanged (ADR 0037). The stored blocks are still read and compared every round, and
 * the membership of the signer is checked every time.
 */
final class Checkpoints implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);

  /** The first byte of a checkpoint request. */
  static final int TAG = Forwarding.TAG_CHECKPOINT;

  /** How many of the latest checkpoint heights every comparison covers. */
  static final int RECENT = 4;

  /** How many older checkpoint heights one comparison audits after a start. */
  static final int AUDIT_BATCH = 32;

  static final int MAX_HEIGHTS = RECENT + AUDIT_BATCH;

  /** How many signed and verified checkpoints are kept before the memory starts afresh. */
  static final int MEMO_LIMIT = 4 * MAX_HEIGHTS;

  /** How long one comparison waits for the peers' answers. */
  private static final long ANSWER_MILLIS = 5_000;

  /** Asks one peer (by member id) and completes with its answer's bytes. */
  interface Transport {
    CompletableFuture<byte[]> ask(String member, byte[] request);
  }

  private final Genesis genesis;
  private final String self;
  private final KeyPair key;
  private final ChainStore chain;
  private final NodeConfig.Checkpointing policy;
  private final Transport transport;
  private final Consumer<String> stopServing;
  private final String channel;
  private final Map<String, Long> dissents = new ConcurrentHashMap<>();
  private final Map<Long, Checkpoint> signed = new ConcurrentHashMap<>();
  private final Set<Checkpoint> verified = ConcurrentHashMap.newKeySet();
  private final Object wake = new Object();
  private final Thread thread;
  private boolean due = true;
  private long auditFrom;
  private volatile long agreedHeight;
  private volatile @Nullable Long divergedAt;
  private volatile @Nullable String divergence;
  private volatile boolean open = true;

  /**
   * @param stopServing told, with the reason, when a majority signed another head, and again every
   *     interval after that
   */
  Checkpoints(
      Genesis genesis,
      String self,
      KeyPair key,
      ChainStore chain,
      NodeConfig.Checkpointing policy,
      Transport transport,
      Consumer<String> stopServing) {
    this.genesis = genesis;
    this.self = self;
    this.key = key;
    this.chain = chain;
    this.policy = policy;
    this.transport = transport;
    this.stopServing = stopServing;
    this.channel = chain.channel();
    this.auditFrom = policy.everyBlocks();
    this.thread =
        Thread.ofPlatform().name("ledger-checkpoints-" + channel).daemon().unstarted(this::run);
  }

  /**
   * Starts comparing. A channel that has one member has no one to compare with, unless governance
   * adds one: a channel of one member at genesis on a node without peers (the embedded default)
   * never gets a thread.
   */
  void start(boolean mayGrow) {
    if (mayGrow || members().size() > 1) {
      thread.start();
    }
  }

  /** The channel's members now (committed state, ADR 0033). */
  private List<String> members() {
    return ChannelMembership.members(genesis, chain.store()::get, channel).members();
  }

  /** After a block was applied: at a checkpoint height, compare now. */
  void applied(long height) {
    if (height % policy.everyBlocks() == 0) {
      synchronized (wake) {
        due = true;
        wake.notifyAll();
      }
    }
  }

  ChannelIntegrity integrity() {
    List<ChannelIntegrity.Dissent> list = new ArrayList<>();
    new TreeMap<>(dissents).forEach((m, h) -> list.add(new ChannelIntegrity.Dissent(m, h)));
    return new ChannelIntegrity(agreedHeight, divergedAt, list);
  }

  private void run() {
    while (open) {
      try {
        synchronized (wake) {
          if (!due) {
            wake.wait(policy.interval().toMillis());
          }
          due = false;
        }
        String reason = divergence;
        if (!open) {
          return;
        } else if (reason != null) {
          // Said again every interval: the node may have become the channel's leader meanwhile,
          // which a node that stopped serving must hand on.
          stopServing.accept(reason);
        } else {
          compare();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (open) {
          LOG.warn("comparing checkpoints failed; trying again later: {}", e.toString());
        }
      }
    }
  }

  /** One comparison with every peer that answers in time. */
  void compare() throws InterruptedException {
    long head = chain.requireHead().height();
    List<Long> heights = heightsToCompare(head, policy.everyBlocks(), auditFrom);
    if (heights.isEmpty()) {
      return;
    }
    List<String> members = members();
    List<String> peers = members.stream().filter(m -> !m.equals(self)).toList();
    if (peers.isEmpty() || !members.contains(self)) {
      return; // no one to compare with, or this node is not (or no longer) a member
    }
    byte[] request = request(genesis.chainId(), channel, heights);
    Map<String, CompletableFuture<byte[]>> asked = new HashMap<>();
    for (String peer : peers) {
      try {
        asked.put(peer, transport.ask(peer, request));
      } catch (RuntimeException e) {
        asked.put(peer, CompletableFuture.failedFuture(e));
      }
    }
    Map<Long, Map<String, Checkpoint.View>> views = new HashMap<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS);
    for (Map.Entry<String, CompletableFuture<byte[]>> a : asked.entrySet()) {
      byte[] answer;
      try {
        answer = a.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException | TimeoutException e) {
        LOG.debug("no checkpoints from {} this time: {}", a.getKey(), e.toString());
        continue;
      }
      for (Checkpoint c : accepted(a.getKey(), answer, heights, members)) {
        views.computeIfAbsent(c.height(), h -> new HashMap<>()).put(c.member(), c.view());
      }
    }
    judge(heights, views, members.size());
  }

  private void judge(
      List<Long> heights, Map<Long, Map<String, Checkpoint.View>> views, int channelMembers) {
    for (long h : heights) {
      Optional<Checkpoint.View> own = ownView(h);
      if (own.isEmpty()) {
        continue;
      }
      CheckpointTally.Verdict verdict =
          CheckpointTally.judge(h, own.get(), views.getOrDefault(h, Map.of()), channelMembers);
      switch (verdict) {
        case CheckpointTally.Verdict.Agreed a -> {
          agreedHeight = Math.max(agreedHeight, h);
          if (h == auditFrom) {
            auditFrom = h + policy.everyBlocks();
          }
          for (String m : a.dissenters()) {
            noteDissent(m, h);
          }
        }
        case CheckpointTally.Verdict.Diverged d -> {
          diverge(d, channelMembers);
          return;
        }
        case CheckpointTally.Verdict.Undecided u -> {}
      }
    }
  }

  private void noteDissent(String member, long height) {
    Long before = dissents.putIfAbsent(member, height);
    if (before == null) {
      LOG.warn(
          "channel {}: member {} signed a head at height {} other than the majority's",
          channel,
          member,
          height);
    } else if (height < before) {
      dissents.put(member, height);
    }
  }

  private void diverge(CheckpointTally.Verdict.Diverged d, int channelMembers) {
    divergedAt = d.height();
    String reason =
        "diverged at height "
            + d.height()
            + ": "
            + d.signers()
            + " of "
            + channelMembers
            + " members signed a head other than this node's";
    LOG.error("ALERT channel {}: this node {}; it stops serving the channel", channel, reason);
    divergence = reason;
    stopServing.accept(reason);
  }

  /** The peer's checkpoints that are valid statements of its own at the heights asked for. */
  private List<Checkpoint> accepted(
      String peer, byte[] answer, List<Long> asked, List<String> members) {
    List<Checkpoint> parsed;
    try {
      parsed = parseAnswer(answer);
    } catch (EncodingException | IllegalArgumentException e) {
      LOG.warn("member {} answered with malformed checkpoints; ignored: {}", peer, e.getMessage());
      return List.of();
    }
    List<Checkpoint> ok = new ArrayList<>();
    for (Checkpoint c : parsed) {
      if (!asked.contains(c.height())) {
        continue;
      }
      // The same statement from the same member verified before: its chain, channel, member and
      // signature are the ones checked then; membership can change and is checked again.
      Optional<String> problem =
          verified.contains(c) && c.member().equals(peer) && members.contains(peer)
              ? Optional.empty()
              : c.problem(genesis, channel, peer, members);
      if (problem.isPresent()) {
        LOG.warn(
            "ignored the checkpoint at height {} from member {}: {}",
            c.height(),
            peer,
            problem.get());
        continue;
      }
      remember(verified, c);
      ok.add(c);
    }
    return ok;
  }

  private static void remember(Set<Checkpoint> memo, Checkpoint c) {
    if (memo.size() >= MEMO_LIMIT) {
      memo.clear();
    }
    memo.add(c);
  }

  /** This node's signed statement of {@code view} at {@code height}, signed once per view. */
  private Checkpoint signed(Hash chainId, long height, Checkpoint.View view) {
    Checkpoint c = signed.get(height);
    if (c != null && c.view().equals(view) && c.chainId().equals(chainId)) {
      return c;
    }
    c = Checkpoint.sign(chainId, channel, height, view, self, key);
    if (signed.size() >= MEMO_LIMIT) {
      signed.clear();
    }
    signed.put(height, c);
    return c;
  }

  /**
   * This node's head at {@code height} as its store holds it: the block's hash and state root. A
   * stored block that does not decode, or is not of that height, yields a view no honest member
   * signs; above the head there is none.
   */
  Optional<Checkpoint.View> ownView(long height) {
    byte[] raw = chain.blockBytes(height);
    if (raw == null) {
      return Optional.empty();
    }
    try {
      Block b = Block.decode(raw);
      if (b.height() == height) {
        return Optional.of(new Checkpoint.View(b.hash(), b.header().stateRoot()));
      }
    } catch (EncodingException | IllegalArgumentException e) {
      // unreadable: compared like any other differing head
    }
    Hash damaged = Hash.sha256(raw);
    return Optional.of(new Checkpoint.View(damaged, damaged));
  }

  /** A peer's request: this node's signed checkpoints at the requested heights it has. */
  byte[] answer(byte[] request) {
    CanonicalReader r = new CanonicalReader(request);
    if (r.u8("checkpoint tag") != TAG) {
      throw new EncodingException("not a checkpoint request");
    }
    Hash chainId = new Hash(r.fixed(Hash.SIZE, "chain id"));
    String asked = r.string(64, "channel");
    int n = r.count(MAX_HEIGHTS, "checkpoint heights");
    List<Long> heights = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      heights.add(r.i64("checkpoint height"));
    }
    r.end();
    List<Checkpoint> out = new ArrayList<>();
    if (chainId.equals(genesis.chainId()) && asked.equals(channel)) {
      long head = chain.requireHead().height();
      for (long h : new TreeSet<>(heights)) {
        if (h >= 1 && h <= head) {
          ownView(h).ifPresent(v -> out.add(signed(chainId, h, v)));
        }
      }
    }
    CanonicalWriter w = new CanonicalWriter().i32(out.size());
    out.forEach(c -> c.write(w));
    return w.toByteArray();
  }

  /** Whether a read-only request is a checkpoint request (else: forwarded transactions). */
  static boolean isRequest(byte[] request) {
    return request.length > 0 && request[0] == TAG;
  }

  static byte[] request(Hash chainId, String channel, List<Long> heights) {
    CanonicalWriter w =
        new CanonicalWriter().u8(TAG).fixed(chainId.bytes()).string(channel).i32(heights.size());
    heights.forEach(w::i64);
    return w.toByteArray();
  }

  static List<Checkpoint> parseAnswer(byte[] answer) {
    CanonicalReader r = new CanonicalReader(answer);
    int n = r.count(MAX_HEIGHTS, "checkpoints");
    List<Checkpoint> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Checkpoint.read(r));
    }
    r.end();
    return out;
  }

  /**
   * The checkpoint heights one comparison covers, ascending: up to {@link #AUDIT_BATCH} from {@code
   * auditFrom} on, and the latest {@link #RECENT} at or below {@code head}.
   */
  static List<Long> heightsToCompare(long head, long every, long auditFrom) {
    TreeSet<Long> heights = new TreeSet<>();
    long last = head - head % every;
    for (int i = 0; i < RECENT && last - i * every >= every; i++) {
      heights.add(last - i * every);
    }
    long from = Math.max(every, auditFrom - auditFrom % every);
    for (int i = 0; i < AUDIT_BATCH && from + i * every <= last; i++) {
      heights.add(from + i * every);
    }
    return List.copyOf(heights);
  }

  @Override
  public void close() {
    open = false;
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
