package org.trademap.ledger.core.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.exec.SignatureChecker;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.ledger.core.store.RocksDbStore;
import org.trademap.ledger.core.testing.TestChain;
import org.trademap.ledger.core.verify.ChainVerifier;

/**
 * Kills a node with SIGKILL while it is committing transactions, twice, and checks that every
 * transaction it had acknowledged survived, that it restarts (which re-verifies the chain) and
 * continues, and that the ledger verifies afterwards.
 */
class CrashConsistencyIT {
  static final int ACKS_PER_RUN = 300;
  static final long RUN_TIMEOUT_SECONDS = 90;
  static final String EOF = "\u0000eof";

  @TempDir Path tmp;

  /** A transaction the child acknowledged. */
  record Ack(Hash txId, long height) {}

  /**
   * What one child run printed before it was killed.
   *
   * @param readyHeight the head height when its node started serving
   */
  record Run(long readyHeight, List<Ack> acks) {
    long maxHeight() {
      return acks.stream().mapToLong(Ack::height).max().orElse(readyHeight);
    }
  }

  @Test
  void keepsEveryAcknowledgedTransactionAfterAKill() throws Exception {
    Path data = tmp.resolve("ledger");

    Run run = runAndKill(data, 1);

    assertThat(run.readyHeight()).isZero();
    assertThat(run.acks()).hasSizeGreaterThanOrEqualTo(ACKS_PER_RUN);
    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      ChainStore chain = new ChainStore(store);
      for (Ack ack : run.acks()) {
        assertAcknowledgedIsRecorded(ack, chain.transaction(ack.txId()));
      }
      ChainVerifier.Report report =
          ChainVerifier.verify(chain, TestChain.notes(), SignatureChecker.SEQUENTIAL);
      assertThat(report.ok()).as(report.problem()).isTrue();
      assertThat(report.height()).isGreaterThanOrEqualTo(run.maxHeight());
    }
  }

  @Test
  void restartsAfterEachOfTwoKillsAndKeepsEveryAcknowledgedTransaction() throws Exception {
    Path data = tmp.resolve("ledger");

    Run first = runAndKill(data, 1);
    Run second = runAndKill(data, 2);

    assertThat(first.readyHeight()).isZero();
    assertThat(second.readyHeight())
        .as("the head after the first kill")
        .isGreaterThanOrEqualTo(first.maxHeight());
    assertThat(second.acks())
        .allSatisfy(a -> assertThat(a.height()).isGreaterThan(first.maxHeight()));
    List<Ack> all = new ArrayList<>(first.acks());
    all.addAll(second.acks());
    assertThat(all.stream().map(Ack::txId).distinct()).hasSize(all.size());
    long highest = second.maxHeight();

    try (LedgerNode node = LedgerNode.start(NodeConfig.embedded(data), TestChain.notes())) {
      for (Ack ack : all) {
        assertAcknowledgedIsRecorded(ack, node.transaction(ack.txId()));
      }
      assertThat(node.status().height()).isGreaterThanOrEqualTo(highest);
    }
    try (RocksDbStore store = RocksDbStore.open(data.resolve("state"))) {
      ChainVerifier.Report report =
          ChainVerifier.verify(
              new ChainStore(store), TestChain.notes(), SignatureChecker.SEQUENTIAL);
      assertThat(report.ok()).as(report.problem()).isTrue();
      assertThat(report.height()).isGreaterThanOrEqualTo(highest);
    }
  }

  static void assertAcknowledgedIsRecorded(Ack ack, Optional<TransactionRecord> record) {
    assertThat(record).as("acknowledged transaction %s", ack.txId()).isPresent();
    assertThat(record.orElseThrow().receipt().code()).isEqualTo(ValidationCode.OK);
    assertThat(record.orElseThrow().height()).isEqualTo(ack.height());
  }

  /** Starts the child on {@code data}, waits for enough acknowledgements, and kills it. */
  Run runAndKill(Path data, int run) throws Exception {
    Path stderr = tmp.resolve("child-" + run + ".err");
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Process child =
        new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                LoadUnderCrash.class.getName(),
                data.toString(),
                "6",
                "120",
                "40")
            .redirectError(stderr.toFile())
            .start();
    try {
      child.getOutputStream().close();
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(
                                child.getInputStream(), StandardCharsets.UTF_8))) {
                      for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                      }
                    } catch (IOException e) {
                      lines.add("READ FAILED " + e);
                    } finally {
                      lines.add(EOF);
                    }
                  });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
      long ready = -1;
      List<Ack> acks = new ArrayList<>();
      while (acks.size() < ACKS_PER_RUN) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null || line.equals(EOF)) {
          throw new AssertionError(
              "run "
                  + run
                  + ": "
                  + (line == null ? "timed out" : "the child ended")
                  + " after "
                  + acks.size()
                  + " acknowledgements; its stderr ends with:\n"
                  + tail(stderr));
        }
        String[] parts = line.split(" ", 3);
        if (parts[0].equals("READY")) {
          ready = Long.parseLong(parts[1]);
        } else if (parts[0].equals("ACK")) {
          assertThat(ready).as("READY before the first ACK").isGreaterThanOrEqualTo(0);
          acks.add(new Ack(Hash.ofHex(parts[1]), Long.parseLong(parts[2])));
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
      // 128 + SIGKILL: it was killed, it did not exit on its own.
      assertThat(child.exitValue()).isEqualTo(137);
      reader.join(TimeUnit.SECONDS.toMillis(10));
      return new Run(ready, List.copyOf(acks));
    } finally {
      child.destroyForcibly();
    }
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }
}
