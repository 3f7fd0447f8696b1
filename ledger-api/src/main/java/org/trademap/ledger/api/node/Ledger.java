package org.trademap.ledger.api.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * One node's view of the ledger: every channel it holds. The reading methods here are those of the
 * default channel; {@link #channel} gives the others. {@link #submit} takes a transaction for any
 * channel the node holds (the transaction names it). Thread-safe.
 */
public interface Ledger extends AutoCloseable {

  /** Height, head and role of this node for its default channel, and every channel it holds. */
  LedgerStatus status();

  /** A channel this node holds, by name; empty if it holds no such channel. */
  Optional<ChannelLedger> channel(String name);

  /** The genesis document the chain was started from (its hash is the chain id). */
  Genesis genesis();

  /** A committed block, or empty above the head. */
  Optional<Block> block(long height);

  /** Where a recorded transaction is, with its receipt; empty if the ledger never recorded it. */
  Optional<TransactionRecord> transaction(Hash txId);

  /**
   * Submits the canonical bytes of a signed transaction to the channel it names (refused with
   * {@code WRONG_CHANNEL} if this node does not hold it). The future completes when the transaction
   * was recorded in a committed block (accepted or rejected by the contract) or refused before
   * ordering; it never completes exceptionally for a business rejection.
   */
  CompletableFuture<SubmitResult> submit(byte[] signedTransaction);

  /**
   * {@link #submit} for each of several transactions, the futures in their order. A node may take
   * those of one channel together, so that they are ordered in as few blocks as it can; this
   * default submits them one after another.
   */
  default List<CompletableFuture<SubmitResult>> submitAll(List<byte[]> signedTransactions) {
    List<CompletableFuture<SubmitResult>> answers = new ArrayList<>(signedTransactions.size());
    for (byte[] tx : signedTransactions) {
      answers.add(submit(tx));
    }
    return answers;
  }

  /** The next nonce the signer should use: one above its highest committed nonce. */
  long nextNonce(PublicKey signer);

  /**
   * A read barrier (Raft ReadIndex): waits until this node has applied every block of the default
   * channel that was committed when the call began, and returns its height then. Reads after it see
   * every transaction acknowledged (by any node) before the call: use it before a read that decides
   * something.
   *
   * @throws RuntimeException (the node's unavailable exception) if no leader confirms in time
   */
  long sync();

  /**
   * Delivers every committed block from {@code fromHeight} on, in order, first those already
   * stored, then each new one as it commits. Blocks are delivered on a thread owned by the
   * subscription; a listener that throws ends its subscription.
   *
   * @param fromHeight the resume position: the first height the listener has not seen yet
   */
  Subscription subscribe(long fromHeight, Consumer<Block> listener);

  @Override
  void close();
}
