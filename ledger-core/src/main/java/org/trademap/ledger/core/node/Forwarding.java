package org.trademap.ledger.core.node;

import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.tx.SignedTransaction;
import org.trademap.ledger.api.tx.ValidationCode;

/**
 * The messages a follower sends its channel's leader to hand over transactions submitted at the
 * follower, as Ratis read-only requests (the leader's state machine answers them without a log
 * entry; the transactions reach the log in the leader's next block).
 *
 * <p>Request: {@code u8 tag, i32 count, count × bytes(signed transaction)}. Reply: {@code i32
 * count, count × (u8 status [, string code, string message])}, one per transaction in order.
 */
final class Forwarding {
  // The first byte of every read-only request a channel's state machine answers, all kept here so
  // that no two kinds share one.

  /** Transactions forwarded to the leader. */
  static final int TAG_SUBMIT = 1;

  /** A request for signed checkpoints (see {@link Checkpoints}). */
  static final int TAG_CHECKPOINT = 2;

  /**
   * A read barrier (Raft ReadIndex): sent as a linearizable read-only request to the node itself,
   * answered with the channel's height once the node applied everything committed at the time.
   */
  static final int TAG_BARRIER = 3;

  static final int MAX_BATCH = 10_000;

  private Forwarding() {}

  /** What the leader did with one forwarded transaction. */
  sealed interface Outcome {
    /** Queued for a block (or already queued): its receipt arrives with the block. */
    record Accepted() implements Outcome {}

    /** Refused before ordering, with the code a submission at the leader would get. */
    record Refused(ValidationCode code, String message) implements Outcome {}

    /** The leader is full: the submission fails like one at a full node. */
    record Busy() implements Outcome {}

    /** The receiver is not (or no longer) the leader, or not serving: try again later. */
    record Retry() implements Outcome {}
  }

  static byte[] barrier() {
    return new CanonicalWriter().u8(TAG_BARRIER).toByteArray();
  }

  static boolean isBarrier(byte[] request) {
    return request.length == 1 && request[0] == TAG_BARRIER;
  }

  static byte[] barrierReply(long height) {
    return new CanonicalWriter().i64(height).toByteArray();
  }

  static long parseBarrierReply(byte[] reply) {
    CanonicalReader r = new CanonicalReader(reply);
    long height = r.i64("height");
    r.end();
    return height;
  }

  static byte[] request(List<SignedTransaction> txs) {
    CanonicalWriter w = new CanonicalWriter().u8(TAG_SUBMIT).i32(txs.size());
    for (SignedTransaction tx : txs) {
      w.bytes(tx.encode());
    }
    return w.toByteArray();
  }

  /** The raw transactions of a request; each is decoded (and may be refused) on its own. */
  static List<byte[]> parseRequest(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int tag = r.u8("forward tag");
    if (tag != TAG_SUBMIT) {
      throw new EncodingException("unknown forward request " + tag);
    }
    int n = r.count(MAX_BATCH, "forwarded transactions");
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(r.bytes("forwarded transaction"));
    }
    r.end();
    return txs;
  }

  static byte[] reply(List<Outcome> outcomes) {
    CanonicalWriter w = new CanonicalWriter().i32(outcomes.size());
    for (Outcome o : outcomes) {
      switch (o) {
        case Outcome.Accepted a -> w.u8(0);
        case Outcome.Refused r -> w.u8(1).string(r.code().name()).string(r.message());
        case Outcome.Busy b -> w.u8(2);
        case Outcome.Retry t -> w.u8(3);
      }
    }
    return w.toByteArray();
  }

  static List<Outcome> parseReply(byte[] bytes, int expected) {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = r.count(MAX_BATCH, "forward outcomes");
    if (n != expected) {
      throw new EncodingException("expected " + expected + " forward outcomes, got " + n);
    }
    List<Outcome> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int status = r.u8("forward status");
      out.add(
          switch (status) {
            case 0 -> new Outcome.Accepted();
            case 1 -> {
              ValidationCode code;
              try {
                code = ValidationCode.valueOf(r.string(64, "validation code"));
              } catch (IllegalArgumentException e) {
                throw new EncodingException("unknown validation code");
              }
              yield new Outcome.Refused(code, r.string(1024, "message"));
            }
            case 2 -> new Outcome.Busy();
            case 3 -> new Outcome.Retry();
            default -> throw new EncodingException("unknown forward status " + status);
          });
    }
    r.end();
    return out;
  }
}
