package org.trademap.ledger.core.chain;

import java.nio.charset.StandardCharsets;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;

/**
 * The key layout. One byte of prefix per kind of entry:
 *
 * <ul>
 *   <li>{@code b} + height (8 bytes, big-endian) → encoded block
 *   <li>{@code t} + transaction id → height (8) + index in block (4)
 *   <li>{@code n} + signer key → the signer's nonce window ({@link NonceWindow}: highest nonce (8)
 *       and the free nonces below it); part of the state root
 *   <li>{@code s} + contract id + 0x00 + contract key → contract state; part of the state root
 *   <li>{@code m} + name → metadata: head, last applied Raft term/index, genesis document
 * </ul>
 */
public final class Keys {
  public static final byte BLOCK = 'b';
  public static final byte TX = 't';
  public static final byte NONCE = 'n';
  public static final byte STATE = 's';
  public static final byte META = 'm';

  static final byte[] HEAD = meta("head");
  static final byte[] APPLIED = meta("applied");
  static final byte[] GENESIS = meta("genesis");

  private Keys() {}

  private static byte[] meta(String name) {
    byte[] n = name.getBytes(StandardCharsets.US_ASCII);
    byte[] k = new byte[n.length + 1];
    k[0] = META;
    System.arraycopy(n, 0, k, 1, n.length);
    return k;
  }

  public static byte[] block(long height) {
    byte[] k = new byte[9];
    k[0] = BLOCK;
    putLong(k, 1, height);
    return k;
  }

  public static byte[] tx(Hash id) {
    return prefixed(TX, id.bytes());
  }

  public static byte[] nonce(PublicKey signer) {
    return prefixed(NONCE, signer.bytes());
  }

  /** The prefix of a contract's own key space. */
  public static byte[] statePrefix(String contractId) {
    byte[] id = contractId.getBytes(StandardCharsets.UTF_8);
    byte[] k = new byte[id.length + 2];
    k[0] = STATE;
    System.arraycopy(id, 0, k, 1, id.length);
    k[k.length - 1] = 0;
    return k;
  }

  public static byte[] state(byte[] statePrefix, byte[] key) {
    byte[] k = new byte[statePrefix.length + key.length];
    System.arraycopy(statePrefix, 0, k, 0, statePrefix.length);
    System.arraycopy(key, 0, k, statePrefix.length, key.length);
    return k;
  }

  private static byte[] prefixed(byte prefix, byte[] rest) {
    byte[] k = new byte[rest.length + 1];
    k[0] = prefix;
    System.arraycopy(rest, 0, k, 1, rest.length);
    return k;
  }

  public static void putLong(byte[] b, int off, long v) {
    for (int i = 0; i < 8; i++) {
      b[off + i] = (byte) (v >>> (56 - 8 * i));
    }
  }

  public static long getLong(byte[] b, int off) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }

  public static byte[] longBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }
}
