package org.trademap.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the scaling experiment's points as {@code scaling.json} and {@code scaling.csv}. */
final class ScalingFiles {
  static final String JSON_FILE = "scaling.json";
  static final String CSV_FILE = "scaling.csv";
  static final String PNG_FILE = "scaling.png";

  /** The CSV columns, in order; the per-node figures are in the JSON only. */
  static final String CSV_HEADER =
      "model,companies,nodes,measuredTps,projectedTps,limitingNode,idleCpuMsPerSec,"
          + "marginalCpuMsPerTx,projectedTpsAllCpu,cpuMsPerTxPerNode,busiestNode,acknowledged,"
          + "refused,errors,seconds,cores";

  private ScalingFiles() {}

  /** A JSON list of the points, one object each. */
  static void writeJson(Path file, List<ScalingPoint> points) {
    LedgerReport.writeJson(file, points);
  }

  /** The points as CSV: {@link #CSV_HEADER}, then one line per point, numbers with a dot. */
  static String csv(List<ScalingPoint> points) {
    StringBuilder b = new StringBuilder(CSV_HEADER).append('\n');
    for (ScalingPoint p : points) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%s,%d%n",
              p.model(),
              p.companies(),
              p.nodes(),
              number(p.measuredTps()),
              number(p.projectedTps()),
              p.limitingNode(),
              number(p.idleCpuMsPerSec()),
              number(p.marginalCpuMsPerTx()),
              number(p.projectedTpsAllCpu()),
              number(p.cpuMsPerTxPerNode()),
              p.busiestNode(),
              p.acknowledged(),
              p.refused(),
              p.errors(),
              number(p.seconds()),
              p.cores()));
    }
    return b.toString();
  }

  static void writeCsv(Path file, List<ScalingPoint> points) {
    try {
      Files.writeString(file, csv(points), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BenchFailure("cannot write " + file + ": " + e, e);
    }
  }

  /** A figure as the JSON writes it: no exponent, no trailing zeros. */
  private static String number(double value) {
    return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}
