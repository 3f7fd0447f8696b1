package org.trademap.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.core.cli.NodeLauncher;

/**
 * Starts a consortium node from the server jar that {@code bin/trademap} names in the system
 * property {@value #PROPERTY}: this JVM's {@code java}, the launcher's JVM flags, the given JVM
 * options, {@code -jar} and the node's configuration, the way {@code bin/trademap consortium up}
 * starts it.
 */
final class ServerJarLauncher {
  static final String PROPERTY = "trademap.server.jar";

  private static final List<String> JVM_FLAGS =
      List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow");

  private ServerJarLauncher() {}

  /** A launcher with {@code jvmOptions} for the server jar {@code jar}. */
  static NodeLauncher of(Path jar, List<String> jvmOptions) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jarPath = jar.toAbsolutePath().toString();
    return (config, properties) -> {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(JVM_FLAGS);
      command.addAll(jvmOptions);
      command.addAll(List.of("-jar", jarPath, "--trademap.ledger.config=" + config));
      command.addAll(properties);
      return command;
    };
  }
}
