package org.trademap.ledger.core.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.node.LedgerNode;
import org.trademap.ledger.core.node.NodeConfig;

/** {@code consortium init}: a ready local consortium in a directory. */
final class ConsortiumCommand {
  private ConsortiumCommand() {}

  static int init(String[] args, PrintStream out, PrintStream err) {
    Options o;
    List<ConsortiumLayout.Org> orgs;
    Path dir;
    String host;
    ConsortiumLayout.Model model;
    Duration electionTimeout;
    try {
      o =
          Options.parse(
              args,
              Set.of(
                  "orgs", "model", "dir", "http-port", "raft-port", "host", "election-timeout-ms"),
              Set.of());
      model = ConsortiumLayout.Model.parse(o.get("model", "b"));
      String d = o.get("dir");
      if (d == null) {
        throw new IllegalArgumentException("--dir is required");
      }
      if (o.get("orgs") == null) {
        throw new IllegalArgumentException("--orgs is required");
      }
      dir = Path.of(d).toAbsolutePath();
      host = o.get("host", "127.0.0.1");
      orgs =
          ConsortiumLayout.orgs(
              o.integer("orgs", 0, 3, 100),
              o.integer("http-port", 8081, 1, 65535),
              o.integer("raft-port", 9871, 1, 65535));
      electionTimeout =
          Duration.ofMillis(
              o.integer(
                  "election-timeout-ms",
                  (int) NodeConfig.DEFAULT_ELECTION_TIMEOUT.toMillis(),
                  (int) NodeConfig.MIN_ELECTION_TIMEOUT.toMillis(),
                  (int) NodeConfig.MAX_ELECTION_TIMEOUT.toMillis()));
    } catch (IllegalArgumentException e) {
      err.println("consortium init: " + e.getMessage());
      err.println(LedgerCli.CONSORTIUM_USAGE);
      return LedgerCli.USAGE;
    }
    try {
      var written =
          ConsortiumLayout.init(
              dir,
              orgs,
              model,
              host,
              electionTimeout,
              LedgerNode.discoverContracts().latestVersions(),
              Instant.now(),
              new SecureRandom());
      out.println(
          "consortium of "
              + orgs.size()
              + " organisations (trust model "
              + model.label()
              + ", channels "
              + String.join(", ", written.genesis().channels().stream().map(c -> c.name()).toList())
              + ", chain "
              + written.genesis().chainId()
              + ") written to "
              + dir);
      for (int i = 0; i < orgs.size(); i++) {
        ConsortiumLayout.Org org = orgs.get(i);
        out.println(
            "  "
                + org.id()
                + " ("
                + org.role()
                + "): http "
                + org.httpPort()
                + ", raft "
                + org.raftPort()
                + ", start with: bin/trademap start --config "
                + written.configs().get(i));
      }
      return LedgerCli.OK;
    } catch (RuntimeException e) {
      err.println("consortium init: cannot write " + dir + ": " + LedgerCli.rootMessage(e));
      return LedgerCli.CANNOT_CHECK;
    }
  }
}
