package org.trademap.ledger.core.config;

import java.nio.file.Path;
import java.util.List;

/** A node configuration file that cannot be used, with every problem found in it. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  ConfigException(Path file, List<String> problems) {
    super("node configuration " + file + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem, each naming the field (as a JSON path) it is about. */
  public List<String> problems() {
    return problems;
  }
}
