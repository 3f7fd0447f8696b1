package org.trademap.ledger.api.block;

import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.tx.SignedTransaction;

/**
 * A block: its header, the proposer's signature over the header, the transactions in order and one
 * receipt per transaction. The genesis block carries an all-zero signature.
 */
public record Block(
    BlockHeader header,
    Signature signature,
    List<SignedTransaction> transactions,
    List<Receipt> receipts) {

  public static final int MAX_TRANSACTIONS = 20_000;

  public Block {
    transactions = List.copyOf(transactions);
    receipts = List.copyOf(receipts);
    if (header.txCount() != transactions.size() || receipts.size() != transactions.size()) {
      throw new IllegalArgumentException("the header, transactions and receipts disagree in count");
    }
  }

  public long height() {
    return header.height();
  }

  public Hash hash() {
    return header.hash();
  }

  public boolean verifyProposerSignature() {
    return Ed25519.verify(header.proposer(), header.encode(), signature);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(512 + transactions.size() * 400);
    header.write(w);
    w.fixed(signature.bytes());
    w.i32(transactions.size());
    for (SignedTransaction tx : transactions) {
      tx.write(w);
    }
    for (Receipt receipt : receipts) {
      receipt.write(w);
    }
    return w.toByteArray();
  }

  public static Block decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    BlockHeader header = BlockHeader.read(r);
    Signature sig = new Signature(r.fixed(Signature.SIZE, "block signature"));
    int n = r.count(MAX_TRANSACTIONS, "transactions");
    List<SignedTransaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(SignedTransaction.read(r));
    }
    List<Receipt> receipts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      receipts.add(Receipt.read(r));
    }
    r.end();
    try {
      return new Block(header, sig, txs, receipts);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  /** Merkle root over transaction ids, as {@link BlockHeader#txRoot()} must be. */
  public static Hash txRoot(List<SignedTransaction> transactions) {
    List<Hash> ids = new ArrayList<>(transactions.size());
    for (SignedTransaction tx : transactions) {
      ids.add(tx.id());
    }
    return MerkleTree.root(ids);
  }

  /** Merkle root over receipt hashes, as {@link BlockHeader#receiptsRoot()} must be. */
  public static Hash receiptsRoot(List<Receipt> receipts) {
    List<Hash> hashes = new ArrayList<>(receipts.size());
    for (Receipt receipt : receipts) {
      hashes.add(receipt.hash());
    }
    return MerkleTree.root(hashes);
  }
}
