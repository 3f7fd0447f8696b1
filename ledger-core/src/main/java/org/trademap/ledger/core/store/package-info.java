/**
 * A small ordered key-value interface with two implementations, RocksDB on disk and an in-memory
 * map, both checked by one abstract contract test. Keys are ordered as unsigned bytes; a {@link
 * org.trademap.ledger.core.store.WriteBatch} is applied atomically.
 */
@NullMarked
package org.trademap.ledger.core.store;

import org.jspecify.annotations.NullMarked;
