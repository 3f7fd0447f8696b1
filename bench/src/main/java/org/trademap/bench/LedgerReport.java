package org.trademap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result of {@code BenchMain ledger} as written to JSON. The first fields are those every
 * benchmark result of the project carries; {@code tps}, {@code p50Ms} and {@code p99Ms} are the
 * best step's.
 *
 * @param workload what was submitted
 * @param nodes ledger nodes
 * @param model how they were deployed
 * @param cores processors the JVM saw
 * @param jdk the JDK that ran it
 * @param tps the best step's committed transactions per second
 * @param p50Ms the best step's median latency from submit to commit
 * @param p99Ms the best step's 99th percentile latency
 * @param errors errors over all measured steps (warm-up excluded)
 * @param signRate transactions built and signed per second on all cores, by the client
 * @param verifyCeiling Ed25519 verifications per second on all cores, same transactions
 * @param efficiency {@code tps / (verifyCeiling / 2)}: each transaction is verified twice
 * @param steps every measured step, in order, {@linkplain StepRun.Result#rounded() rounded}
 * @param timestamp when the run started (UTC, ISO-8601)
 * @param os the operating system
 * @param maxHeapMb the JVM's maximum heap
 * @param duration the requested total time of the steps
 * @param warmUpSeconds the warm-up before the steps (until the JIT settled)
 * @param bestConcurrency concurrency of the best step
 * @param stopReason why no further step ran
 * @param txBytes encoded size of one transaction
 * @param errorKinds each kind of error with its count (warm-up included)
 * @param verifyCeilingBefore the ceiling measured before the steps
 * @param verifyCeilingAfter the ceiling measured after the steps ({@code verifyCeiling} is the
 *     higher of the two: the one less disturbed by other work on the machine)
 * @param verifyPerCpuSecond verifications per second of verifying threads' CPU time
 * @param cpuUsPerTx the best step's process CPU time per committed transaction
 * @param efficiencyCpu {@code (1 s / cpuUsPerTx) / (verifyPerCpuSecond / 2)}: the share of the
 *     node's CPU time that goes into the two verifications, which depends far less on what else
 *     runs on the machine than {@code efficiency}
 */
record LedgerReport(
    String workload,
    int nodes,
    String model,
    int cores,
    String jdk,
    double tps,
    double p50Ms,
    double p99Ms,
    long errors,
    double signRate,
    double verifyCeiling,
    double efficiency,
    List<StepRun.Result> steps,
    String timestamp,
    String os,
    long maxHeapMb,
    String duration,
    double warmUpSeconds,
    int bestConcurrency,
    String stopReason,
    int txBytes,
    Map<String, Long> errorKinds,
    double verifyCeilingBefore,
    double verifyCeilingAfter,
    double verifyPerCpuSecond,
    double cpuUsPerTx,
    double efficiencyCpu) {

  /** The value rounded to this many decimals, as the report writes its figures. */
  static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  /** Writes the report as indented JSON, creating the parent directories. */
  void write(Path file) {
    writeJson(file, this);
  }

  /** Writes {@code value} as indented JSON to {@code file}, creating the parent directories. */
  static void writeJson(Path file, Object value) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build()
          .writeValue(file.toFile(), value);
    } catch (IOException e) {
      throw new BenchFailure("cannot write the JSON result to " + file + ": " + e, e);
    } catch (JacksonException e) {
      throw new BenchFailure("cannot write the JSON result to " + file + ": " + e.getMessage(), e);
    }
  }
}
