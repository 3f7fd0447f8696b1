package org.trademap.ledger.api.node;

import java.util.Optional;
import java.util.function.Consumer;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * One node's view of one channel: its own chain of blocks, replicated by the nodes of the channel's
 * members. Submissions go through {@link Ledger#submit}, which routes by the channel a transaction
 * names. Thread-safe.
 */
public interface ChannelLedger {

  /** Height, head, members and Raft role of this node in the channel. */
  ChannelStatus status();

  /** A committed block of this channel, or empty above the head. */
  Optional<Block> block(long height);

  /** Where a transaction recorded on this channel is, with its receipt. */
  Optional<TransactionRecord> transaction(Hash txId);

  /** The next nonce the signer should use on this channel. */
  long nextNonce(PublicKey signer);

  /**
   * A read barrier (Raft ReadIndex): waits until this node has applied every block of the channel
   * that was committed when the call began, and returns its height then. Reads after it see every
   * transaction acknowledged (by any node) before the call: use it before a read that decides
   * something.
   *
   * @throws RuntimeException (the node's unavailable exception) if no leader confirms in time
   */
  long sync();

  /**
   * Delivers every committed block of this channel from {@code fromHeight} on, as {@link
   * Ledger#subscribe} does for the default channel.
   */
  Subscription subscribe(long fromHeight, Consumer<Block> listener);
}
