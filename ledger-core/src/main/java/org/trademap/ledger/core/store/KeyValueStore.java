package org.trademap.ledger.core.store;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * An ordered byte-key store. Implementations are thread-safe; a reader never sees half of a batch.
 */
public interface KeyValueStore extends AutoCloseable {

  /** The value of a key, or null. */
  byte @Nullable [] get(byte[] key);

  /**
   * Visits the entries whose key starts with {@code prefix}, in unsigned key order, starting at
   * {@code from} (inclusive; must itself start with the prefix, or be the prefix). Stops when the
   * visitor returns false.
   */
  void scan(byte[] prefix, byte[] from, Visitor visitor);

  /** Visits every entry whose key starts with {@code prefix}. */
  default void scan(byte[] prefix, Visitor visitor) {
    scan(prefix, prefix, visitor);
  }

  /** Applies every operation of the batch atomically. */
  void write(WriteBatch batch);

  /** Makes everything written so far durable on disk (no-op in memory). */
  void flush();

  /** Writes a consistent copy of the whole store into {@code target}, which must not exist. */
  void checkpoint(Path target);

  @Override
  void close();

  /** Receives entries of a scan. */
  @FunctionalInterface
  interface Visitor {
    /** Returns false to stop the scan. */
    boolean visit(byte[] key, byte[] value);
  }
}
