package org.trademap.server.ledgergateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;
import org.trademap.server.testing.Databases;
import org.trademap.server.testing.LedgerScan;
import org.trademap.server.testing.TestDatabase;

/**
 * The outbox crash test with real processes: the server runs in a child JVM, enqueues a
 * registration and is killed with SIGKILL (kill -9) at a point of the dispatch, either after the
 * database commit of the signed transaction and before it reaches the ledger, or after the ledger
 * committed it and before the entry is marked. A second server on the same data directory (H2 file
 * and ledger) must finish the entry: exactly one registration on the ledger, and the entry
 * committed with that transaction.
 */
class OutboxCrashIT {
  static final long STEP_TIMEOUT_SECONDS = 180;
  static final String EOF = "\u0000eof";

  @TempDir Path tmp;

  @ParameterizedTest
  @EnumSource(OutboxFaults.Point.class)
  void aServerKilledMidDispatchLeavesExactlyOneRegistrationAfterItsRestart(OutboxFaults.Point point)
      throws Exception {
    Path data = tmp.resolve("data");
    String ref = "crash-" + UUID.randomUUID();

    try (Child first = Child.start(tmp, data, "first", "crash", point.name(), ref)) {
      first.awaitLine("OUTBOX-ENQUEUED");
      first.awaitLine("OUTBOX-CRASH-POINT " + point);
      assertThat(first.kill()).as("killed by SIGKILL, not exited").isEqualTo(137);
    }
    String settled;
    try (Child second = Child.start(tmp, data, "second", "recover", ref)) {
      settled = second.awaitLine("OUTBOX-SETTLED");
      assertThat(second.exit()).isZero();
    }

    assertThat(settled).startsWith("OUTBOX-SETTLED Committed[");
    OutboxStore.Row row;
    try (TestDatabase db = Databases.h2File(data)) {
      row =
          new Outbox(db.dataSource(), Clock.systemUTC())
              .store()
              .find(CrashingServer.KEY)
              .orElseThrow();
    }
    assertThat(row.status()).isInstanceOf(OutboxStatus.Committed.class);
    OutboxStatus.Committed committed = (OutboxStatus.Committed) row.status();
    assertThat(row.signings()).as("the stored transaction was never replaced").isEqualTo(1);
    try (LedgerNode node = LedgerNode.start(NodeConfig.embedded(data))) {
      List<LedgerScan.Recorded> recorded = LedgerScan.mentioning(node, ref);
      assertThat(recorded)
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.accepted()).isTrue();
                assertThat(r.transaction().id()).isEqualTo(committed.txId());
                assertThat(r.height()).isEqualTo(committed.height());
              });
    }
  }

  /** A server process and the marker lines it prints. */
  static final class Child implements AutoCloseable {
    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private Child(Process process, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      Thread.ofVirtual().start(this::read);
    }

    static Child start(Path tmp, Path data, String name, String... args) throws IOException {
      String java =
          ProcessHandle.current()
              .info()
              .command()
              .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "--enable-native-access=ALL-UNNAMED",
                  "--sun-misc-unsafe-memory-access=allow",
                  "-Xmx384m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashingServer.class.getName()));
      command.addAll(List.of(args));
      command.addAll(
          List.of(
              "--trademap.data-dir=" + data.toAbsolutePath(),
              "--trademap.demo.seed=false",
              "--server.port=0",
              "--server.address=127.0.0.1",
              "--spring.main.banner-mode=off",
              "--logging.level.root=WARN"));
      Path stderr = tmp.resolve(name + ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      return new Child(process, stderr);
    }

    private void read() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.startsWith("OUTBOX-")) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        lines.add("READ FAILED " + e);
      } finally {
        lines.add(EOF);
      }
    }

    /** Waits for the next marker line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null || line.equals(EOF)) {
          throw new AssertionError(
              (line == null ? "timed out" : "the child ended")
                  + " waiting for "
                  + prefix
                  + " after "
                  + seen
                  + "; its stderr ends with:\n"
                  + tail(stderr));
        }
        seen.add(line);
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    /** Kills the process with SIGKILL and returns its exit code. */
    int kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the child died").isTrue();
      return process.exitValue();
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int exit() throws InterruptedException {
      assertThat(process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("the child exited; stderr: %s", tail(stderr))
          .isTrue();
      return process.exitValue();
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    static String tail(Path file) {
      try {
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
      } catch (IOException e) {
        return "(cannot read " + file + ": " + e + ")";
      }
    }
  }
}
