package org.trademap.server.ledgergateway;

import java.io.PrintStream;
import java.util.Set;
import org.trademap.ledger.core.cli.LedgerCli;

/**
 * The ledger's command line inside the server jar: {@code ledger verify --data DIR} and {@code keys
 * generate [--out FILE]}, run without starting Spring.
 */
public final class LedgerCommands {
  private static final Set<String> COMMANDS = Set.of("ledger", "keys");

  private LedgerCommands() {}

  /** Whether the arguments name a ledger command rather than server options. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return LedgerCli.run(args, out, err);
  }
}
