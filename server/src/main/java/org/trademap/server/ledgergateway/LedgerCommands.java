package org.trademap.server.ledgergateway;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.trademap.ledger.core.cli.LedgerCli;
import org.trademap.ledger.core.config.ConfigException;
import org.trademap.ledger.core.config.NodeConfigFile;

/**
 * The ledger's command line inside the server jar ({@code ledger verify}, {@code keys generate},
 * {@code consortium init}), run without starting Spring; and the server defaults a consortium
 * node's configuration file gives.
 */
public final class LedgerCommands {
  private static final Set<String> COMMANDS = Set.of("ledger", "keys", "consortium");
  private static final String CONFIG_OPTION = "--trademap.ledger.config=";

  private LedgerCommands() {}

  /** Whether the arguments name a ledger command rather than server options. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return LedgerCli.run(args, out, err);
  }

  /**
   * The default properties of a server started with {@code --trademap.ledger.config=FILE}: the
   * file's HTTP port and data directory (explicit {@code --server.port} or {@code
   * --trademap.data-dir} arguments still win). Empty without that argument.
   *
   * @throws ConfigException naming every problem of the file
   */
  public static Map<String, Object> serverDefaults(String[] args) {
    for (String a : args) {
      if (a.startsWith(CONFIG_OPTION)) {
        NodeConfigFile c = NodeConfigFile.load(Path.of(a.substring(CONFIG_OPTION.length())));
        return Map.of("server.port", c.httpPort(), "trademap.data-dir", c.dataDir().toString());
      }
    }
    return Map.of();
  }
}
