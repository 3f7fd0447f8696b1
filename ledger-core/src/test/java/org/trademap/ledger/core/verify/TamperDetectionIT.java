package org.trademap.ledger.core.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.trademap.ledger.core.testing.Txs.bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.block.Receipt;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.contract.Contract;
import org.trademap.ledger.api.node.SubmitResult;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.Transaction;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.chain.Keys;
import org.trademap.ledger.core.cli.LedgerCli;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.node.LedgerIntegrityException;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.store.WriteBatch;
import org.trademap.ledger.core.testing.DiscoverableNotesContract;
import org.trademap.ledger.core.testing.NotesContract;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.testing.Txs;

/**
 * An attacker with write access to the data directory changes the stored ledger; the verifier, a
 * node starting on it and {@code ledger verify} each name the first height that was changed.
 *
 * <p>One ledger is built by a real node once; each test tampers with its own copy.
 */
class TamperDetectionIT {
  /** Batches submitted one after the other; each lands in one block or more. */
  static final int BATCHES = 4;

  static final int TXS_PER_BLOCK = 5;

  @TempDir static Path shared;
  static long head;
  static int cliWhileRunning;
  static String cliWhileRunningErr = "";

  @TempDir Path work;

  @BeforeAll
  static void buildLedger() throws Exception {
    Path serviceFiles = Files.createDirectories(services().resolve("META-INF/services"));
    Files.writeString(
        serviceFiles.resolve(Contract.class.getName()),
        DiscoverableNotesContract.class.getName() + "\n",
        StandardCharsets.UTF_8);

    try (LedgerNode node = LedgerNode.start(NodeConfig.embedded(pristine()), TestChain.notes())) {
      for (int b = 0; b < BATCHES; b++) {
        long nonce = node.nextNonce(node.nodeKey().publicKey());
        List<CompletableFuture<SubmitResult>> futures = new ArrayList<>();
        for (int i = 0; i < TXS_PER_BLOCK; i++) {
          Txs tx = Txs.on(node.genesis(), System.currentTimeMillis()).nonce(nonce + i);
          tx = i == TXS_PER_BLOCK - 1 ? tx.method("reject") : tx.put("b" + b + "-" + i, "v" + i);
          futures.add(node.submit(tx.signedBy(node.nodeKey()).encode()));
        }
        for (CompletableFuture<SubmitResult> f : futures) {
          assertThat(f.get(30, TimeUnit.SECONDS)).isInstanceOf(SubmitResult.Committed.class);
        }
      }
      head = node.status().height();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      cliWhileRunning = cli(pristine(), new ByteArrayOutputStream(), err);
      cliWhileRunningErr = err.toString(StandardCharsets.UTF_8);
    }
    assertThat(head).isGreaterThanOrEqualTo(BATCHES);
  }

  /** The data directory of the ledger built once; tests copy it. */
  static Path pristine() {
    return shared.resolve("pristine");
  }

  /** A class path entry holding a services file that names {@link DiscoverableNotesContract}. */
  static Path services() {
    return shared.resolve("services");
  }

  /** A copy of the pristine ledger that this test may change. */
  Path copy() throws IOException {
    Path pristine = pristine();
    Path target = work.resolve("ledger");
    try (Stream<Path> files = Files.walk(pristine)) {
      for (Path p : files.toList()) {
        Path to = target.resolve(pristine.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  /** Changes the stored state of a stopped node, as someone with access to its disk could. */
  static void tamper(Path data, Consumer<RocksDbStore> change) {
    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      change.accept(store);
    }
  }

  static ChainVerifier.Report verify(Path data) {
    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      return ChainVerifier.verify(
          new ChainStore(store), TestChain.notes(), SignatureChecker.SEQUENTIAL);
    }
  }

  static Block block(Path data, long height) {
    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      return new ChainStore(store).block(height).orElseThrow();
    }
  }

  /**
   * Runs {@code ledger verify} with {@link DiscoverableNotesContract} discoverable: the command
   * finds contracts with {@link java.util.ServiceLoader} through the context class loader.
   */
  static int cli(Path data, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return cli(new String[] {"ledger", "verify", "--data", data.toString()}, out, err);
  }

  static int cli(String[] args, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {services().toUri().toURL()}, before)) {
      thread.setContextClassLoader(loader);
      return LedgerCli.run(
          args,
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** The verifier, a starting node and the command line all name {@code height} as bad. */
  static void assertRefusedAt(Path data, long height, String problemFragment) {
    ChainVerifier.Report report = verify(data);
    assertThat(report.ok()).as("verified ok").isFalse();
    assertThat(report.height()).as(report.problem()).isEqualTo(height);
    assertThat(report.problem()).containsIgnoringCase(problemFragment);
    assertThat(report.head()).isNull();

    assertThatThrownBy(() -> LedgerNode.start(NodeConfig.embedded(data), TestChain.notes()).close())
        .isInstanceOfSatisfying(
            LedgerIntegrityException.class, e -> assertThat(e.height()).isEqualTo(height))
        .hasMessageContaining("height " + height);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(cli(data, out, err)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("ledger FAILED at height " + height + ": ")
        .contains(report.problem());
  }

  /** The first height from 2 below the head whose block holds an accepted {@code put}. */
  static long middleHeightWithAPut(Path data) {
    for (long h = 2; h < head; h++) {
      Block b = block(data, h);
      for (int i = 0; i < b.transactions().size(); i++) {
        if (b.transactions().get(i).body().method().equals("put")
            && b.receipts().get(i).accepted()) {
          return h;
        }
      }
    }
    throw new AssertionError("no block in the middle holds a put");
  }

  /**
   * The block with the value of its first accepted put replaced and, if {@code recompute}, its
   * receipt, transaction root and receipts root made to match, as an attacker without the keys can.
   * The signatures stay the old ones.
   */
  static Block withForgedValue(Block block, boolean recompute) {
    List<SignedTransaction> txs = new ArrayList<>(block.transactions());
    List<Receipt> receipts = new ArrayList<>(block.receipts());
    int i = 0;
    while (!(txs.get(i).body().method().equals("put") && receipts.get(i).accepted())) {
      i++;
    }
    SignedTransaction original = txs.get(i);
    Transaction b = original.body();
    byte[] noteKey = Args.decode(b.args(), 2).get(0);
    Transaction forged =
        new Transaction(
            b.chainId(),
            b.channel(),
            b.contractId(),
            b.contractVersion(),
            b.method(),
            Args.encode(noteKey, bytes("forged")),
            b.signer(),
            b.nonce(),
            b.timestampMillis());
    // The attacker keeps the signer's signature: without the key it cannot sign the new body.
    SignedTransaction forgedTx = new SignedTransaction(forged, original.signature());
    txs.set(i, forgedTx);
    if (!recompute) {
      return new Block(block.header(), block.signature(), txs, receipts);
    }
    Receipt r = receipts.get(i);
    receipts.set(
        i, new Receipt(forgedTx.id(), r.code(), r.reason(), r.message(), r.value(), r.events()));
    BlockHeader h = block.header();
    BlockHeader forgedHeader =
        new BlockHeader(
            h.chainId(),
            h.channel(),
            h.height(),
            h.previousHash(),
            Block.txRoot(txs),
            Block.receiptsRoot(receipts),
            h.stateRoot(),
            h.timestampMillis(),
            h.proposer(),
            h.txCount());
    // Nor can it sign the new header for the proposer.
    return new Block(forgedHeader, block.signature(), txs, receipts);
  }

  @Test
  void anUntouchedLedgerVerifies() throws Exception {
    Path data = copy();

    ChainVerifier.Report report = verify(data);

    assertThat(report.ok()).as(report.problem()).isTrue();
    assertThat(report.height()).isEqualTo(head);
    assertThat(report.problem()).isEmpty();
    Head verified = Objects.requireNonNull(report.head());
    assertThat(block(data, head).hash()).isEqualTo(verified.hash());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(cli(data, out, err)).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("ledger OK: height " + head + ", head " + verified.hash())
        .contains("state root " + verified.stateRoot());
  }

  @Test
  void namesTheBlockWhoseTransactionWasAlteredAndReSealedWithoutTheKeys() throws Exception {
    Path data = copy();
    long h = middleHeightWithAPut(data);
    Block forged = withForgedValue(block(data, h), true);

    tamper(data, s -> s.write(new WriteBatch().put(Keys.block(h), forged.encode())));

    assertThat(Block.txRoot(forged.transactions())).isEqualTo(forged.header().txRoot());
    assertRefusedAt(data, h, "signature");
  }

  @Test
  void namesTheBlockWhoseTransactionWasAlteredWithoutRecomputingItsRoot() throws Exception {
    Path data = copy();
    long h = middleHeightWithAPut(data);
    Block forged = withForgedValue(block(data, h), false);

    tamper(data, s -> s.write(new WriteBatch().put(Keys.block(h), forged.encode())));

    assertRefusedAt(data, h, "root");
  }

  @Test
  void namesTheBlockInWhichOneByteWasFlipped() throws Exception {
    Path data = copy();
    long h = 2;

    tamper(
        data,
        s -> {
          byte[] raw = Objects.requireNonNull(s.get(Keys.block(h)));
          raw[raw.length / 2] ^= 0x01;
          s.write(new WriteBatch().put(Keys.block(h), raw));
        });

    assertRefusedAt(data, h, "");
  }

  @Test
  void namesTheBlockWhoseSignatureByteWasFlipped() throws Exception {
    Path data = copy();
    long h = 3;
    int signatureStart = block(data, h).header().encode().length;

    tamper(
        data,
        s -> {
          byte[] raw = Objects.requireNonNull(s.get(Keys.block(h)));
          raw[signatureStart + 5] ^= 0x20;
          s.write(new WriteBatch().put(Keys.block(h), raw));
        });

    assertRefusedAt(data, h, "signature");
  }

  @Test
  void namesTheHeadWhenAContractStateValueWasChanged() throws Exception {
    Path data = copy();

    tamper(
        data,
        s -> {
          byte[][] first = new byte[1][];
          s.scan(
              Keys.statePrefix(NotesContract.ID),
              (k, v) -> {
                first[0] = k;
                return false;
              });
          assertThat(first[0]).as("a notes state entry").isNotNull();
          s.write(new WriteBatch().put(first[0], bytes("rewritten")));
        });

    assertRefusedAt(data, head, "state");
  }

  @Test
  void namesTheHeadWhenAStateEntryWasAdded() throws Exception {
    Path data = copy();

    tamper(
        data,
        s ->
            s.write(
                new WriteBatch()
                    .put(
                        Keys.state(Keys.statePrefix(NotesContract.ID), bytes("planted")),
                        bytes("x"))));

    assertRefusedAt(data, head, "state");
  }

  @Test
  void namesTheHeadWhenANonceWasRewound() throws Exception {
    Path data = copy();
    var signer = block(data, 1).transactions().get(0).body().signer();

    tamper(data, s -> s.write(new WriteBatch().put(Keys.nonce(signer), Keys.longBytes(1))));

    assertRefusedAt(data, head, "state");
  }

  @Test
  void detectsATransactionIdRepointedToAnotherTransaction() throws Exception {
    Path data = copy();
    long rejectedHeight = 0;
    int rejected = -1;
    for (long h = 1; h <= head && rejected < 0; h++) {
      rejected = block(data, h).receipts().stream().map(Receipt::accepted).toList().indexOf(false);
      rejectedHeight = h;
    }
    assertThat(rejected).as("a rejected transaction").isNotNegative();
    long acceptedHeight = rejectedHeight == 1 ? 2 : 1;
    Receipt accepted =
        block(data, acceptedHeight).receipts().stream()
            .filter(Receipt::accepted)
            .findFirst()
            .orElseThrow();
    byte[] location = new byte[12];
    Keys.putLong(location, 0, rejectedHeight);
    java.nio.ByteBuffer.wrap(location, 8, 4).putInt(rejected);

    tamper(data, s -> s.write(new WriteBatch().put(Keys.tx(accepted.txId()), location)));

    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      // A lookup never answers with another transaction than the one asked for.
      assertThat(new ChainStore(store).transaction(accepted.txId())).isEmpty();
    }
    ChainVerifier.Report report = verify(data);
    assertThat(report.ok()).as("verified ok").isFalse();
    assertThat(report.height()).isBetween(1L, head);
    assertThatThrownBy(() -> LedgerNode.start(NodeConfig.embedded(data), TestChain.notes()).close())
        .isInstanceOf(LedgerIntegrityException.class);
  }

  @Test
  void namesTheMissingBlockWhenABlockInTheMiddleWasDeleted() throws Exception {
    Path data = copy();
    long h = 2;

    tamper(data, s -> s.write(new WriteBatch().delete(Keys.block(h))));

    assertRefusedAt(data, h, "missing");
  }

  @Test
  void namesTheBlockWhenTwoBlocksWereSwapped() throws Exception {
    Path data = copy();

    tamper(
        data,
        s -> {
          byte[] two = Objects.requireNonNull(s.get(Keys.block(2)));
          byte[] three = Objects.requireNonNull(s.get(Keys.block(3)));
          s.write(new WriteBatch().put(Keys.block(2), three).put(Keys.block(3), two));
        });

    assertRefusedAt(data, 2, "height");
  }

  @Test
  void cliSaysItCannotCheckALedgerWhoseContractsItDoesNotHave() throws Exception {
    Path data = copy();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    // Without the services class loader, no contract is discoverable: the genesis document names
    // "notes", which this command cannot run. That is not evidence of tampering.
    int code =
        LedgerCli.run(
            new String[] {"ledger", "verify", "--data", data.toString()},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("FAILED");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(NotesContract.ID);
  }

  @Test
  void cliCannotCheckALedgerThatANodeHoldsOpen() {
    assertThat(cliWhileRunning).isEqualTo(2);
    assertThat(cliWhileRunningErr).contains("cannot open the ledger");
  }

  @Test
  void cliCannotCheckADirectoryWithoutALedger() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    assertThat(cli(empty, out, err)).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no ledger in");
  }

  @Test
  void cliRejectsBadUsage() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"ledger"},
            new String[] {"ledger", "verify"},
            new String[] {"ledger", "verify", "--data"},
            new String[] {"ledger", "verify", "--dir", "x"},
            new String[] {"ledger", "verify", "--data", "x", "extra"},
            new String[] {"ledger", "check", "--data", "x"})) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      assertThat(cli(args, out, err)).as(String.join(" ", args)).isEqualTo(64);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    }
  }
}
