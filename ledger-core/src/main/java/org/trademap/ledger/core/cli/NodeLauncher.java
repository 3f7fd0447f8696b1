package org.trademap.ledger.core.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code consortium up} starts one organisation's server as a process of its own: the program
 * that runs the server (the server jar knows how to start itself; the ledger core does not).
 */
@FunctionalInterface
public interface NodeLauncher {
  /**
   * The command line that starts the server of a node configuration file.
   *
   * @param nodeConfig the organisation's {@code node.json}, absolute
   * @param properties further server properties as {@code --name=value}, passed through
   */
  List<String> command(Path nodeConfig, List<String> properties);

  /** For a command line that cannot start servers: {@code consortium up} says so. */
  NodeLauncher NONE =
      (config, properties) -> {
        throw new UnsupportedOperationException(
            "consortium up starts servers: run it from the server (bin/trademap consortium up)");
      };
}
