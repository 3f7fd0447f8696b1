package org.trademap.ledger.core.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.config.ConsortiumLayout;
import org.trademap.ledger.core.config.NodeConfigFile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code consortium up} and {@code consortium down}: every node of a consortium directory (its
 * {@code consortium.json}) as a server process of its own, in the background. {@code up} records
 * each process id in {@code consortium.json}, appends the server's output to {@code <org>/node.log}
 * and returns once every node answers its status with a known leader; {@code down} stops the
 * recorded processes (the server shuts down gracefully on SIGTERM) and clears their ids.
 */
final class ConsortiumProcesses {
  static final String LOG_FILE = "node.log";

  /** A server property passed through to every node: {@code --name.with.dots=value}. */
  private static final Pattern PROPERTY = Pattern.compile("--[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+=.*");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration POLL = Duration.ofMillis(500);

  private ConsortiumProcesses() {}

  /** One organisation's node as {@code consortium.json} lists it. */
  record Node(String id, Path config, String host, int httpPort, @Nullable Long pid) {
    Path log() {
      return config.resolveSibling(LOG_FILE);
    }

    URI statusUri() {
      String h = host.contains(":") ? "[" + host + "]" : host;
      return URI.create("http://" + h + ":" + httpPort + "/api/v1/ledger/status");
    }
  }

  static int up(String[] args, PrintStream out, PrintStream err, NodeLauncher launcher) {
    List<String> properties = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String a : args) {
      (PROPERTY.matcher(a).matches() ? properties : rest).add(a);
    }
    Path dir;
    Duration timeout;
    try {
      Options o = Options.parse(rest.toArray(String[]::new), Set.of("dir", "timeout"), Set.of());
      dir = dir(o);
      timeout = Duration.ofSeconds(o.integer("timeout", 300, 5, 3600));
    } catch (IllegalArgumentException e) {
      return usage("consortium up", e, err);
    }
    List<Node> nodes;
    try {
      nodes = read(dir);
    } catch (RuntimeException e) {
      err.println("consortium up: " + e.getMessage());
      return LedgerCli.CANNOT_CHECK;
    }
    for (Node n : nodes) {
      if (running(n).isEmpty() && portTaken(n)) {
        err.println(
            "consortium up: port "
                + n.httpPort()
                + " of "
                + n.id()
                + " is taken, but not by a server consortium up started; nothing was started");
        return LedgerCli.CANNOT_CHECK;
      }
    }
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    Map<String, Process> started = new LinkedHashMap<>();
    try {
      for (Node n : nodes) {
        Optional<ProcessHandle> running = running(n);
        if (running.isPresent()) {
          out.println("  " + n.id() + ": already running (pid " + running.get().pid() + ")");
          processes.put(n.id(), running.get());
          continue;
        }
        Process p = start(n, launcher.command(n.config(), properties));
        started.put(n.id(), p);
        processes.put(n.id(), p.toHandle());
        writePid(dir, n.id(), p.pid());
        out.println("  " + n.id() + ": started (pid " + p.pid() + ", output in " + n.log() + ")");
      }
    } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
      err.println("consortium up: cannot start a node: " + LedgerCli.rootMessage(e));
      err.println(
          "consortium up: stop the nodes already started with: consortium down --dir " + dir);
      return LedgerCli.CANNOT_CHECK;
    }
    return awaitHealthy(dir, nodes, processes, started, timeout, out, err);
  }

  static Process start(Node n, List<String> command) throws IOException {
    Process p =
        new ProcessBuilder(command)
            .directory(n.config().resolveSibling(".").toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(n.log().toFile()))
            .start();
    p.getOutputStream().close();
    return p;
  }

  private static int awaitHealthy(
      Path dir,
      List<Node> nodes,
      Map<String, ProcessHandle> processes,
      Map<String, Process> started,
      Duration timeout,
      PrintStream out,
      PrintStream err) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Node> waiting = new ArrayList<>(nodes);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
      while (!waiting.isEmpty()) {
        for (Node n : List.copyOf(waiting)) {
          ProcessHandle h = processes.get(n.id());
          if (h != null && !h.isAlive()) {
            Process p = started.get(n.id());
            err.println(
                "consortium up: the server of "
                    + n.id()
                    + " ended"
                    + (p == null ? "" : " with exit code " + p.exitValue())
                    + " before it was healthy; see "
                    + n.log());
            err.println("consortium up: stop the others with: consortium down --dir " + dir);
            return LedgerCli.CANNOT_CHECK;
          }
          if (healthy(http, n)) {
            waiting.remove(n);
            out.println("  " + n.id() + ": healthy at " + n.statusUri());
          }
        }
        if (waiting.isEmpty()) {
          break;
        }
        if (System.nanoTime() > deadline) {
          err.println(
              "consortium up: not healthy within "
                  + timeout.toSeconds()
                  + " s: "
                  + String.join(", ", waiting.stream().map(Node::id).toList())
                  + " (see their "
                  + LOG_FILE
                  + "); stop the nodes with: consortium down --dir "
                  + dir);
          return LedgerCli.CANNOT_CHECK;
        }
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return LedgerCli.CANNOT_CHECK;
    }
    out.println(
        "consortium up: "
            + nodes.size()
            + " nodes healthy; stop them with: consortium down --dir "
            + dir);
    return LedgerCli.OK;
  }

  /** Whether the node answers its ledger status and knows the leader of every channel it holds. */
  static boolean healthy(HttpClient http, Node n) throws InterruptedException {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(n.statusUri()).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return false;
      }
      JsonNode channels = JSON.readTree(r.body()).path("channels");
      if (!channels.isArray() || channels.isEmpty()) {
        return false;
      }
      for (JsonNode c : channels) {
        String role = c.path("role").asString("");
        if (role.equals("joining") || role.equals("removed")) {
          continue; // not a member of that channel (ADR 0033): it has no leader to know
        }
        if (!c.path("leader").isString() || c.path("leader").asString().isEmpty()) {
          return false;
        }
      }
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static int down(String[] args, PrintStream out, PrintStream err) {
    Path dir;
    Duration timeout;
    try {
      Options o = Options.parse(args, Set.of("dir", "timeout"), Set.of());
      dir = dir(o);
      timeout = Duration.ofSeconds(o.integer("timeout", 60, 1, 3600));
    } catch (IllegalArgumentException e) {
      return usage("consortium down", e, err);
    }
    List<Node> nodes;
    try {
      nodes = read(dir);
    } catch (RuntimeException e) {
      err.println("consortium down: " + e.getMessage());
      return LedgerCli.CANNOT_CHECK;
    }
    int result = LedgerCli.OK;
    Map<Node, ProcessHandle> stopping = new LinkedHashMap<>();
    for (Node n : nodes) {
      Long pid = n.pid();
      if (pid == null) {
        out.println("  " + n.id() + ": not running");
        continue;
      }
      Optional<ProcessHandle> h = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
      if (h.isEmpty()) {
        out.println("  " + n.id() + ": not running (pid " + pid + " has ended)");
        writePid(dir, n.id(), null);
      } else if (!isServerOf(h.get(), n)) {
        err.println(
            "  "
                + n.id()
                + ": pid "
                + pid
                + " is not its server (its command line does not name "
                + n.config()
                + "): left alone");
        writePid(dir, n.id(), null);
        result = LedgerCli.CANNOT_CHECK;
      } else {
        h.get().destroy();
        stopping.put(n, h.get());
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (var e : stopping.entrySet()) {
      Node n = e.getKey();
      ProcessHandle h = e.getValue();
      boolean graceful = awaitExit(h, Math.max(0, deadline - System.nanoTime()));
      if (!graceful) {
        h.destroyForcibly();
        if (!awaitExit(h, TimeUnit.SECONDS.toNanos(10))) {
          err.println("  " + n.id() + ": pid " + h.pid() + " does not stop");
          result = LedgerCli.CANNOT_CHECK;
          continue;
        }
      }
      writePid(dir, n.id(), null);
      out.println(
          "  "
              + n.id()
              + ": stopped (pid "
              + h.pid()
              + (graceful ? ")" : ", killed after timeout)"));
    }
    return result;
  }

  private static boolean awaitExit(ProcessHandle h, long nanos) {
    try {
      h.onExit().get(nanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return !h.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !h.isAlive();
    }
  }

  /** The recorded process of a node, if it still runs and is that node's server. */
  private static Optional<ProcessHandle> running(Node n) {
    Long pid = n.pid();
    if (pid == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> isServerOf(h, n));
  }

  /** Whether the process was started for this node: its command line names the node's file. */
  private static boolean isServerOf(ProcessHandle h, Node n) {
    String config = n.config().toString();
    for (String a : arguments(h)) {
      if (a.equals(config) || a.endsWith("=" + config)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A process's command line: from {@code /proc} where there is one (the JDK cuts it at 4 KiB, and
   * a server run from a class path has a longer one), else as the JDK reports it.
   */
  static List<String> arguments(ProcessHandle h) {
    Path cmdline = Path.of("/proc", String.valueOf(h.pid()), "cmdline");
    try {
      if (Files.isReadable(cmdline)) {
        return List.of(Files.readString(cmdline, StandardCharsets.UTF_8).split("\0"));
      }
    } catch (IOException e) {
      // fall back to what the JDK reports
    }
    return h.info().arguments().map(List::of).orElse(List.of());
  }

  /** Whether something already listens on the node's HTTP port. */
  private static boolean portTaken(Node n) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(n.host(), n.httpPort()));
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  private static Path dir(Options o) {
    String d = o.get("dir");
    if (d == null) {
      throw new IllegalArgumentException("--dir is required");
    }
    return Path.of(d).toAbsolutePath().normalize();
  }

  private static int usage(String command, IllegalArgumentException e, PrintStream err) {
    err.println(command + ": " + e.getMessage());
    err.println(LedgerCli.CONSORTIUM_USAGE);
    return LedgerCli.USAGE;
  }

  /** The nodes {@code consortium.json} in {@code dir} lists, each with its configuration read. */
  static List<Node> read(Path dir) {
    Path index = dir.resolve(ConsortiumLayout.INDEX_FILE);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(index));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no consortium in " + dir + " (cannot read " + ConsortiumLayout.INDEX_FILE + ")", e);
    }
    JsonNode orgs = root.path("orgs");
    if (!orgs.isArray() || orgs.isEmpty()) {
      throw new IllegalArgumentException(index + " lists no organisations");
    }
    List<Node> nodes = new ArrayList<>();
    for (JsonNode org : orgs) {
      String id = org.path("id").asString("");
      String config = org.path("config").asString("");
      if (id.isEmpty() || config.isEmpty()) {
        throw new IllegalArgumentException(index + ": every organisation has an id and a config");
      }
      NodeConfigFile c = NodeConfigFile.load(dir.resolve(config));
      JsonNode pid = org.path("pid");
      nodes.add(
          new Node(
              id,
              c.file(),
              c.raftHost(),
              c.httpPort(),
              pid.isIntegralNumber() ? Long.valueOf(pid.asLong()) : null));
    }
    return nodes;
  }

  /** Records (or clears) the process id of an organisation's node in {@code consortium.json}. */
  static void writePid(Path dir, String id, @Nullable Long pid) {
    Path index = dir.resolve(ConsortiumLayout.INDEX_FILE);
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(index));
      for (JsonNode org : root.path("orgs")) {
        if (org instanceof ObjectNode o && id.equals(o.path("id").asString(""))) {
          if (pid == null) {
            o.putNull("pid");
          } else {
            o.put("pid", pid.longValue());
          }
        }
      }
      Path tmp = index.resolveSibling(ConsortiumLayout.INDEX_FILE + ".tmp");
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
      Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the process ids in " + index, e);
    }
  }
}
