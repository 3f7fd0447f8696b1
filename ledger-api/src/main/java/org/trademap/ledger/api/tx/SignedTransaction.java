package org.trademap.ledger.api.tx;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.Signature;

/**
 * A transaction body with the signer's Ed25519 signature over the body's canonical bytes.
 *
 * <p>A class rather than a record only to keep its id: a node looks a transaction up by its id
 * several times on its way (pending submissions, forwarding, the block's checks, apply), and each
 * computation encoded it and hashed it again (ADR 0032). Equality and accessors are a record's: two
 * are equal when body and signature are.
 */
public final class SignedTransaction {

  /** Largest encoded transaction accepted anywhere. */
  public static final int MAX_BYTES = Transaction.MAX_ARGS_BYTES + 1024;

  private final Transaction body;
  private final Signature signature;

  /** The id once computed; both fields above are immutable, so it never changes. */
  private volatile @Nullable Hash id;

  public SignedTransaction(Transaction body, Signature signature) {
    this.body = Objects.requireNonNull(body, "body");
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  public Transaction body() {
    return body;
  }

  public Signature signature() {
    return signature;
  }

  /** The canonical bytes of body and signature: what is stored, sent and hashed into the id. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256 + body.args().length);
    write(w);
    return w.toByteArray();
  }

  public void write(CanonicalWriter w) {
    body.write(w);
    w.fixed(signature.bytes());
  }

  /** The transaction id: SHA-256 of {@link #encode()}, computed once. */
  public Hash id() {
    Hash known = id;
    if (known == null) {
      known = Hash.sha256(encode());
      id = known;
    }
    return known;
  }

  /** Strict Ed25519 verification of the signature against the named signer. */
  public boolean verifySignature() {
    return Ed25519.verify(body.signer(), body.encode(), signature);
  }

  public static SignedTransaction read(CanonicalReader r) {
    Transaction body = Transaction.read(r);
    Signature sig = new Signature(r.fixed(Signature.SIZE, "signature"));
    return new SignedTransaction(body, sig);
  }

  /** Decodes exactly one transaction; any other bytes raise {@link EncodingException}. */
  public static SignedTransaction decode(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new EncodingException("a transaction is at most " + MAX_BYTES + " bytes");
    }
    CanonicalReader r = new CanonicalReader(bytes);
    SignedTransaction tx = read(r);
    r.end();
    return tx;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTransaction other
        && body.equals(other.body)
        && signature.equals(other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * body.hashCode() + signature.hashCode();
  }

  @Override
  public String toString() {
    return "SignedTransaction[body=" + body + ", signature=" + signature + "]";
  }
}
