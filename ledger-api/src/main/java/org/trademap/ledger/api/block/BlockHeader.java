package org.trademap.ledger.api.block;

import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * What a block commits to. Its hash ({@link #hash()}) is SHA-256 of these canonical bytes, and the
 * proposer signs the same bytes.
 *
 * @param chainId hash of the genesis document
 * @param channel the channel this block belongs to
 * @param height 0 for genesis, then +1 per block
 * @param previousHash hash of the previous header; for genesis, the chain id
 * @param txRoot Merkle root of the transaction ids in order
 * @param receiptsRoot Merkle root of the receipt hashes in order
 * @param stateRoot commitment to the whole state after this block
 * @param timestampMillis block time; never earlier than the previous block's
 * @param proposer public key of the node that built the block
 * @param txCount number of transactions
 */
public record BlockHeader(
    Hash chainId,
    String channel,
    long height,
    Hash previousHash,
    Hash txRoot,
    Hash receiptsRoot,
    Hash stateRoot,
    long timestampMillis,
    PublicKey proposer,
    int txCount) {

  public static final int FORMAT = 1;

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    write(w);
    return w.toByteArray();
  }

  void write(CanonicalWriter w) {
    w.u8(FORMAT)
        .fixed(chainId.bytes())
        .string(channel)
        .i64(height)
        .fixed(previousHash.bytes())
        .fixed(txRoot.bytes())
        .fixed(receiptsRoot.bytes())
        .fixed(stateRoot.bytes())
        .i64(timestampMillis)
        .fixed(proposer.bytes())
        .i32(txCount);
  }

  static BlockHeader read(CanonicalReader r) {
    int format = r.u8("header format");
    if (format != FORMAT) {
      throw new EncodingException("unknown block header format " + format);
    }
    return new BlockHeader(
        new Hash(r.fixed(Hash.SIZE, "chain id")),
        r.string(64, "channel"),
        r.i64("height"),
        new Hash(r.fixed(Hash.SIZE, "previous hash")),
        new Hash(r.fixed(Hash.SIZE, "tx root")),
        new Hash(r.fixed(Hash.SIZE, "receipts root")),
        new Hash(r.fixed(Hash.SIZE, "state root")),
        r.i64("timestamp"),
        new PublicKey(r.fixed(PublicKey.SIZE, "proposer")),
        r.i32("tx count"));
  }

  /** The block hash. */
  public Hash hash() {
    return Hash.sha256(encode());
  }
}
