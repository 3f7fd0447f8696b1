package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;

/**
 * The upgrades of one contract that the governance policy approved, in activation order: which
 * version runs from which height. Before the first step the genesis version runs. Kept in the
 * governance contract's state under {@link #key(String)}.
 *
 * @param steps versions ascending by one, heights strictly ascending
 */
public record Schedule(List<Step> steps) {

  /** The schedule of a contract that was never upgraded. */
  public static final Schedule NONE = new Schedule(List.of());

  /** Version {@code version} runs from block {@code fromHeight} on. */
  public record Step(int version, long fromHeight) {}

  public Schedule {
    steps = List.copyOf(steps);
    for (int i = 1; i < steps.size(); i++) {
      Step a = steps.get(i - 1);
      Step b = steps.get(i);
      if (b.version() != a.version() + 1 || b.fromHeight() <= a.fromHeight()) {
        throw new IllegalArgumentException("schedule steps must ascend by one version");
      }
    }
  }

  /** The key of a contract's schedule in the governance contract's key space. */
  public static byte[] key(String contractId) {
    return ("schedule/" + contractId).getBytes(StandardCharsets.UTF_8);
  }

  /** The version that executes block {@code height}. */
  public int versionAt(long height, int genesisVersion) {
    int v = genesisVersion;
    for (Step s : steps) {
      if (s.fromHeight() <= height) {
        v = s.version();
      }
    }
    return v;
  }

  /** The highest version, active or still to come. */
  public int latest(int genesisVersion) {
    return steps.isEmpty() ? genesisVersion : steps.get(steps.size() - 1).version();
  }

  /** The last step, if any. */
  public Optional<Step> last() {
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(steps.size() - 1));
  }

  /** This schedule with one more step at the end. */
  public Schedule with(Step step) {
    List<Step> more = new ArrayList<>(steps);
    more.add(step);
    return new Schedule(more);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(4 + 12 * steps.size());
    w.i32(steps.size());
    for (Step s : steps) {
      w.i32(s.version()).i64(s.fromHeight());
    }
    return w.toByteArray();
  }

  /**
   * Reads a stored schedule.
   *
   * @throws EncodingException if the bytes are not one
   */
  public static Schedule decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = r.count(10_000, "schedule steps");
    List<Step> steps = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      steps.add(new Step(r.i32("version"), r.i64("activation height")));
    }
    r.end();
    try {
      return new Schedule(steps);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }
}
