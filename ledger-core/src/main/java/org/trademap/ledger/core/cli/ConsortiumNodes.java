package org.trademap.ledger.core.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.config.NodeConfigFile;

/**
 * One node of a consortium that {@code consortium up} started, for the failover benchmark: the
 * command line its server runs with, and starting that server again the way {@code consortium up}
 * does (same command and working directory, output appended to {@code node.log}, the new process id
 * recorded in {@code consortium.json}, so that {@code consortium down} stops it).
 */
public final class ConsortiumNodes {
  private ConsortiumNodes() {}

  /**
   * The full command line of a running process (program first), read before it is killed so that it
   * can be started again; empty if the process has ended or its command line cannot be read.
   */
  public static List<String> commandLine(ProcessHandle process) {
    List<String> args = ConsortiumProcesses.arguments(process);
    if (Files.isReadable(Path.of("/proc", String.valueOf(process.pid()), "cmdline"))) {
      return args; // /proc names the program first
    }
    List<String> command = new ArrayList<>();
    process.info().command().ifPresent(command::add);
    command.addAll(args);
    return command;
  }

  /**
   * Starts the server of organisation {@code id} of the consortium in {@code dir} with {@code
   * command} and records its process id.
   *
   * @return the new process
   * @throws IOException if it cannot be started
   * @throws IllegalArgumentException if the consortium has no such organisation
   */
  public static ProcessHandle start(Path dir, String id, List<String> command) throws IOException {
    Path d = dir.toAbsolutePath().normalize();
    Process p = ConsortiumProcesses.start(node(d, id), command);
    ConsortiumProcesses.writePid(d, id, p.pid());
    return p.toHandle();
  }

  /** The recorded process id of organisation {@code id}'s server, null if none is recorded. */
  public static @Nullable Long pid(Path dir, String id) {
    return node(dir.toAbsolutePath().normalize(), id).pid();
  }

  /** Organisation {@code id}'s data directory (ledger, Raft log, the server's database). */
  public static Path dataDir(Path dir, String id) {
    return NodeConfigFile.load(node(dir.toAbsolutePath().normalize(), id).config()).dataDir();
  }

  private static ConsortiumProcesses.Node node(Path dir, String id) {
    return ConsortiumProcesses.read(dir).stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no organisation " + id + " in " + dir));
  }
}
