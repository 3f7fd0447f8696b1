package org.trademap.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The store contract over {@link RocksDbStore}, plus what only a store on disk does. */
class RocksDbStoreTest extends KeyValueStoreContract {

  Path dir() {
    return scratch.resolve("db");
  }

  @Override
  KeyValueStore newStore() {
    return RocksDbStore.open(dir());
  }

  @Test
  void keepsTheDataAcrossCloseAndReopen() {
    put(store, key('p', 1), value("one"));
    store.write(new WriteBatch().put(key('p', 2), value("two")).delete(key('p', 1)));
    put(store, key('p', 0x90), value("high"));
    store.close();

    store = RocksDbStore.open(dir());

    assertThat(store.get(key('p', 1))).isNull();
    assertThat(store.get(key('p', 2))).isEqualTo(value("two"));
    assertThat(scanAll(store, key('p'), key('p'))).containsExactly("7002=two", "7090=high");
  }

  @Test
  void aCheckpointOpensAsAStoreWithTheSameContent() {
    for (int i = 0; i < 100; i++) {
      put(store, key('c', i, 0xF0), value("v" + i));
    }
    store.flush();
    put(store, key('c', 0xFF), value("after flush"));
    Path target = scratch.resolve("checkpoint");

    store.checkpoint(target);
    put(store, key('c', 0xFF), value("after the checkpoint"));

    try (KeyValueStore copy = RocksDbStore.open(target)) {
      assertThat(scanAll(copy, key('c'), key('c')))
          .hasSize(101)
          .startsWith("6300f0=v0")
          .endsWith("63ff=after flush");
      assertThat(scanAll(copy, key('c'), key('c')).subList(0, 100))
          .isEqualTo(scanAll(store, key('c'), key('c')).subList(0, 100));
    }
  }

  @Test
  void refusesACheckpointIntoAnExistingDirectory() throws Exception {
    Path target = Files.createDirectories(scratch.resolve("taken"));

    assertThatThrownBy(() -> store.checkpoint(target)).isInstanceOf(StorageException.class);
  }

  @Test
  void refusesToOpenADatabaseThatIsAlreadyOpen() {
    assertThatThrownBy(() -> RocksDbStore.open(dir()))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(dir().toString());
  }

  @Test
  void isReplacedWholeByAnotherDatabaseAndKeepsItAfterReopening() {
    put(store, key('r', 1), value("old"));
    Path other = scratch.resolve("other");
    try (RocksDbStore replacement = RocksDbStore.open(other)) {
      put(replacement, key('r', 2), value("new"));
    }

    ((RocksDbStore) store).replaceWith(other);

    assertThat(store.get(key('r', 1))).isNull();
    assertThat(store.get(key('r', 2))).isEqualTo(value("new"));
    assertThat(other).doesNotExist();
    assertThat(dir().resolveSibling("db.old")).doesNotExist();
    store.close();
    store = RocksDbStore.open(dir());
    assertThat(store.get(key('r', 2))).isEqualTo(value("new"));
  }

  @Test
  void aReplacementInterruptedByACrashLeavesTheOldOrTheNewDatabase() throws Exception {
    put(store, key('r', 1), value("old"));
    store.close();
    // crashed after moving the old database aside, before the new one was in place
    java.nio.file.Files.move(dir(), dir().resolveSibling("db.old"));

    store = RocksDbStore.open(dir());

    assertThat(store.get(key('r', 1))).isEqualTo(value("old"));
    store.close();
    // crashed after the new database was in place, before the old one was deleted
    Path stale = dir().resolveSibling("db.old");
    try (RocksDbStore old = RocksDbStore.open(stale)) {
      put(old, key('r', 9), value("stale"));
    }
    store = RocksDbStore.open(dir());
    assertThat(store.get(key('r', 1))).isEqualTo(value("old"));
    assertThat(stale).doesNotExist();
  }

  @Test
  void findsEveryKeyAndNoOtherInFlushedTableFiles() {
    for (int i = 0; i < 2000; i++) {
      put(store, key('f', i >> 8, i & 0xFF), value("v" + i));
    }
    store.flush();

    for (int i = 0; i < 2000; i++) {
      assertThat(store.get(key('f', i >> 8, i & 0xFF))).isEqualTo(value("v" + i));
      assertThat(store.get(key('f', i >> 8, i & 0xFF, 0))).isNull();
      assertThat(store.get(key('g', i >> 8, i & 0xFF))).isNull();
    }
  }

  @Test
  void readsADatabaseWrittenWithoutKeyFilters() throws Exception {
    store.close();
    Path older = scratch.resolve("older");
    try (org.rocksdb.Options options = new org.rocksdb.Options().setCreateIfMissing(true);
        org.rocksdb.RocksDB db = org.rocksdb.RocksDB.open(options, older.toString());
        org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
      db.put(key('o', 1), value("one"));
      db.flush(flush);
    }

    store = RocksDbStore.open(older);

    assertThat(store.get(key('o', 1))).isEqualTo(value("one"));
    assertThat(store.get(key('o', 2))).isNull();
    put(store, key('o', 2), value("two"));
    store.flush();
    assertThat(store.get(key('o', 2))).isEqualTo(value("two"));
  }
}
