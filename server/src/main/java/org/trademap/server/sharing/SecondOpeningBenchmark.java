package org.trademap.server.sharing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.trademap.server.TradeMapApplication;
import org.trademap.server.identity.TotpAlgorithm;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.identity.TotpService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A benchmark program (not a test): the time from a person's request to open an account at a second
 * company to that company holding a verified package (JPX §5 "second and later"), on the embedded
 * default. It starts the server in this process with a fresh data directory and the demo data, lets
 * the demo operator approve the demo's submitted person over the API, opens the first account at
 * the first demo company, then repeats {@code --openings} times: apply at the second company
 * ({@code POST /api/v1/me/applications}), poll the company's {@code GET …/package} until it answers
 * 200 (verified against the ledger), withdraw. Prints p50, p95, p99 and max with the machine and
 * the configuration.
 *
 * <p>Run: {@code bin/trademap bench second-opening [--openings N]} (default 200).
 */
public final class SecondOpeningBenchmark {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  private SecondOpeningBenchmark(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** A demo account from the credentials file. */
  private record Demo(String email, String password, String totpKey) {}

  public static void main(String[] args) throws Exception {
    int openings = 200;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--openings") && i + 1 < args.length) {
        openings = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: bench second-opening [--openings N]");
        System.exit(64);
      }
    }
    run(openings, System.out);
    System.exit(0);
  }

  /** Runs the benchmark and prints its report; returns the measured times in milliseconds. */
  public static List<Double> run(int openings, PrintStream out) throws Exception {
    if (openings < 1) {
      throw new IllegalArgumentException("at least one opening");
    }
    Path dir = Files.createTempDirectory("trademap-bench-second-opening");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TradeMapApplication.class)
            .run(
                "--trademap.data-dir=" + dir,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--trademap.demo.seed=true",
                "--logging.level.root=WARN",
                "--logging.level.org.trademap=WARN");
    try {
      int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
      List<Double> millis = new SecondOpeningBenchmark(port).measure(dir, openings);
      report(out, openings, millis);
      return millis;
    } finally {
      context.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private List<Double> measure(Path dir, int openings) throws Exception {
    String credentials = awaitCredentials(dir.resolve("demo-credentials.txt"));
    String operator = signIn(demo(credentials, "Back office: KYC operator"));
    String person = signIn(demo(credentials, "Person with a submitted file"));
    String alpha = signIn(demo(credentials, "Securities company: approver at Alpha"));
    String beta = signIn(demo(credentials, "Securities company: approver at Beta"));

    approveTheSubmittedCase(operator);
    String first = awaitApplied(person, "alpha-securities");
    awaitPackage(alpha, first);

    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < openings; i++) {
      long start = System.nanoTime();
      HttpResponse<String> applied = apply(person, "beta-securities");
      if (applied.statusCode() != 201) {
        throw new IllegalStateException("apply: " + applied.statusCode() + " " + applied.body());
      }
      String id = JSON.readTree(applied.body()).get("id").asString();
      awaitPackage(beta, id);
      millis.add((System.nanoTime() - start) / 1e6);
      HttpResponse<String> withdrawn =
          post(person, "/api/v1/me/applications/" + id + "/withdraw", "");
      if (withdrawn.statusCode() != 200) {
        throw new IllegalStateException("withdraw: " + withdrawn.statusCode());
      }
    }
    return millis;
  }

  private void approveTheSubmittedCase(String operator) throws Exception {
    Instant until = Instant.now().plus(WAIT);
    JsonNode tasks = JSON.createArrayNode();
    while (tasks.isEmpty()) {
      tasks =
          JSON.readTree(get(operator, "/api/v1/checks/queue?process=id-document").body())
              .get("tasks");
      pause(until, "the demo case");
    }
    String caseId = tasks.get(0).get("caseId").asString();
    JsonNode c = JSON.readTree(get(operator, "/api/v1/checks/cases/" + caseId).body());
    for (JsonNode task : c.get("tasks")) {
      String id = task.get("taskId").asString();
      post(operator, "/api/v1/checks/tasks/" + id + "/claim", "");
      HttpResponse<String> done = null;
      while (done == null || done.statusCode() != 200) {
        done =
            post(
                operator,
                "/api/v1/checks/tasks/" + id + "/complete",
                "{\"result\":\"passed\",\"reason\":\"bench\",\"highRisk\":false,\"override\":false}");
        pause(until, "completing a check: " + done.body());
      }
    }
    HttpResponse<String> decided =
        post(
            operator,
            "/api/v1/checks/cases/" + caseId + "/decision",
            "{\"decision\":\"approve\",\"reason\":\"\"}");
    if (decided.statusCode() != 200) {
      throw new IllegalStateException("decision: " + decided.body());
    }
  }

  private String awaitApplied(String person, String company) throws Exception {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> applied = apply(person, company);
      if (applied.statusCode() == 201) {
        return JSON.readTree(applied.body()).get("id").asString();
      }
      pause(until, "the approval on the ledger: " + applied.body());
    }
  }

  private void awaitPackage(String staff, String id) throws Exception {
    Instant until = Instant.now().plus(WAIT);
    while (true) {
      HttpResponse<String> opened = get(staff, "/api/v1/company/applications/" + id + "/package");
      if (opened.statusCode() == 200) {
        return;
      }
      if (opened.statusCode() != 409 || !opened.body().contains("sharing.package-pending")) {
        throw new IllegalStateException("package: " + opened.statusCode() + " " + opened.body());
      }
      if (Instant.now().isAfter(until)) {
        throw new IllegalStateException("no verified package within " + WAIT);
      }
      Thread.sleep(1);
    }
  }

  private static void pause(Instant until, String what) throws InterruptedException {
    if (Instant.now().isAfter(until)) {
      throw new IllegalStateException("waited too long for " + what);
    }
    Thread.sleep(50);
  }

  private HttpResponse<String> apply(String person, String company) throws Exception {
    return post(
        person,
        "/api/v1/me/applications",
        "{\"companyId\":\"" + company + "\",\"consentVersion\":\"v1\"}");
  }

  private String signIn(Demo demo) throws Exception {
    String totp =
        demo.totpKey().isEmpty()
            ? ""
            : ",\"totp\":\""
                + TotpService.code(
                    new TotpSecret(demo.totpKey(), TotpAlgorithm.SHA1, 6),
                    TotpService.step(Instant.now()) + 1)
                + "\"";
    HttpResponse<String> response =
        post(
            null,
            "/api/v1/sessions",
            "{\"email\":\""
                + demo.email()
                + "\",\"password\":\""
                + demo.password()
                + "\""
                + totp
                + "}");
    if (response.statusCode() != 201) {
      throw new IllegalStateException("sign-in of " + demo.email() + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("token").asString();
  }

  private HttpResponse<String> get(String token, String path)
      throws IOException, InterruptedException {
    return client.send(request(token, path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(
      @org.jspecify.annotations.Nullable String token, String path, String json)
      throws IOException, InterruptedException {
    return client.send(
        request(token, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(
      @org.jspecify.annotations.Nullable String token, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(WAIT);
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.header("Accept", "application/json");
  }

  private static String awaitCredentials(Path file) throws Exception {
    Instant until = Instant.now().plus(Duration.ofMinutes(3));
    while (true) {
      if (Files.exists(file)) {
        String text = Files.readString(file);
        if (text.contains("approver at Beta")) {
          return text;
        }
      }
      pause(until, "the demo data");
    }
  }

  /** The account whose title starts with {@code title} in the credentials file. */
  private static Demo demo(String credentials, String title) {
    List<String> lines = credentials.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(title)) {
        String email = value(lines.get(i + 1), "email:");
        String password = value(lines.get(i + 2), "password:");
        String key =
            lines.get(i + 3).strip().startsWith("TOTP key:")
                ? firstWord(value(lines.get(i + 3), "TOTP key:"))
                : "";
        return new Demo(email, password, key);
      }
    }
    throw new IllegalStateException("no demo account " + title);
  }

  private static String firstWord(String text) {
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(0, space);
  }

  private static String value(String line, String label) {
    String stripped = line.strip();
    if (!stripped.startsWith(label)) {
      throw new IllegalStateException("expected " + label);
    }
    return stripped.substring(label.length()).strip();
  }

  private static void report(PrintStream out, int openings, List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    Runtime runtime = Runtime.getRuntime();
    out.printf(
        Locale.ROOT,
        "second opening: request to verified package at the second company%n"
            + "machine: %d cores, %d MiB max heap, Java %s, %s %s%n"
            + "configuration: embedded default (one ledger node, H2 file database, demo data),"
            + " %d openings, one after another, the company polls every millisecond%n"
            + "p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms%n",
        runtime.availableProcessors(),
        runtime.maxMemory() / (1024 * 1024),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        openings,
        percentile(sorted, 50),
        percentile(sorted, 95),
        percentile(sorted, 99),
        sorted.getLast());
  }

  /** Nearest-rank percentile of sorted values. */
  static double percentile(List<Double> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, rank - 1));
  }
}
