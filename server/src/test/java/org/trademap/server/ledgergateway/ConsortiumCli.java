package org.trademap.server.ledgergateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.trademap.bench.BenchMain;
import org.trademap.ledger.core.cli.LedgerCli;

/**
 * The ledger's command line ({@code consortium init|up|down}, {@code governance}, {@code ledger
 * verify}) run the way the server jar runs it, and the benchmarks ({@code bench ledger|failover}),
 * its nodes in small JVMs, for the tests with real server processes: keeps the output, and every
 * server process it was shown, so that none outlives the test whatever failed.
 */
final class ConsortiumCli {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Set<Long> seen = new HashSet<>();

  /** Runs a command; its exit code. */
  int run(String... args) {
    return LedgerCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        LedgerCommands.launcher(
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")));
  }

  /**
   * Runs a benchmark command ({@code bin/trademap bench …}) into the same output; its exit code.
   */
  int bench(String... args) {
    return BenchMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** What the commands since the last {@link #reset} wrote, standard output first. */
  String output() {
    return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
  }

  /** What they wrote to standard output only. */
  String standardOutput() {
    return out.toString(StandardCharsets.UTF_8);
  }

  void reset() {
    out.reset();
    err.reset();
  }

  /** Notes every server process {@code consortium.json} of {@code d} records. */
  void remember(Path d) throws IOException {
    for (Long pid : ConsortiumProcessesIT.pids(d)) {
      if (pid != null) {
        seen.add(pid);
      }
    }
  }

  /** Notes a server process started otherwise (a node started again by the test). */
  void remember(long pid) {
    seen.add(pid);
  }

  /** Every server process noted so far. */
  Set<Long> seen() {
    return Set.copyOf(seen);
  }

  /**
   * {@code consortium down} of {@code d} if it was written, then SIGKILL to every noted process
   * still running.
   */
  void downAndKill(@Nullable Path d) throws IOException {
    if (d != null && Files.exists(d.resolve("consortium.json"))) {
      remember(d);
      run("consortium", "down", "--dir", d.toString());
    }
    for (long pid : seen) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
