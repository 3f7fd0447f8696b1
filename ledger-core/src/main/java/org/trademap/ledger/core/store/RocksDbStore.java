package org.trademap.ledger.core.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;

/**
 * A {@link KeyValueStore} in a RocksDB database on disk. Batches go through the write-ahead log
 * without fsync: the Raft log is the durable source, and {@link #flush()} makes the state durable
 * before the Raft log is purged. A batch is atomic also across a crash.
 *
 * <p>{@link #replaceWith} swaps the whole database for another one (an installed snapshot) under
 * the same object, so everything holding the store sees the new state at once.
 */
public final class RocksDbStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private static final String OLD = ".old";

  /**
   * Whole-key Bloom filters (10 bits a key, about 1 % false positives) in every table file: most
   * lookups on a submission's and a block's path are for keys that do not exist (is this
   * transaction id known, has this subject been registered, has governance changed the members),
   * and without a filter each such miss searches every level's index and data blocks. Shared by
   * every store of the JVM, so it lives as long as the JVM; a file written without a filter (an
   * older database) is still read, only without this shortcut.
   */
  private static final BloomFilter KEY_FILTER = new BloomFilter(10, false);

  private final Path dir;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private Options options;
  private RocksDB db;
  private final WriteOptions writeOptions;
  private volatile boolean closed;

  private RocksDbStore(Path dir, Options options, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.db = db;
    this.writeOptions = new WriteOptions().setSync(false);
  }

  /**
   * Opens (creating if needed) the database in {@code dir}. A replacement interrupted by a crash is
   * finished or rolled back first.
   */
  public static RocksDbStore open(Path dir) {
    recoverReplacement(dir);
    Options options = options();
    try {
      Files.createDirectories(dir);
      return new RocksDbStore(dir, options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException | IOException e) {
      options.close();
      throw new StorageException("cannot open the RocksDB store in " + dir, e);
    }
  }

  private static Options options() {
    return new Options()
        .setCreateIfMissing(true)
        .setParanoidChecks(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(KEY_FILTER));
  }

  private static Path old(Path dir) {
    return dir.resolveSibling(dir.getFileName() + OLD);
  }

  private static void recoverReplacement(Path dir) {
    Path old = old(dir);
    try {
      if (Files.isDirectory(old)) {
        if (Files.isDirectory(dir)) {
          deleteTree(old); // the new database was in place: the old one is garbage
        } else {
          Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE); // not yet: keep the old one
        }
      }
    } catch (IOException e) {
      throw new StorageException("cannot recover the interrupted replacement of " + dir, e);
    }
  }

  /**
   * Replaces the whole database by the one in {@code replacement} (moved, not copied). Readers and
   * writers wait meanwhile. After a crash, {@link #open} finds either the old or the new database,
   * never a mix.
   */
  public void replaceWith(Path replacement) {
    lock.writeLock().lock();
    try {
      checkOpen();
      db.close();
      options.close();
      Path old = old(dir);
      deleteTree(old);
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(replacement, dir, StandardCopyOption.ATOMIC_MOVE);
      options = options();
      db = RocksDB.open(options, dir.toString());
      deleteTree(old);
    } catch (IOException | RocksDBException e) {
      closed = true;
      throw new StorageException("cannot replace the RocksDB store in " + dir, e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StorageException("read failed in " + dir, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void scan(byte[] prefix, byte[] from, Visitor visitor) {
    lock.readLock().lock();
    try {
      checkOpen();
      scanOpen(prefix, from, visitor);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void scanOpen(byte[] prefix, byte[] from, Visitor visitor) {
    try (ReadOptions ro = new ReadOptions();
        RocksIterator it = db.newIterator(ro)) {
      for (it.seek(from); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (!InMemoryStore.startsWith(key, prefix)) {
          break;
        }
        if (!visitor.visit(key, it.value())) {
          break;
        }
      }
      it.status();
    } catch (RocksDBException e) {
      throw new StorageException("scan failed in " + dir, e);
    }
  }

  @Override
  public void write(WriteBatch batch) {
    lock.readLock().lock();
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
      checkOpen();
      for (WriteBatch.Op op : batch.ops()) {
        byte[] value = op.value();
        if (value == null) {
          wb.delete(op.key());
        } else {
          wb.put(op.key(), value);
        }
      }
      db.write(writeOptions, wb);
    } catch (RocksDBException e) {
      throw new StorageException("write failed in " + dir, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void flush() {
    lock.readLock().lock();
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      checkOpen();
      db.flush(fo);
      db.syncWal();
    } catch (RocksDBException e) {
      throw new StorageException("flush failed in " + dir, e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void checkpoint(Path target) {
    lock.readLock().lock();
    try {
      checkOpen();
      try (Checkpoint cp = Checkpoint.create(db)) {
        cp.createCheckpoint(target.toString());
      }
    } catch (RocksDBException e) {
      throw new StorageException("checkpoint to " + target + " failed", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      writeOptions.close();
      db.close();
      options.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the store in " + dir + " is closed");
    }
  }
}
