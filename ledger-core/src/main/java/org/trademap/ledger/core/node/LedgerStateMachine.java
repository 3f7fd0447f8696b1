package org.trademap.ledger.core.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.core.chain.ChainStore;

/**
 * The Ratis state machine, in the shape of Ratis' own examples: {@link #startTransaction} validates
 * a block proposal on the leader, {@link #applyTransaction} applies entries in log order through
 * {@link BlockApplier}, {@link #takeSnapshot} writes a RocksDB checkpoint with a SHA-256 manifest,
 * {@link #reinitialize} loads a snapshot the leader installed, {@link #query} takes transactions
 * forwarded by followers. It only decodes, delegates and records progress.
 */
final class LedgerStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(LedgerStateMachine.class);
  private static final String MANIFEST = "MANIFEST.sha256";
  private static final String RATIS_DIGEST = ".md5";

  /** What the state machine needs from its node. */
  interface Host {
    /** Told about every applied entry, on the apply thread. */
    void applied(BlockApplier.Applied outcome, Block proposal);

    /** Answers a read-only request (forwarded transactions); must not block the caller. */
    CompletableFuture<Message> query(Message request);

    /**
     * Replaces the state by a snapshot's (installed from the leader, or ahead of the state after a
     * crash), after checking it.
     *
     * @param snapshot the snapshot directory, its manifest already checked
     * @param index the Raft index it was taken at
     * @param fromLeader whether Ratis received it from the leader (else it is this node's own)
     */
    void installSnapshot(Path snapshot, long index, boolean fromLeader) throws IOException;
  }

  private final ChainStore chain;
  private final BlockApplier applier;
  private final Host host;
  private @Nullable Path snapshotDir;
  private volatile @Nullable FileListSnapshotInfo latestSnapshot;
  private volatile @Nullable Path latestSnapshotPath;

  LedgerStateMachine(ChainStore chain, BlockApplier applier, Host host) {
    this.chain = chain;
    this.applier = applier;
    this.host = host;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage)
      throws IOException {
    super.initialize(server, groupId, storage);
    Path dir = storage.getStorageDir().getStateMachineDir().toPath();
    Files.createDirectories(dir);
    snapshotDir = dir;
    getLifeCycle().startAndTransition(() -> load(dir, false), IOException.class);
  }

  /** Loads the latest valid snapshot and, if it is ahead of the state, installs it. */
  private void load(Path dir, boolean fromLeader) throws IOException {
    loadLatestSnapshot(dir);
    FileListSnapshotInfo snapshot = latestSnapshot;
    Path path = latestSnapshotPath;
    if (snapshot != null && path != null && snapshot.getIndex() > chain.applied().index()) {
      host.installSnapshot(path, snapshot.getIndex(), fromLeader);
    }
    ChainStore.Applied applied = chain.applied();
    if (applied.index() >= 0) {
      updateLastAppliedTermIndex(applied.term(), applied.index());
    }
  }

  @Override
  public void pause() {
    getLifeCycle().transition(LifeCycle.State.PAUSING);
    getLifeCycle().transition(LifeCycle.State.PAUSED);
  }

  /** Ratis calls this after it installed a snapshot from the leader into the state machine dir. */
  @Override
  public void reinitialize() throws IOException {
    Path dir = snapshotDir;
    if (dir == null) {
      throw new IOException("the state machine was not initialized");
    }
    load(dir, true);
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    return host.query(request);
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    ByteString content = request.getMessage().getContent();
    TransactionContext.Builder b =
        TransactionContext.newBuilder()
            .setStateMachine(this)
            .setClientRequest(request)
            .setLogData(content);
    try {
      Block block = Block.decode(content.toByteArray());
      if (!block.verifyProposerSignature()) {
        TransactionContext ctx = b.build();
        ctx.setException(new IOException("the block proposal's signature does not verify"));
        return ctx;
      }
      return b.setStateMachineContext(block).build();
    } catch (EncodingException e) {
      TransactionContext ctx = b.build();
      ctx.setException(new IOException("the block proposal is not canonical: " + e.getMessage()));
      return ctx;
    }
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long term = entry.getTerm();
    long index = entry.getIndex();
    if (index <= chain.applied().index()) {
      // Ratis replays its log from the last snapshot; the store is already past this entry.
      advanceLastApplied(term, index);
      return CompletableFuture.completedFuture(Message.valueOf("already-applied"));
    }
    Block block;
    Object ctx = trx.getStateMachineContext();
    try {
      block =
          ctx instanceof Block b
              ? b
              : Block.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (EncodingException e) {
      chain.markApplied(term, index);
      updateLastAppliedTermIndex(term, index);
      return CompletableFuture.completedFuture(Message.valueOf("skipped: not a canonical block"));
    }
    BlockApplier.Applied outcome = applier.apply(block, term, index);
    if (outcome instanceof BlockApplier.Applied.Stopped stopped) {
      host.applied(outcome, block);
      // Ratis stops its state machine updater (and this Raft server) on an exception from here:
      // the entry stays unapplied, and a restart with the contract installed applies it.
      throw new IllegalStateException(
          "stopped applying at height " + stopped.height() + ": " + stopped.reason());
    }
    updateLastAppliedTermIndex(term, index);
    host.applied(outcome, block);
    String reply =
        switch (outcome) {
          case BlockApplier.Applied.Committed c -> "committed " + c.block().height();
          case BlockApplier.Applied.Skipped s -> "skipped: " + s.reason();
          case BlockApplier.Applied.Diverged d -> "diverged: " + d.reason();
          case BlockApplier.Applied.Stopped x -> "stopped: " + x.reason();
        };
    return CompletableFuture.completedFuture(Message.valueOf(reply));
  }

  /**
   * Ratis reports entries without state machine data (configuration, leader no-ops) here, also
   * while it replays its log after a restart, when the store is already further along.
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    advanceLastApplied(term, index);
  }

  /** Moves the last applied position forward only: a replayed entry never takes it back. */
  private void advanceLastApplied(long term, long index) {
    TermIndex last = getLastAppliedTermIndex();
    if (last == null || index > last.getIndex()) {
      updateLastAppliedTermIndex(term, index);
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    Path dir = snapshotDir;
    if (last == null || last.getIndex() < 0 || dir == null) {
      return -1;
    }
    Path target = dir.resolve("snapshot." + last.getTerm() + "_" + last.getIndex());
    if (Files.exists(target)) {
      return last.getIndex();
    }
    if (chain.applied().index() < last.getIndex()) {
      // The entries after the last block carried no state (leader no-ops, configurations): record
      // them, so the checkpoint says which Raft index it holds.
      chain.markApplied(last.getTerm(), last.getIndex());
    }
    chain.store().flush();
    Path tmp = dir.resolve("tmp-snapshot." + last.getTerm() + "_" + last.getIndex());
    deleteTree(tmp);
    chain.store().checkpoint(tmp);
    writeManifest(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    latestSnapshot = info(target, last.getTerm(), last.getIndex());
    latestSnapshotPath = target;
    pruneSnapshots(dir, target);
    LOG.info("snapshot taken at index {}", last.getIndex());
    return last.getIndex();
  }

  @Override
  public @Nullable SnapshotInfo getLatestSnapshot() {
    return latestSnapshot;
  }

  private static void writeManifest(Path snapshot) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (Path f : files(snapshot)) {
      sb.append(sha256(f)).append("  ").append(snapshot.relativize(f)).append('\n');
    }
    Files.writeString(snapshot.resolve(MANIFEST), sb.toString(), StandardCharsets.UTF_8);
  }

  /** Whether every file listed in the manifest is present with its checksum. */
  static boolean manifestValid(Path snapshot) {
    try {
      List<String> lines = Files.readAllLines(snapshot.resolve(MANIFEST), StandardCharsets.UTF_8);
      if (lines.isEmpty()) {
        return false;
      }
      for (String line : lines) {
        int sep = line.indexOf("  ");
        if (sep != 64) {
          return false;
        }
        Path f = snapshot.resolve(line.substring(sep + 2));
        if (!Files.isRegularFile(f) || !sha256(f).equals(line.substring(0, sep))) {
          return false;
        }
      }
      return true;
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private void loadLatestSnapshot(Path dir) throws IOException {
    List<Path> snapshots = snapshotDirs(dir);
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      Path s = snapshots.get(i);
      long[] ti = termIndex(s);
      if (manifestValid(s)) {
        latestSnapshot = info(s, ti[0], ti[1]);
        latestSnapshotPath = s;
        return;
      }
      LOG.warn("ignoring snapshot {}: its checksum manifest does not match", s.getFileName());
    }
    latestSnapshot = null;
    latestSnapshotPath = null;
  }

  /** The files Ratis sends a follower that installs the snapshot: the data and the manifest. */
  private static FileListSnapshotInfo info(Path snapshot, long term, long index)
      throws IOException {
    List<FileInfo> infos = new ArrayList<>();
    for (Path f : files(snapshot)) {
      infos.add(new FileInfo(f, null));
    }
    infos.add(new FileInfo(snapshot.resolve(MANIFEST), null));
    return new FileListSnapshotInfo(infos, term, index);
  }

  private static List<Path> snapshotDirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
          .sorted(Comparator.comparingLong(p -> termIndex(p)[1]))
          .toList();
    }
  }

  private static long[] termIndex(Path snapshot) {
    String name = snapshot.getFileName().toString().substring("snapshot.".length());
    int sep = name.indexOf('_');
    return new long[] {
      Long.parseLong(name.substring(0, sep)), Long.parseLong(name.substring(sep + 1))
    };
  }

  private static void pruneSnapshots(Path dir, Path keep) throws IOException {
    List<Path> all = snapshotDirs(dir);
    for (int i = 0; i < all.size() - 2; i++) {
      if (!all.get(i).equals(keep)) {
        deleteTree(all.get(i));
      }
    }
  }

  /**
   * The data files of a snapshot: not the manifest, and not the MD5 files Ratis writes next to the
   * files of an installed snapshot.
   */
  static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(MANIFEST))
          .filter(p -> !p.getFileName().toString().endsWith(RATIS_DIGEST))
          .sorted()
          .toList();
    }
  }

  private static String sha256(Path f) throws IOException {
    var md = Hash.digest();
    try (var in = Files.newInputStream(f)) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
