package org.trademap.ledger.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
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
 */
public final class RocksDbStore implements KeyValueStore {
  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final Options options;
  private final RocksDB db;
  private final WriteOptions writeOptions;
  private volatile boolean closed;

  private RocksDbStore(Path dir, Options options, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.db = db;
    this.writeOptions = new WriteOptions().setSync(false);
  }

  /** Opens (creating if needed) the database in {@code dir}. */
  public static RocksDbStore open(Path dir) {
    Options options =
        new Options()
            .setCreateIfMissing(true)
            .setParanoidChecks(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION);
    try {
      Files.createDirectories(dir);
      return new RocksDbStore(dir, options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException | java.io.IOException e) {
      options.close();
      throw new StorageException("cannot open the RocksDB store in " + dir, e);
    }
  }

  @Override
  public byte @Nullable [] get(byte[] key) {
    checkOpen();
    try {
      return db.get(key);
    } catch (RocksDBException e) {
      throw new StorageException("read failed in " + dir, e);
    }
  }

  @Override
  public void scan(byte[] prefix, byte[] from, Visitor visitor) {
    checkOpen();
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
    checkOpen();
    try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
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
    }
  }

  @Override
  public void flush() {
    checkOpen();
    try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
      db.flush(fo);
      db.syncWal();
    } catch (RocksDBException e) {
      throw new StorageException("flush failed in " + dir, e);
    }
  }

  @Override
  public void checkpoint(Path target) {
    checkOpen();
    try (Checkpoint cp = Checkpoint.create(db)) {
      cp.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new StorageException("checkpoint to " + target + " failed", e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    writeOptions.close();
    db.close();
    options.close();
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the store in " + dir + " is closed");
    }
  }
}
