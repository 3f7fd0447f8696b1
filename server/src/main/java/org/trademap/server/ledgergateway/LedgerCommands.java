package org.trademap.server.ledgergateway;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.trademap.ledger.core.cli.LedgerCli;
import org.trademap.ledger.core.cli.NodeLauncher;
import org.trademap.ledger.core.config.ConfigException;
import org.trademap.ledger.core.config.NodeConfigFile;

/**
 * The ledger's command line inside the server jar ({@code ledger verify}, {@code keys generate},
 * {@code consortium init}, {@code consortium up} and {@code down}, {@code governance propose} and
 * {@code approve}), run without starting Spring; and the server defaults a consortium node's
 * configuration file gives.
 */
public final class LedgerCommands {
  private static final Set<String> COMMANDS = Set.of("ledger", "keys", "consortium", "governance");
  private static final String CONFIG_OPTION = "--trademap.ledger.config=";
  private static final String SERVER_MAIN = "org.trademap.server.TradeMapApplication";
  private static final List<String> JVM_FLAGS =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

  private LedgerCommands() {}

  /** Whether the arguments name a ledger command rather than server options. */
  public static boolean handles(String[] args) {
    return args.length > 0 && COMMANDS.contains(args[0]);
  }

  /** Runs the command and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String opts = System.getenv("TRADEMAP_JAVA_OPTS");
    List<String> jvmOptions =
        opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    return LedgerCli.run(args, out, err, launcher(jvmOptions));
  }

  /**
   * Starts a consortium node's server ({@code consortium up}) the way this one runs: the same Java,
   * the server jar with {@code -jar} (or, outside the jar, this class path and the server's main
   * class), the JVM flags of {@code bin/trademap} and {@code jvmOptions}.
   */
  public static NodeLauncher launcher(List<String> jvmOptions) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // absolute: each node runs in its organisation's directory
    String classPath =
        String.join(
            File.pathSeparator,
            Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .toList());
    return (config, properties) -> {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(JVM_FLAGS);
      command.addAll(jvmOptions);
      if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
        command.addAll(List.of("-jar", classPath));
      } else {
        command.addAll(List.of("-cp", classPath, SERVER_MAIN));
      }
      command.add(CONFIG_OPTION + config);
      command.addAll(properties);
      return command;
    };
  }

  /**
   * The arguments of a server started with {@code --trademap.ledger.config=FILE}, completed with
   * the file's HTTP port and data directory as {@code --server.port} and {@code
   * --trademap.data-dir} (arguments given explicitly stay as they are and win). Command-line
   * arguments, because they override {@code application.yml}. Unchanged without that argument.
   *
   * @throws ConfigException naming every problem of the file
   */
  public static String[] withNodeConfiguration(String[] args) {
    List<String> out = new ArrayList<>(List.of(args));
    for (String a : args) {
      if (a.startsWith(CONFIG_OPTION)) {
        NodeConfigFile c = NodeConfigFile.load(Path.of(a.substring(CONFIG_OPTION.length())));
        addUnlessGiven(out, "server.port", String.valueOf(c.httpPort()));
        addUnlessGiven(out, "trademap.data-dir", c.dataDir().toString());
        break;
      }
    }
    return out.toArray(String[]::new);
  }

  private static void addUnlessGiven(List<String> args, String name, String value) {
    String prefix = "--" + name + "=";
    if (args.stream().noneMatch(a -> a.startsWith(prefix))) {
      args.add(prefix + value);
    }
  }
}
