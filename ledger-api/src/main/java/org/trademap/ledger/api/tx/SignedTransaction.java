package org.trademap.ledger.api.tx;

import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.Signature;

/** A transaction body with the signer's Ed25519 signature over the body's canonical bytes. */
public record SignedTransaction(Transaction body, Signature signature) {

  /** Largest encoded transaction accepted anywhere. */
  public static final int MAX_BYTES = Transaction.MAX_ARGS_BYTES + 1024;

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

  /** The transaction id: SHA-256 of {@link #encode()}. */
  public Hash id() {
    return Hash.sha256(encode());
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
}
