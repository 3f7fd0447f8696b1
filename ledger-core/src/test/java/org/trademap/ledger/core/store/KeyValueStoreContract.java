package org.trademap.ledger.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link KeyValueStore} must have, run against each implementation by a
 * subclass (the shape of Besu's {@code AbstractKeyValueStorageTest}).
 */
abstract class KeyValueStoreContract {
  @TempDir Path scratch;
  KeyValueStore store;

  /** A new, empty store; the subclass closes nothing, the contract closes it after each test. */
  abstract KeyValueStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static byte[] key(int... bytes) {
    byte[] k = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      k[i] = (byte) bytes[i];
    }
    return k;
  }

  static byte[] value(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static void put(KeyValueStore s, byte[] k, byte[] v) {
    s.write(new WriteBatch().put(k, v));
  }

  /** Every entry under a prefix as "key-hex=value" strings, in scan order. */
  static List<String> scanAll(KeyValueStore s, byte[] prefix, byte[] from) {
    List<String> out = new ArrayList<>();
    s.scan(
        prefix,
        from,
        (k, v) -> {
          out.add(HexFormat.of().formatHex(k) + "=" + new String(v, StandardCharsets.UTF_8));
          return true;
        });
    return out;
  }

  @Test
  void returnsNullForAMissingKey() {
    assertThat(store.get(key(1, 2, 3))).isNull();
  }

  @Test
  void returnsWhatWasPut() {
    put(store, key(1), value("one"));
    put(store, key(2), value("two"));

    assertThat(store.get(key(1))).isEqualTo(value("one"));
    assertThat(store.get(key(2))).isEqualTo(value("two"));
  }

  @Test
  void overwritesAnExistingValue() {
    put(store, key(1), value("old"));
    put(store, key(1), value("new"));

    assertThat(store.get(key(1))).isEqualTo(value("new"));
  }

  @Test
  void keepsAnEmptyValueApartFromAMissingKey() {
    put(store, key(9), new byte[0]);

    assertThat(store.get(key(9))).isNotNull().isEmpty();
  }

  @Test
  void deleteRemovesTheKeyAndLeavesOthers() {
    put(store, key(1), value("one"));
    put(store, key(2), value("two"));

    store.write(new WriteBatch().delete(key(1)));

    assertThat(store.get(key(1))).isNull();
    assertThat(store.get(key(2))).isEqualTo(value("two"));
  }

  @Test
  void deletingAMissingKeyIsHarmless() {
    store.write(new WriteBatch().delete(key(7)));

    assertThat(store.get(key(7))).isNull();
  }

  @Test
  void appliesTheOperationsOfABatchInOrder() {
    put(store, key(3), value("kept"));

    store.write(
        new WriteBatch()
            .put(key(1), value("first"))
            .delete(key(1))
            .delete(key(2))
            .put(key(2), value("second"))
            .put(key(3), value("a"))
            .put(key(3), value("b")));

    assertThat(store.get(key(1))).isNull();
    assertThat(store.get(key(2))).isEqualTo(value("second"));
    assertThat(store.get(key(3))).isEqualTo(value("b"));
  }

  @Test
  void aBatchIsNotAffectedByChangesToTheArraysItWasGiven() {
    byte[] k = key(5);
    byte[] v = value("value");
    WriteBatch batch = new WriteBatch().put(k, v);
    k[0] = 6;
    v[0] = 'X';

    store.write(batch);

    assertThat(store.get(key(5))).isEqualTo(value("value"));
    assertThat(store.get(key(6))).isNull();
  }

  @Test
  void aReaderNeverSeesHalfOfABatch() throws Exception {
    int keys = 50;
    byte[] prefix = key('g');
    WriteBatch first = new WriteBatch();
    for (int i = 0; i < keys; i++) {
      first.put(key('g', i), value("0"));
    }
    store.write(first);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<@Nullable String> torn = new AtomicReference<>();
    AtomicInteger scans = new AtomicInteger();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    while (!done.get() && torn.get() == null) {
                      List<String> seen = new ArrayList<>();
                      store.scan(
                          prefix,
                          (k, v) -> {
                            seen.add(new String(v, StandardCharsets.UTF_8));
                            return true;
                          });
                      scans.incrementAndGet();
                      if (seen.size() != keys || seen.stream().distinct().count() != 1) {
                        torn.set(String.join(",", seen));
                      }
                    }
                  } catch (RuntimeException e) {
                    torn.set("the reader failed: " + e);
                  }
                });
    for (int generation = 1; generation <= 300; generation++) {
      WriteBatch batch = new WriteBatch();
      for (int i = 0; i < keys; i++) {
        batch.put(key('g', i), value(Integer.toString(generation)));
      }
      store.write(batch);
    }
    done.set(true);
    reader.join();

    assertThat(torn.get()).as("values seen by one scan").isNull();
    assertThat(scans.get()).isPositive();
  }

  @Test
  void scansAPrefixInUnsignedKeyOrder() {
    put(store, key('p', 0xFF), value("ff"));
    put(store, key('p', 0x80), value("80"));
    put(store, key('p', 0x7F), value("7f"));
    put(store, key('p', 0x01), value("01"));
    put(store, key('p', 0x00), value("00"));
    put(store, key('p'), value("bare"));
    put(store, key('p', 0x80, 0x01), value("8001"));
    put(store, key('o', 0xFF), value("before"));
    put(store, key('q'), value("after"));

    assertThat(scanAll(store, key('p'), key('p')))
        .containsExactly(
            "70=bare", "7000=00", "7001=01", "707f=7f", "7080=80", "708001=8001", "70ff=ff");
  }

  @Test
  void scansAPrefixOfSeveralBytesAndStopsAtItsEnd() {
    put(store, key('s', 0xFF, 1), value("in"));
    put(store, key('s', 0xFF, 0xFF), value("in too"));
    put(store, key('s', 0xFE, 0xFF), value("before"));
    put(store, key('t', 0), value("after"));

    assertThat(scanAll(store, key('s', 0xFF), key('s', 0xFF)))
        .containsExactly("73ff01=in", "73ffff=in too");
  }

  @Test
  void scansFromAStartKeyInclusive() {
    for (int b : new int[] {0x10, 0x7F, 0x80, 0x81, 0xFF}) {
      put(store, key('p', b), value(Integer.toHexString(b)));
    }

    assertThat(scanAll(store, key('p'), key('p', 0x7F)))
        .containsExactly("707f=7f", "7080=80", "7081=81", "70ff=ff");
    assertThat(scanAll(store, key('p'), key('p', 0x7F, 0x00)))
        .containsExactly("7080=80", "7081=81", "70ff=ff");
  }

  @Test
  void aScanOfAnEmptyPrefixSeesNothing() {
    put(store, key('a'), value("a"));
    put(store, key('c'), value("c"));

    assertThat(scanAll(store, key('b'), key('b'))).isEmpty();
  }

  @Test
  void stopsTheScanWhenTheVisitorReturnsFalse() {
    for (int i = 0; i < 10; i++) {
      put(store, key('p', i), value("v" + i));
    }
    List<Integer> visited = new ArrayList<>();

    store.scan(
        key('p'),
        (k, v) -> {
          visited.add((int) k[1]);
          return visited.size() < 3;
        });

    assertThat(visited).containsExactly(0, 1, 2);
  }

  @Test
  void returnsCopiesThatCallersMayChange() {
    put(store, key(1), value("abc"));

    byte[] got = Objects.requireNonNull(store.get(key(1)));
    got[0] = 'X';
    store.scan(
        key(1),
        (k, v) -> {
          k[0] = 9;
          v[0] = 'Y';
          return true;
        });

    assertThat(store.get(key(1))).isEqualTo(value("abc"));
    assertThat(store.get(key(9))).isNull();
    assertThat(scanAll(store, key(1), key(1))).containsExactly("01=abc");
  }

  @Test
  void flushKeepsTheContent() {
    put(store, key(1), value("one"));

    store.flush();

    assertThat(store.get(key(1))).isEqualTo(value("one"));
  }

  @Test
  void writesACheckpointIntoANewDirectory() throws Exception {
    put(store, key(1), value("one"));
    Path target = scratch.resolve("checkpoint");

    store.checkpoint(target);

    assertThat(target).isDirectory();
    try (var files = Files.walk(target)) {
      assertThat(files.filter(Files::isRegularFile).mapToLong(KeyValueStoreContract::size).sum())
          .isPositive();
    }
    assertThat(store.get(key(1))).as("the store after the checkpoint").isEqualTo(value("one"));
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void refusesEveryOperationOnceClosed() {
    put(store, key(1), value("one"));
    store.close();

    assertThatThrownBy(() -> store.get(key(1))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.scan(key(1), (k, v) -> true))
        .isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> put(store, key(2), value("two"))).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.flush()).isInstanceOf(StorageException.class);
    assertThatThrownBy(() -> store.checkpoint(scratch.resolve("late")))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void closingTwiceIsHarmless() {
    store.close();
    store.close();

    assertThatThrownBy(() -> store.get(key(1))).isInstanceOf(StorageException.class);
  }
}
