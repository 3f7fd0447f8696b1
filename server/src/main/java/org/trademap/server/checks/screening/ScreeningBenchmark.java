package org.trademap.server.checks.screening;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark program (not a test): loads the real UN and OFAC lists from a directory, indexes
 * them, and measures the latency of screening single names (p50, p90, p99, max) and the throughput
 * on one and on all cores; then the quality of the threshold: how many misspelt and reordered
 * variants of listed names reach it, and how many made-up and common names do.
 *
 * <p>Run: {@code bin/trademap bench screening [--lists DIR] [--queries N]}; {@code DIR} holds
 * {@code UN_consolidated.xml} and {@code ofac_sdn.csv}, {@code ofac_alt.csv}, {@code ofac_add.csv},
 * {@code ofac_sdn_comments.csv} (default {@code ../shared/data/sanctions}).
 */
public final class ScreeningBenchmark {
  private static final List<String> COMMON =
      List.of(
          "Anna Maria Eriksson",
          "John Smith",
          "Maria Garcia",
          "Peter Müller",
          "Li Wei",
          "Wang Fang",
          "Hiroshi Tanaka",
          "Yuki Sato",
          "Olga Ivanova",
          "Jean Dupont",
          "Giuseppe Rossi",
          "Ahmed Hassan",
          "Fatima Khan",
          "David Cohen",
          "James Brown",
          "Priya Sharma",
          "Carlos Rodriguez",
          "Sofia Andersson",
          "Thomas Schneider",
          "Emma Wilson",
          "Mohammed Al Farsi",
          "Ali Reza Ahmadi",
          "Nguyen Van An",
          "Kim Min-jun",
          "Ivan Petrov",
          "Lars Nielsen",
          "Ana Silva",
          "Michael Johnson",
          "Sarah Miller",
          "Hans Meier");

  private ScreeningBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("../shared/data/sanctions");
    int queries = 2_000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--lists" -> dir = Path.of(args[++i]);
        case "--queries" -> queries = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: bench screening [--lists DIR] [--queries N]");
          System.exit(64);
        }
      }
    }
    run(dir, queries, System.out);
  }

  static void run(Path dir, int queryCount, PrintStream out) throws Exception {
    double threshold = ScreeningProperties.defaults().threshold();
    Runtime runtime = Runtime.getRuntime();
    out.printf(
        Locale.ROOT,
        "machine: %d cores, %s %s (%s), max heap %d MiB, %s %s%n",
        runtime.availableProcessors(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        System.getProperty("java.vendor"),
        runtime.maxMemory() >> 20,
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
    out.printf(
        Locale.ROOT,
        "load average at start: %.2f; time %s%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Instant.now());
    out.printf(
        Locale.ROOT, "lists: %s; threshold %.2f%n", dir.toAbsolutePath().normalize(), threshold);

    long t0 = System.nanoTime();
    List<ListEntry> un = UnListParser.parse(Files.readAllBytes(dir.resolve("UN_consolidated.xml")));
    long t1 = System.nanoTime();
    List<ListEntry> ofac =
        OfacListParser.parse(
            new OfacListParser.Files(
                read(dir, "ofac_sdn.csv"),
                read(dir, "ofac_alt.csv"),
                read(dir, "ofac_add.csv"),
                read(dir, "ofac_sdn_comments.csv")));
    long t2 = System.nanoTime();
    ListSnapshot snapshot =
        ListSnapshot.empty()
            .with(ListSource.UN, index(ListSource.UN, 1, un))
            .with(ListSource.OFAC, index(ListSource.OFAC, 2, ofac));
    long t3 = System.nanoTime();
    out.printf(
        Locale.ROOT,
        "loaded: UN %d entries (parse %.0f ms), OFAC %d entries (parse %.0f ms), indexed in %.0f"
            + " ms%n",
        un.size(),
        (t1 - t0) / 1e6,
        ofac.size(),
        (t2 - t1) / 1e6,
        (t3 - t2) / 1e6);

    Random random = new Random(20261123);
    List<ListEntry> people = new ArrayList<>();
    for (List<ListEntry> list : List.of(un, ofac)) {
      list.stream().filter(e -> e.kind() == EntryKind.PERSON).forEach(people::add);
    }
    List<Party> workload = new ArrayList<>();
    for (int i = 0; i < queryCount; i++) {
      String name =
          switch (i % 3) {
            case 0 -> variant(people.get(random.nextInt(people.size())).name(), random);
            case 1 -> madeUp(people, random);
            default -> COMMON.get(random.nextInt(COMMON.size()));
          };
      workload.add(new Party(PartyRole.SUBJECT, EntryKind.PERSON, name, null, null));
    }

    // Warm-up until the JIT settles, then the measured pass on one thread.
    for (int round = 0; round < 3; round++) {
      for (Party p : workload) {
        snapshot.screen(p, threshold);
      }
    }
    long[] nanos = new long[workload.size()];
    long hits = 0;
    long start = System.nanoTime();
    for (int i = 0; i < workload.size(); i++) {
      long s = System.nanoTime();
      hits += snapshot.screen(workload.get(i), threshold).size();
      nanos[i] = System.nanoTime() - s;
    }
    long elapsed = System.nanoTime() - start;
    Arrays.sort(nanos);
    out.printf(
        Locale.ROOT,
        "single-name latency, one thread, %d names (1/3 variants of listed people, 1/3 made-up"
            + " from list tokens, 1/3 common names), %d hits: p50 %.3f ms, p90 %.3f ms, p99 %.3f"
            + " ms, max %.3f ms, mean %.3f ms; throughput %.0f names/s%n",
        workload.size(),
        hits,
        percentile(nanos, 0.50),
        percentile(nanos, 0.90),
        percentile(nanos, 0.99),
        nanos[nanos.length - 1] / 1e6,
        elapsed / 1e6 / workload.size(),
        workload.size() / (elapsed / 1e9));

    int threads = runtime.availableProcessors();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      AtomicLong done = new AtomicLong();
      long parallelStart = System.nanoTime();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = offset; i < workload.size(); i += threads) {
                    snapshot.screen(workload.get(i), threshold);
                    done.incrementAndGet();
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      long parallel = System.nanoTime() - parallelStart;
      out.printf(
          Locale.ROOT,
          "throughput on %d threads: %.0f names/s%n",
          threads,
          done.get() / (parallel / 1e9));
    }

    quality(snapshot, people, random, out);
  }

  /** Recall of variants of listed names and alert rates of unlisted names, per threshold. */
  private static void quality(
      ListSnapshot snapshot, List<ListEntry> people, Random random, PrintStream out) {
    int n = 600;
    double[] variantScores = new double[n];
    double[] madeUpScores = new double[n];
    for (int i = 0; i < n; i++) {
      ListEntry entry = people.get(random.nextInt(people.size()));
      Party variant =
          new Party(PartyRole.SUBJECT, EntryKind.PERSON, variant(entry.name(), random), null, null);
      variantScores[i] =
          snapshot.screen(variant, EntryMatcher.NAME_FLOOR).stream()
              .filter(h -> h.entryKey().equals(entry.key()))
              .mapToDouble(Hit::score)
              .max()
              .orElse(0);
      Party madeUp =
          new Party(PartyRole.SUBJECT, EntryKind.PERSON, madeUp(people, random), null, null);
      madeUpScores[i] = best(snapshot, madeUp);
    }
    double[] commonScores =
        COMMON.stream()
            .mapToDouble(
                name ->
                    best(
                        snapshot, new Party(PartyRole.SUBJECT, EntryKind.PERSON, name, null, null)))
            .toArray();
    out.printf(
        Locale.ROOT,
        "threshold quality (%d variants: tokens reversed, spelling changed, later names dropped;"
            + " %d made-up names"
            + " of the first and last name of two different listed people; %d common names):%n",
        n,
        n,
        commonScores.length);
    out.println("  threshold  variants found  made-up alerts  common-name alerts");
    for (double t = 0.80; t <= 0.951; t += 0.01) {
      out.printf(
          Locale.ROOT,
          "  %.2f       %5.1f %%         %5.1f %%         %5.1f %%%n",
          t,
          share(variantScores, t),
          share(madeUpScores, t),
          share(commonScores, t));
    }
  }

  private static double best(ListSnapshot snapshot, Party party) {
    return snapshot.screen(party, EntryMatcher.NAME_FLOOR).stream()
        .mapToDouble(Hit::score)
        .max()
        .orElse(0);
  }

  private static double share(double[] scores, double threshold) {
    long above = Arrays.stream(scores).filter(s -> s >= threshold - 1e-9).count();
    return 100.0 * above / scores.length;
  }

  private static final String[][] SPELLINGS = {
    {"o", "u"}, {"u", "o"}, {"e", "a"}, {"a", "e"}, {"i", "y"}, {"y", "i"}, {"ou", "u"},
    {"mm", "m"}, {"dd", "d"}, {"ss", "s"}, {"kh", "h"}, {"q", "k"}, {"j", "dj"}, {"ee", "i"}
  };

  /**
   * A variant as another document or transliteration might write the name: tokens in reverse order,
   * one spelling change in each token of more than three letters with probability 1/2 (a vowel for
   * another, a double letter single, {@code kh} for {@code h}, …), and the third and later names
   * dropped with probability 1/3 (a passport with fewer names than the list).
   */
  static String variant(String name, Random random) {
    List<String> tokens = new ArrayList<>(Names.tokens(name, EntryKind.PERSON).tokens());
    if (tokens.size() > 2 && random.nextInt(3) == 0) {
      tokens = new ArrayList<>(tokens.subList(0, 2));
    }
    Collections.reverse(tokens);
    for (int t = 0; t < tokens.size(); t++) {
      String word = tokens.get(t);
      if (word.length() > 3 && random.nextBoolean()) {
        String[] change = SPELLINGS[random.nextInt(SPELLINGS.length)];
        int at = word.indexOf(change[0], 1);
        if (at > 0) {
          word = word.substring(0, at) + change[1] + word.substring(at + change[0].length());
        } else {
          int drop = 1 + random.nextInt(word.length() - 1);
          word = word.substring(0, drop) + word.substring(drop + 1);
        }
        tokens.set(t, word);
      }
    }
    return String.join(" ", tokens);
  }

  /** The first token of one listed person and the last of another. */
  private static String madeUp(List<ListEntry> people, Random random) {
    List<String> a =
        Names.tokens(people.get(random.nextInt(people.size())).name(), EntryKind.PERSON).tokens();
    List<String> b =
        Names.tokens(people.get(random.nextInt(people.size())).name(), EntryKind.PERSON).tokens();
    return a.getFirst() + " " + b.getLast();
  }

  private static double percentile(long[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static String read(Path dir, String file) throws IOException {
    Path path = dir.resolve(file);
    return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
  }

  private static ScreeningIndex index(ListSource source, long id, List<ListEntry> entries) {
    return ScreeningIndex.build(
        List.of(
            new ScreeningIndex.Loaded(
                new ListVersion(id, source, Instant.now(), "", entries.size(), "bench", null),
                entries)));
  }
}
