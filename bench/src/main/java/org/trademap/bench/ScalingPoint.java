package org.trademap.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One size of the scaling experiment: what was measured on this machine and the projection for one
 * machine per node.
 *
 * <p>{@code cpuMsPerTxPerNode} is the busiest node's CPU time per acknowledged transaction: for
 * each node process, the CPU time (user + system, all its threads) it spent during the measured
 * submission time, divided by the transactions acknowledged in that time; the largest of these.
 * {@code projectedTps = cores × 1000 / cpuMsPerTxPerNode}: the rate at which that node would use
 * all the cores of a machine of its own with as many cores as this one, so the rate the consortium
 * could sustain with one such machine per node if the busiest node's CPU is the limit (network
 * latency, disks and the client are left out; background work such as Raft heartbeats is charged to
 * the transactions of the measured rate, which makes the projection cautious).
 *
 * @param model trust model, {@code a} or {@code b}
 * @param companies securities companies
 * @param nodes nodes of the consortium: companies, the consortium and the notary
 * @param measuredTps acknowledged transactions per second measured on this machine
 * @param projectedTps the projection with one machine per node (see above)
 * @param cpuMsPerTxPerNode the busiest node's CPU milliseconds per acknowledged transaction
 * @param busiestNode the organisation of that node
 * @param cpuMsPerTxByNode every node's CPU milliseconds per acknowledged transaction
 * @param acknowledged transactions acknowledged in the measured time
 * @param refused transactions refused (422)
 * @param errors other answers or none
 * @param seconds the measured time
 * @param cores the cores of this machine, which the projection gives each node
 */
record ScalingPoint(
    String model,
    int companies,
    int nodes,
    double measuredTps,
    double projectedTps,
    double cpuMsPerTxPerNode,
    String busiestNode,
    Map<String, Double> cpuMsPerTxByNode,
    long acknowledged,
    long refused,
    long errors,
    double seconds,
    int cores) {

  /**
   * The point of a measured run.
   *
   * @param cpuNanosByNode each node's CPU time during the measured time, in nanoseconds
   * @throws IllegalArgumentException if nothing was acknowledged or there is no node
   */
  static ScalingPoint of(
      String model,
      int companies,
      double seconds,
      long acknowledged,
      long refused,
      long errors,
      Map<String, Long> cpuNanosByNode,
      int cores) {
    if (acknowledged <= 0 || seconds <= 0) {
      throw new IllegalArgumentException(
          "no transaction was acknowledged at model " + model + ", " + companies + " companies");
    }
    if (cpuNanosByNode.isEmpty()) {
      throw new IllegalArgumentException("no node's CPU time");
    }
    Map<String, Double> perTx = new LinkedHashMap<>();
    String busiest = "";
    double most = -1;
    for (var e : cpuNanosByNode.entrySet()) {
      double ms = e.getValue() / 1e6 / acknowledged;
      perTx.put(e.getKey(), LedgerReport.round(ms, 4));
      if (ms > most) {
        most = ms;
        busiest = e.getKey();
      }
    }
    double projected = most <= 0 ? 0 : cores * 1000.0 / most;
    return new ScalingPoint(
        model,
        companies,
        cpuNanosByNode.size(),
        LedgerReport.round(acknowledged / seconds, 1),
        LedgerReport.round(projected, 1),
        LedgerReport.round(most, 4),
        busiest,
        perTx,
        acknowledged,
        refused,
        errors,
        LedgerReport.round(seconds, 3),
        cores);
  }
}
