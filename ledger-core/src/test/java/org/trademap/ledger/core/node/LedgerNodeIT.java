package org.trademap.ledger.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.LedgerStatus;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractRegistry;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.Txs;

/** A single-node ledger on a real Ratis server (gRPC on loopback) and RocksDB on disk. */
class LedgerNodeIT {
  @TempDir Path dir;
  LedgerNode node;

  static ContractRegistry contracts() {
    return new ContractRegistry(List.of(new NotesContract(1)), c -> {});
  }

  @BeforeEach
  void start() {
    node = LedgerNode.start(NodeConfig.embedded(dir), contracts());
  }

  @AfterEach
  void stop() {
    node.close();
  }

  SubmitResult submit(SignedTransaction tx) throws Exception {
    return node.submit(tx.encode()).get(30, TimeUnit.SECONDS);
  }

  Txs tx() {
    return Txs.on(node.genesis(), System.currentTimeMillis())
        .nonce(node.nextNonce(node.nodeKey().publicKey()));
  }

  @Test
  void commitsASignedTransactionInANewBlock() throws Exception {
    var r = submit(tx().put("a", "1").signedBy(node.nodeKey()));
    assertThat(r).isInstanceOf(SubmitResult.Committed.class);
    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    LedgerStatus status = node.status();
    assertThat(status.height()).isEqualTo(1);
    assertThat(status.role()).isEqualTo("leader");
    assertThat(status.nodeId()).isEqualTo("consortium");
    var rec = node.transaction(r.txId()).orElseThrow();
    assertThat(rec.height()).isEqualTo(1);
    assertThat(rec.receipt().events())
        .singleElement()
        .satisfies(e -> assertThat(e.name()).isEqualTo("noted"));
    Block b = node.block(1).orElseThrow();
    assertThat(b.verifyProposerSignature()).isTrue();
    assertThat(b.header().proposer()).isEqualTo(node.nodeKey().publicKey());
    assertThat(b.header().previousHash()).isEqualTo(node.block(0).orElseThrow().hash());
    assertThat(node.block(2)).isEmpty();
  }

  @Test
  void createsKeyAndGenesisOnFirstStartAndReusesThem() throws Exception {
    assertThat(dir.resolve("node.key")).exists();
    assertThat(dir.resolve("genesis.json")).exists();
    assertThat(Files.getPosixFilePermissions(dir.resolve("node.key")).toString())
        .isEqualTo("[OWNER_READ, OWNER_WRITE]");
    Hash chain = node.genesis().chainId();
    var key = node.nodeKey().publicKey();
    node.close();
    node = LedgerNode.start(NodeConfig.embedded(dir), contracts());
    assertThat(node.genesis().chainId()).isEqualTo(chain);
    assertThat(node.nodeKey().publicKey()).isEqualTo(key);
  }

  @Test
  void aNewDataDirectoryIsAOneMemberConsortiumWithATlsCertificate() {
    var genesis = node.genesis();
    assertThat(genesis.format()).isEqualTo(org.trademap.ledger.api.node.Genesis.FORMAT);
    assertThat(genesis.members())
        .singleElement()
        .satisfies(m -> assertThat(m.tlsCertificate()).isNotNull());
    assertThat(genesis.channels())
        .singleElement()
        .satisfies(c -> assertThat(c.name()).isEqualTo("kyc"));
    assertThat(genesis.policies()).containsKey(org.trademap.ledger.api.node.Genesis.GOVERNANCE);
    assertThat(dir.resolve("tls.crt")).exists();
    assertThat(dir.resolve("tls.key")).exists();
  }

  @Test
  void aDataDirectoryOfTheFirstSingleNodeLedgersStillStartsWithItsChainId() throws Exception {
    node.close();
    Path old = dir.resolve("format-1");
    KeyPair key = NodeFiles.writeNewKey(old.resolve(NodeFiles.KEY_FILE));
    var genesis =
        org.trademap.ledger.core.testing.TestChain.genesis(key, contracts().latestVersions());
    java.nio.file.Files.createDirectories(old);
    NodeFiles.writeGenesis(old.resolve(NodeFiles.GENESIS_FILE), genesis);
    assertThat(java.nio.file.Files.readString(old.resolve(NodeFiles.GENESIS_FILE)))
        .contains("\"format\" : 1", "\"channel\" : \"kyc\"");

    node = LedgerNode.start(NodeConfig.embedded(old), contracts());

    assertThat(node.genesis().format())
        .isEqualTo(org.trademap.ledger.api.node.Genesis.FORMAT_SINGLE_CHANNEL);
    assertThat(node.genesis().chainId()).isEqualTo(genesis.chainId());
    assertThat(old.resolve("tls.crt")).doesNotExist();
    assertThat(submit(tx().put("old", "dir").signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.OK);
    assertThat(node.status().role()).isEqualTo("leader");
  }

  @Test
  void refusesReplaysWithStableCodes() throws Exception {
    SignedTransaction first = tx().put("a", "1").signedBy(node.nodeKey());
    assertThat(submit(first).code()).isEqualTo(ValidationCode.OK);
    // the very same bytes again
    assertThat(submit(first).code()).isEqualTo(ValidationCode.DUPLICATE);
    assertThat(submit(first)).isInstanceOf(SubmitResult.Refused.class);
    // same nonce, different content
    long used = first.body().nonce();
    assertThat(submit(tx().put("b", "2").nonce(used).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.NONCE_REUSED);
    // another channel, another chain
    assertThat(submit(tx().channel("other").signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.WRONG_CHANNEL);
    assertThat(submit(tx().chain(Hash.sha256(new byte[] {1})).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.WRONG_CHAIN);
    // outside the time window, both ways
    long now = System.currentTimeMillis();
    long window = BlockExecutor.TIME_WINDOW_MILLIS;
    assertThat(submit(tx().time(now - window - 60_000).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
    assertThat(submit(tx().time(now + window + 60_000).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.TIMESTAMP_OUT_OF_WINDOW);
    // a stranger's key
    KeyPair stranger = KeyPair.generate(new SecureRandom());
    assertThat(submit(tx().nonce(1).signedBy(stranger)).code())
        .isEqualTo(ValidationCode.UNKNOWN_SIGNER);
    // a flipped signature bit
    SignedTransaction good = tx().put("c", "3").signedBy(node.nodeKey());
    byte[] sig = good.signature().bytes();
    sig[5] ^= 1;
    var forged = new SignedTransaction(good.body(), new Signature(sig));
    assertThat(submit(forged).code()).isEqualTo(ValidationCode.BAD_SIGNATURE);
    // unknown contract, wrong version
    assertThat(submit(tx().contract("nope", 1).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.UNKNOWN_CONTRACT);
    assertThat(submit(tx().contract(NotesContract.ID, 2).signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.WRONG_CONTRACT_VERSION);
    // bytes that are not a transaction
    assertThat(node.submit(new byte[] {1, 2, 3}).get().code()).isEqualTo(ValidationCode.MALFORMED);
    // none of these changed the chain
    assertThat(node.status().height()).isEqualTo(1);
  }

  @Test
  void recordsContractRejectionsInTheBlockAndConsumesTheNonce() throws Exception {
    var r = submit(tx().method("reject").signedBy(node.nodeKey()));
    assertThat(r).isInstanceOf(SubmitResult.Committed.class);
    assertThat(r.code()).isEqualTo(ValidationCode.CONTRACT_REJECTED);
    var receipt = ((SubmitResult.Committed) r).receipt();
    assertThat(receipt.reason()).isEqualTo("notes.always");
    assertThat(receipt.message()).isEqualTo("This method always rejects.");
    assertThat(node.nextNonce(node.nodeKey().publicKey())).isEqualTo(2);
  }

  /** 200 transactions of the node's key with the nonces from {@code base} on, in nonce order. */
  List<SignedTransaction> twoHundredFrom(long base) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      txs.add(tx().put("k" + i, "v").nonce(base + i).signedBy(node.nodeKey()));
    }
    return txs;
  }

  /** Submits all without waiting in between, then requires every one committed and accepted. */
  void submitPipelinedAndRequireAllAccepted(List<SignedTransaction> txs) throws Exception {
    List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
    for (SignedTransaction t : txs) {
      futures.add(node.submit(t.encode()));
    }
    for (var f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS).code()).isEqualTo(ValidationCode.OK);
    }
  }

  @Test
  void ordersABatchForOneChannelInOneBlockWithItsRefusalsInPlace() throws Exception {
    List<SignedTransaction> txs = twoHundredFrom(node.nextNonce(node.nodeKey().publicKey()));
    List<byte[]> batch = new ArrayList<>();
    txs.forEach(t -> batch.add(t.encode()));
    batch.add(3, new byte[] {1, 2, 3});
    batch.add(7, txs.get(0).encode());

    List<CompletableFuture<SubmitResult>> answers = node.submitAll(batch);

    assertThat(answers).hasSize(202);
    assertThat(answers.get(3).get(30, TimeUnit.SECONDS).code()).isEqualTo(ValidationCode.MALFORMED);
    List<Long> heights = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      if (i == 3) {
        continue;
      }
      SubmitResult r = answers.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.code()).as("transaction %d", i).isEqualTo(ValidationCode.OK);
      heights.add(((SubmitResult.Committed) r).height());
    }
    // the copy at 7 is answered with the first copy's outcome: one block holds all 200
    assertThat(heights).containsOnly(1L);
    assertThat(node.block(1).orElseThrow().transactions()).hasSize(200);
  }

  @Test
  void commitsOneSignersPipelinedSubmissionsInNonceOrder() throws Exception {
    submitPipelinedAndRequireAllAccepted(
        twoHundredFrom(node.nextNonce(node.nodeKey().publicKey())));
  }

  @Test
  void commitsOneSignersSubmissionsArrivingInReverseNonceOrderAndRefusesReuse() throws Exception {
    long base = node.nextNonce(node.nodeKey().publicKey());

    submitPipelinedAndRequireAllAccepted(twoHundredFrom(base).reversed());

    assertThat(node.nextNonce(node.nodeKey().publicKey())).isEqualTo(base + 200);
    var reuse = submit(tx().put("again", "v").nonce(base + 7).signedBy(node.nodeKey()));
    assertThat(reuse.code()).isEqualTo(ValidationCode.NONCE_REUSED);
  }

  @Test
  void resumesExactlyAfterRestart() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(submit(tx().put("r" + i, "v").signedBy(node.nodeKey())).code())
          .isEqualTo(ValidationCode.OK);
    }
    LedgerStatus before = node.status();
    node.close();
    node = LedgerNode.start(NodeConfig.embedded(dir), contracts());
    LedgerStatus after = node.status();
    assertThat(after.height()).isEqualTo(before.height());
    assertThat(after.headHash()).isEqualTo(before.headHash());
    assertThat(after.stateRoot()).isEqualTo(before.stateRoot());
    var r = submit(tx().put("after", "restart").signedBy(node.nodeKey()));
    assertThat(r.code()).isEqualTo(ValidationCode.OK);
    assertThat(node.status().height()).isEqualTo(before.height() + 1);
  }

  @Test
  void takesSnapshotsWithChecksumsAndRestartsAfterTheLogIsPurged() throws Exception {
    node.close();
    Path other = dir.resolve("snap");
    node = LedgerNode.start(NodeConfig.embedded(other).withSnapshotEveryBlocks(3), contracts());
    for (int i = 0; i < 10; i++) {
      assertThat(submit(tx().put("s" + i, "v").signedBy(node.nodeKey())).code())
          .isEqualTo(ValidationCode.OK);
    }
    LedgerStatus before = node.status();
    node.close();
    List<Path> snapshots;
    try (Stream<Path> s = Files.walk(other.resolve("raft"))) {
      snapshots = s.filter(p -> p.getFileName().toString().startsWith("snapshot.")).toList();
    }
    assertThat(snapshots).isNotEmpty();
    assertThat(snapshots).allSatisfy(p -> assertThat(LedgerStateMachine.manifestValid(p)).isTrue());
    node = LedgerNode.start(NodeConfig.embedded(other), contracts());
    assertThat(node.status().headHash()).isEqualTo(before.headHash());
    assertThat(submit(tx().put("more", "v").signedBy(node.nodeKey())).code())
        .isEqualTo(ValidationCode.OK);
  }

  @Test
  void deliversCommittedBlocksToSubscribersFromAResumePosition() throws Exception {
    for (int i = 0; i < 3; i++) {
      submit(tx().put("e" + i, "v").signedBy(node.nodeKey()));
    }
    List<Long> seen = new CopyOnWriteArrayList<>();
    try (var sub = node.subscribe(2, b -> seen.add(b.height()))) {
      submit(tx().put("live", "v").signedBy(node.nodeKey()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (seen.size() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(seen).containsExactly(2L, 3L, 4L);
      assertThat(sub.position()).isEqualTo(5);
    }
    assertThatThrownBy(() -> node.subscribe(-1, b -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
