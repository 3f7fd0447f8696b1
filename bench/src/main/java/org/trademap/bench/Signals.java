package org.trademap.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * POSIX job-control signals to a node's process, sent with {@code kill(1)}: Java can only end a
 * process, not stop and continue it. Used by the failover benchmark's pause and slow faults.
 */
final class Signals {
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private Signals() {}

  /** Stops the process ({@code SIGSTOP}): it keeps its sockets but runs no instruction. */
  static void stop(long pid) {
    send("-STOP", pid);
  }

  /** Lets a stopped process run again ({@code SIGCONT}). */
  static void resume(long pid) {
    send("-CONT", pid);
  }

  private static void send(String signal, long pid) {
    Process kill;
    try {
      kill =
          new ProcessBuilder("kill", signal, Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new BenchFailure("cannot run kill " + signal + " " + pid + ": " + e, e);
    }
    try {
      if (!kill.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill.destroyForcibly();
        throw new BenchFailure("kill " + signal + " " + pid + " did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchFailure("interrupted while sending " + signal + " to " + pid, e);
    }
    if (kill.exitValue() != 0) {
      throw new BenchFailure(
          "kill " + signal + " " + pid + " failed (exit " + kill.exitValue() + ")");
    }
  }
}
