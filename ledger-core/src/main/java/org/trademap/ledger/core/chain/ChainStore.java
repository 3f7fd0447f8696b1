package org.trademap.ledger.core.chain;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.ledger.api.tx.ValidationCode;
import org.trademap.ledger.core.store.KeyValueStore;
import org.trademap.ledger.core.store.StorageException;
import org.trademap.ledger.core.store.WriteBatch;

/** The chain over a {@link KeyValueStore}: see {@link Keys} for the layout. Thread-safe. */
public final class ChainStore {

  /**
   * A Raft log position.
   *
   * @param term the term
   * @param index the index; -1 when nothing was applied
   */
  public record Applied(long term, long index) {
    public static final Applied NONE = new Applied(0, -1);
  }

  private final KeyValueStore store;

  public ChainStore(KeyValueStore store) {
    this.store = store;
  }

  public KeyValueStore store() {
    return store;
  }

  /** The genesis document, if the chain was initialised. */
  public Optional<Genesis> genesis() {
    byte[] b = store.get(Keys.GENESIS);
    return b == null ? Optional.empty() : Optional.of(Genesis.decode(b));
  }

  /**
   * The channel this store holds: the one block 0 names (the genesis document's default channel for
   * a store without block 0).
   */
  public String channel() {
    return block(0)
        .map(b -> b.header().channel())
        .or(() -> genesis().map(Genesis::channel))
        .orElseThrow(() -> new StorageException("the chain has no genesis document"));
  }

  public Optional<Head> head() {
    byte[] b = store.get(Keys.HEAD);
    return b == null ? Optional.empty() : Optional.of(Head.decode(b));
  }

  /** The head; fails if the chain has no genesis block. */
  public Head requireHead() {
    return head().orElseThrow(() -> new StorageException("the chain has no genesis block"));
  }

  public Applied applied() {
    byte[] b = store.get(Keys.APPLIED);
    return b == null ? Applied.NONE : new Applied(Keys.getLong(b, 0), Keys.getLong(b, 8));
  }

  public Optional<Block> block(long height) {
    if (height < 0) {
      return Optional.empty();
    }
    byte[] b = store.get(Keys.block(height));
    return b == null ? Optional.empty() : Optional.of(Block.decode(b));
  }

  /** The raw stored bytes of a block (for verification). */
  public byte @Nullable [] blockBytes(long height) {
    return store.get(Keys.block(height));
  }

  public Optional<TransactionRecord> transaction(Hash txId) {
    byte[] loc = store.get(Keys.tx(txId));
    if (loc == null) {
      return Optional.empty();
    }
    long height = Keys.getLong(loc, 0);
    int index = java.nio.ByteBuffer.wrap(loc, 8, 4).getInt();
    // The index must point at this very transaction; anything else is a damaged store.
    return block(height)
        .filter(b -> index >= 0 && index < b.receipts().size())
        .filter(b -> b.receipts().get(index).txId().equals(txId))
        .map(
            b ->
                new TransactionRecord(
                    height, index, b.transactions().get(index), b.receipts().get(index)));
  }

  public boolean containsTransaction(Hash txId) {
    return store.get(Keys.tx(txId)) != null;
  }

  /** The signer's highest committed nonce; 0 if it never signed. */
  public long highestNonce(PublicKey signer) {
    return nonceWindow(signer).highest();
  }

  /** The signer's committed anti-replay window (ADR 0027). */
  public NonceWindow nonceWindow(PublicKey signer) {
    return NonceWindow.decode(store.get(Keys.nonce(signer)));
  }

  /** Writes the genesis document and block 0. */
  public void initGenesis(Genesis genesis, Block block, Hash stateRoot) {
    WriteBatch batch = new WriteBatch();
    batch.put(Keys.GENESIS, genesis.encode());
    batch.put(Keys.block(0), block.encode());
    batch.put(
        Keys.HEAD, new Head(0, block.hash(), stateRoot, block.header().timestampMillis()).encode());
    store.write(batch);
  }

  /**
   * Stores a block with all its effects and the Raft position in one atomic batch.
   *
   * @param writes state and nonce writes keyed by store key; a null value deletes
   */
  public void commit(
      Block block, SortedMap<byte[], byte @Nullable []> writes, long term, long index) {
    WriteBatch batch = new WriteBatch();
    for (Map.Entry<byte[], byte @Nullable []> e : writes.entrySet()) {
      byte[] v = e.getValue();
      if (v == null) {
        batch.delete(e.getKey());
      } else {
        batch.put(e.getKey(), v);
      }
    }
    long height = block.height();
    for (int i = 0; i < block.transactions().size(); i++) {
      if (block.receipts().get(i).code() == ValidationCode.DUPLICATE) {
        // The id already points at the first copy; a rejected copy must not move it.
        continue;
      }
      byte[] loc = new byte[12];
      Keys.putLong(loc, 0, height);
      java.nio.ByteBuffer.wrap(loc, 8, 4).putInt(i);
      batch.put(Keys.tx(block.receipts().get(i).txId()), loc);
    }
    batch.put(Keys.block(height), block.encode());
    batch.put(
        Keys.HEAD,
        new Head(height, block.hash(), block.header().stateRoot(), block.header().timestampMillis())
            .encode());
    putApplied(batch, term, index);
    store.write(batch);
  }

  /** Records a Raft position that carried no block (a skipped stale proposal). */
  public void markApplied(long term, long index) {
    WriteBatch batch = new WriteBatch();
    putApplied(batch, term, index);
    store.write(batch);
  }

  private static void putApplied(WriteBatch batch, long term, long index) {
    byte[] a = new byte[16];
    Keys.putLong(a, 0, term);
    Keys.putLong(a, 8, index);
    batch.put(Keys.APPLIED, a);
  }
}
