package org.trademap.ledger.api.tx;

import java.util.Arrays;
import java.util.HexFormat;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * The body of a transaction: everything the signer signs.
 *
 * @param chainId hash of the genesis document of the chain it is meant for
 * @param channel the channel (Raft group) that orders it
 * @param contractId the contract to invoke
 * @param contractVersion the lowest contract version the signer accepts to run it: the version
 *     active at the block's height executes it if it is this one or a later one
 * @param method the contract method
 * @param args the method's arguments in the contract's own canonical encoding
 * @param signer the signing member's public key
 * @param nonce per-signer counter; one the signer has not used, above its highest nonce or in the
 *     window just below it (ADR 0027)
 * @param timestampMillis when the signer made it (Unix epoch milliseconds)
 */
public record Transaction(
    Hash chainId,
    String channel,
    String contractId,
    int contractVersion,
    String method,
    byte[] args,
    PublicKey signer,
    long nonce,
    long timestampMillis) {

  /** Tag of the body encoding; a new layout gets a new tag. */
  public static final int FORMAT = 1;

  public static final int MAX_NAME_BYTES = 64;
  public static final int MAX_ARGS_BYTES = 64 * 1024;

  public Transaction {
    args = args.clone();
    checkName(channel, "channel");
    checkName(contractId, "contract id");
    checkName(method, "method");
    if (contractVersion < 1) {
      throw new IllegalArgumentException("contract version starts at 1");
    }
    if (args.length > MAX_ARGS_BYTES) {
      throw new IllegalArgumentException("arguments exceed " + MAX_ARGS_BYTES + " bytes");
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must not be negative");
    }
  }

  /** Names are 1–64 characters of [a-z0-9._-], so they have one spelling and one encoding. */
  public static void checkName(String value, String what) {
    if (value.isEmpty() || value.length() > MAX_NAME_BYTES) {
      throw new IllegalArgumentException(what + " must be 1 to 64 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
      if (!ok) {
        throw new IllegalArgumentException(what + " may use only a-z, 0-9, '.', '_' and '-'");
      }
    }
  }

  @Override
  public byte[] args() {
    return args.clone();
  }

  /** The canonical bytes that are signed. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(160 + args.length);
    write(w);
    return w.toByteArray();
  }

  void write(CanonicalWriter w) {
    w.u8(FORMAT)
        .fixed(chainId.bytes())
        .string(channel)
        .string(contractId)
        .i32(contractVersion)
        .string(method)
        .bytes(args)
        .fixed(signer.bytes())
        .i64(nonce)
        .i64(timestampMillis);
  }

  static Transaction read(CanonicalReader r) {
    int format = r.u8("transaction format");
    if (format != FORMAT) {
      throw new EncodingException("unknown transaction format " + format);
    }
    Hash chain = new Hash(r.fixed(Hash.SIZE, "chain id"));
    String channel = r.string(MAX_NAME_BYTES, "channel");
    String contract = r.string(MAX_NAME_BYTES, "contract id");
    int version = r.i32("contract version");
    String method = r.string(MAX_NAME_BYTES, "method");
    byte[] args = r.bytes(MAX_ARGS_BYTES, "arguments");
    PublicKey signer = new PublicKey(r.fixed(PublicKey.SIZE, "signer"));
    long nonce = r.i64("nonce");
    long ts = r.i64("timestamp");
    try {
      return new Transaction(chain, channel, contract, version, method, args, signer, nonce, ts);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  /** Signs this body; the key must be the one named as signer. */
  public SignedTransaction signWith(KeyPair key) {
    if (!key.publicKey().equals(signer)) {
      throw new IllegalArgumentException("the key does not belong to the named signer");
    }
    return new SignedTransaction(this, key.sign(encode()));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transaction t
        && chainId.equals(t.chainId)
        && channel.equals(t.channel)
        && contractId.equals(t.contractId)
        && contractVersion == t.contractVersion
        && method.equals(t.method)
        && Arrays.equals(args, t.args)
        && signer.equals(t.signer)
        && nonce == t.nonce
        && timestampMillis == t.timestampMillis;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    return "Transaction["
        + contractId
        + "@"
        + contractVersion
        + "."
        + method
        + " by "
        + signer.shortId()
        + " nonce "
        + nonce
        + " args "
        + HexFormat.of().formatHex(args, 0, Math.min(args.length, 16))
        + "]";
  }
}
