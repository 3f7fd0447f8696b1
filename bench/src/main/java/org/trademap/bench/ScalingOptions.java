package org.trademap.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.core.config.ConsortiumLayout.Model;

/**
 * Options of {@code BenchMain scaling}: the JPX Figure 7-9 experiment, one local consortium per
 * trust model and number of securities companies.
 *
 * @param models the trust models, in the order given
 * @param companies numbers of securities companies, ascending (nodes = companies + 2)
 * @param duration the measured submission time per size
 * @param idle how long each node's idle CPU rate is sampled, before the warm-up and after it
 * @param warmup the load before it, per size, not measured; zero for none
 * @param concurrency transactions outstanding at a time, spread over the loaded channels and nodes
 * @param perCompany if positive, transactions outstanding per company instead: {@code perCompany ×
 *     companies} at each size (each company's systems keep the same load, ADR 0040)
 * @param out the directory for the consortiums and {@code scaling.json}, {@code .csv}, {@code
 *     .png}; null for {@code bench-results/scaling-<UTC timestamp>}
 * @param help only print the usage
 */
record ScalingOptions(
    List<Model> models,
    List<Integer> companies,
    Duration duration,
    Duration idle,
    Duration warmup,
    int concurrency,
    int perCompany,
    @Nullable Path out,
    boolean help) {

  /** Transactions outstanding at a time at {@code companies} companies. */
  int concurrencyAt(int companies) {
    return outstanding(concurrency, perCompany, companies);
  }

  private static int outstanding(int concurrency, int perCompany, int companies) {
    return perCompany > 0 ? perCompany * companies : concurrency;
  }

  static final List<Integer> DEFAULT_COMPANIES = List.of(4, 8, 12, 16, 20);
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);
  static final Duration DEFAULT_IDLE = Duration.ofSeconds(5);
  static final Duration MIN_DURATION = Duration.ofSeconds(1);

  /** A consortium has at most 100 organisations: the consortium, the notary and 98 companies. */
  static final int MAX_COMPANIES = 98;

  /**
   * Parses {@code --model a|b|a,b}, {@code --companies 4,8,...}, {@code --duration D}, {@code
   * --idle D}, {@code --warmup D}, {@code --concurrency N} or {@code --concurrency-per-company N},
   * {@code --out DIR} (also as {@code --x=v}).
   */
  static ScalingOptions parse(List<String> args) throws UsageException {
    List<Model> models = null;
    List<Integer> companies = DEFAULT_COMPANIES;
    Duration duration = DEFAULT_DURATION;
    Duration warmup = DEFAULT_WARMUP;
    Duration idle = DEFAULT_IDLE;
    int concurrency = ClusterOptions.DEFAULT_CONCURRENCY;
    boolean concurrencyGiven = false;
    int perCompany = 0;
    Path out = null;
    boolean help = false;
    Set<String> withValue =
        Set.of(
            "--model",
            "--companies",
            "--duration",
            "--idle",
            "--warmup",
            "--concurrency",
            "--concurrency-per-company",
            "--out");
    for (Args.Option option : Args.split(args, withValue)) {
      String name = option.name();
      switch (name) {
        case "-h", "--help" -> help = true;
        case "--model" -> models = parseModels(option.given());
        case "--companies" -> companies = parseCompanies(option.given());
        case "--duration" -> duration = parseDuration(name, option.given(), MIN_DURATION);
        case "--idle" -> idle = parseDuration(name, option.given(), MIN_DURATION);
        case "--warmup" ->
            warmup =
                option.given().matches("0+(ms|s|m|h)?")
                    ? Duration.ZERO
                    : parseDuration(name, option.given(), Duration.ZERO);
        case "--concurrency" -> {
          concurrency = ClusterOptions.parseConcurrency(option.given());
          concurrencyGiven = true;
        }
        case "--concurrency-per-company" ->
            perCompany =
                ClusterOptions.wholeNumber(name, option.given(), ClusterOptions.MAX_CONCURRENCY);
        case "--out" -> out = LedgerOptions.parsePath(name, option.given());
        default -> throw new UsageException("unknown option '" + option.typed() + "'");
      }
    }
    if (help) {
      return new ScalingOptions(
          List.of(), companies, duration, idle, warmup, concurrency, perCompany, out, true);
    }
    if (models == null) {
      throw new UsageException("scaling needs --model a, b or a,b");
    }
    if (concurrencyGiven && perCompany > 0) {
      throw new UsageException(
          "give --concurrency (in all) or --concurrency-per-company (per company), not both");
    }
    int largest = companies.getLast();
    if (perCompany > 0 && (long) perCompany * largest > ClusterOptions.MAX_CONCURRENCY) {
      throw new UsageException(
          "--concurrency-per-company "
              + perCompany
              + " makes "
              + (long) perCompany * largest
              + " outstanding at "
              + largest
              + " companies; at most "
              + ClusterOptions.MAX_CONCURRENCY
              + " (the nonce window of the benchmark's one signer)");
    }
    for (int n : companies) {
      int outstanding = outstanding(concurrency, perCompany, n);
      for (Model m : models) {
        int pairs = loadedPairs(m, n);
        if (outstanding < pairs) {
          throw new UsageException(
              (perCompany > 0 ? "--concurrency-per-company" : "--concurrency")
                  + " must give at least "
                  + pairs
                  + " outstanding so that every channel's every node gets load at "
                  + n
                  + " companies, not "
                  + outstanding);
        }
      }
    }
    return new ScalingOptions(
        List.copyOf(models),
        companies,
        duration,
        idle,
        warmup,
        concurrency,
        perCompany,
        out,
        false);
  }

  /**
   * The pairs of channel and node the load goes to: in model a each company's relationship channel
   * at its three members, in model b the one channel at every node.
   */
  static int loadedPairs(Model model, int companies) {
    return model == Model.A ? 3 * companies : companies + 2;
  }

  static List<Model> parseModels(String value) throws UsageException {
    List<Model> models = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      Model m =
          switch (part.trim()) {
            case "a" -> Model.A;
            case "b" -> Model.B;
            default ->
                throw new UsageException(
                    "--model takes a, b or a,b (the JPX trust models), not '" + value + "'");
          };
      if (models.contains(m)) {
        throw new UsageException("--model names model " + m.label() + " twice: '" + value + "'");
      }
      models.add(m);
    }
    return models;
  }

  static List<Integer> parseCompanies(String value) throws UsageException {
    TreeSet<Integer> sizes = new TreeSet<>();
    for (String part : value.split(",", -1)) {
      String p = part.trim();
      int n;
      try {
        n = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        throw new UsageException(
            "--companies takes whole numbers separated by commas such as 4,8,12, not '"
                + value
                + "'");
      }
      if (n < 1 || n > MAX_COMPANIES) {
        throw new UsageException(
            "--companies: each number of companies must be 1 to " + MAX_COMPANIES + ", not " + n);
      }
      if (!sizes.add(n)) {
        throw new UsageException("--companies names " + n + " twice: '" + value + "'");
      }
    }
    return List.copyOf(sizes);
  }

  private static Duration parseDuration(String option, String value, Duration min)
      throws UsageException {
    Duration d;
    try {
      d = LedgerOptions.parseDuration(value);
    } catch (UsageException e) {
      throw new UsageException(String.valueOf(e.getMessage()).replace("--duration", option));
    }
    if (d.compareTo(min) < 0 || d.compareTo(LedgerOptions.MAX_DURATION) > 0) {
      throw new UsageException(
          option
              + " must be between "
              + Durations.format(min)
              + " and 10m, not "
              + Durations.format(d));
    }
    return d;
  }
}
