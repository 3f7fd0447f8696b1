package org.trademap.ledger.core.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/** A {@link KeyValueStore} in memory, for tests and for replaying a chain during verification. */
public final class InMemoryStore implements KeyValueStore {
  private final ConcurrentSkipListMap<byte[], byte[]> map =
      new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  @Override
  public byte @Nullable [] get(byte[] key) {
    checkOpen();
    lock.readLock().lock();
    try {
      byte[] v = map.get(key);
      return v == null ? null : v.clone();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(byte[] prefix, byte[] from, Visitor visitor) {
    checkOpen();
    lock.readLock().lock();
    try {
      for (Map.Entry<byte[], byte[]> e : map.tailMap(from, true).entrySet()) {
        if (!startsWith(e.getKey(), prefix)) {
          return;
        }
        if (!visitor.visit(e.getKey().clone(), e.getValue().clone())) {
          return;
        }
      }
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void write(WriteBatch batch) {
    checkOpen();
    lock.writeLock().lock();
    try {
      for (WriteBatch.Op op : batch.ops()) {
        byte[] value = op.value();
        if (value == null) {
          map.remove(op.key());
        } else {
          map.put(op.key(), value);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void flush() {
    checkOpen();
  }

  /** Writes every entry as length-prefixed key and value into {@code target/entries}. */
  @Override
  public void checkpoint(Path target) {
    checkOpen();
    lock.readLock().lock();
    try {
      Files.createDirectories(target);
      try (OutputStream out = Files.newOutputStream(target.resolve("entries"))) {
        for (Map.Entry<byte[], byte[]> e : map.entrySet()) {
          writeChunk(out, e.getKey());
          writeChunk(out, e.getValue());
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot write checkpoint to " + target, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void writeChunk(OutputStream out, byte[] bytes) throws IOException {
    int n = bytes.length;
    out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    out.write(bytes);
  }

  static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the store is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
