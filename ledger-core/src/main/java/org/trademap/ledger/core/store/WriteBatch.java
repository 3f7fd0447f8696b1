package org.trademap.ledger.core.store;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Puts and deletes applied together by {@link KeyValueStore#write(WriteBatch)}, in order. */
public final class WriteBatch {

  /**
   * One operation.
   *
   * @param key the key
   * @param value the new value, or null to delete
   */
  public record Op(byte[] key, byte @Nullable [] value) {}

  private final List<Op> ops = new ArrayList<>();

  public WriteBatch put(byte[] key, byte[] value) {
    ops.add(new Op(key.clone(), value.clone()));
    return this;
  }

  public WriteBatch delete(byte[] key) {
    ops.add(new Op(key.clone(), null));
    return this;
  }

  public List<Op> ops() {
    return List.copyOf(ops);
  }

  public int size() {
    return ops.size();
  }
}
