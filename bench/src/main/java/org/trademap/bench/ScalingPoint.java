package org.trademap.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One size of the scaling experiment: what was measured on this machine and the projection for one
 * machine per node.
 *
 * <p><b>The projection from the CPU above idle</b> ({@code projectedTps}, ADR 0037). Before the
 * load, each node's CPU rate while the consortium is idle is measured ({@code
 * idleCpuMsPerSecByNode}: milliseconds of CPU per second, user + system, all its threads). During
 * the measured submission time of {@code seconds} each node spent {@code cpuMs}; its marginal CPU
 * per transaction is {@code (cpuMs − idleRate × seconds) / acknowledged} ({@code
 * marginalCpuMsPerTxByNode}), the CPU the transactions added to what the node spends anyway (Raft
 * heartbeats of every group, checkpoint rounds, timers). On a machine of its own with this
 * machine's cores the node sustains {@code (cores × 1000 − idleRate) / marginal} transactions per
 * second; {@code projectedTps} is the lowest of these, that of the {@code limitingNode}. A node
 * whose marginal CPU is not positive (the load cost it nothing measurable above its idle rate)
 * limits nothing. This projection neither charges the idle work to the transactions nor leaves it
 * out: it is taken off the cores before they are shared out.
 *
 * <p><b>The projection from all CPU</b> ({@code projectedTpsAllCpu}, ADR 0031's original): {@code
 * cpuMsPerTxPerNode} is the busiest node's CPU time per acknowledged transaction, idle work
 * included, and {@code projectedTpsAllCpu = cores × 1000 / cpuMsPerTxPerNode}. It charges all
 * background work to the transactions of the measured rate, which makes it cautious, more so the
 * more Raft groups a node holds and the fewer transactions per second it sees.
 *
 * <p>Both leave out network latency, disks and the client.
 *
 * @param model trust model, {@code a} or {@code b}
 * @param companies securities companies
 * @param nodes nodes of the consortium: companies, the consortium and the notary
 * @param measuredTps acknowledged transactions per second measured on this machine
 * @param projectedTps the projection from the CPU above idle (see above)
 * @param limitingNode the node with the lowest projection above idle
 * @param idleCpuMsPerSec that node's idle CPU rate, milliseconds per second
 * @param marginalCpuMsPerTx that node's marginal CPU milliseconds per transaction
 * @param projectedTpsAllCpu the projection from all CPU (see above)
 * @param cpuMsPerTxPerNode the busiest node's CPU milliseconds per acknowledged transaction, idle
 *     work included
 * @param busiestNode the organisation of that node
 * @param cpuMsPerTxByNode every node's CPU milliseconds per acknowledged transaction
 * @param idleCpuMsPerSecByNode every node's idle CPU rate, milliseconds per second
 * @param marginalCpuMsPerTxByNode every node's marginal CPU milliseconds per transaction
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
    String limitingNode,
    double idleCpuMsPerSec,
    double marginalCpuMsPerTx,
    double projectedTpsAllCpu,
    double cpuMsPerTxPerNode,
    String busiestNode,
    Map<String, Double> cpuMsPerTxByNode,
    Map<String, Double> idleCpuMsPerSecByNode,
    Map<String, Double> marginalCpuMsPerTxByNode,
    long acknowledged,
    long refused,
    long errors,
    double seconds,
    int cores) {

  /**
   * The point of a measured run.
   *
   * @param cpuNanosByNode each node's CPU time during the measured time, in nanoseconds
   * @param idleMsPerSecByNode each node's CPU rate while idle, in milliseconds per second; a node
   *     not in it counts as idle at 0
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
      Map<String, Double> idleMsPerSecByNode,
      int cores) {
    if (acknowledged <= 0 || seconds <= 0) {
      throw new IllegalArgumentException(
          "no transaction was acknowledged at model " + model + ", " + companies + " companies");
    }
    if (cpuNanosByNode.isEmpty()) {
      throw new IllegalArgumentException("no node's CPU time");
    }
    double coreMs = cores * 1000.0;
    Map<String, Double> perTx = new LinkedHashMap<>();
    Map<String, Double> idle = new LinkedHashMap<>();
    Map<String, Double> marginal = new LinkedHashMap<>();
    String busiest = "";
    double most = -1;
    String limiting = "";
    double lowest = Double.POSITIVE_INFINITY;
    double limitingIdle = 0;
    double limitingMarginal = 0;
    for (var e : cpuNanosByNode.entrySet()) {
      String node = e.getKey();
      double cpuMs = e.getValue() / 1e6;
      double ms = cpuMs / acknowledged;
      perTx.put(node, LedgerReport.round(ms, 4));
      if (ms > most) {
        most = ms;
        busiest = node;
      }
      double idleRate = Math.max(0, idleMsPerSecByNode.getOrDefault(node, 0.0));
      double above = (cpuMs - idleRate * seconds) / acknowledged;
      idle.put(node, LedgerReport.round(idleRate, 2));
      marginal.put(node, LedgerReport.round(above, 4));
      if (above > 0) {
        double tps = Math.max(0, coreMs - idleRate) / above;
        if (tps < lowest) {
          lowest = tps;
          limiting = node;
          limitingIdle = idleRate;
          limitingMarginal = above;
        }
      }
    }
    double projected = Double.isInfinite(lowest) ? 0 : lowest;
    double projectedAll = most <= 0 ? 0 : coreMs / most;
    return new ScalingPoint(
        model,
        companies,
        cpuNanosByNode.size(),
        LedgerReport.round(acknowledged / seconds, 1),
        LedgerReport.round(projected, 1),
        limiting,
        LedgerReport.round(limitingIdle, 2),
        LedgerReport.round(limitingMarginal, 4),
        LedgerReport.round(projectedAll, 1),
        LedgerReport.round(most, 4),
        busiest,
        perTx,
        idle,
        marginal,
        acknowledged,
        refused,
        errors,
        LedgerReport.round(seconds, 3),
        cores);
  }
}
