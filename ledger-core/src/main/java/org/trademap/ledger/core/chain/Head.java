package org.trademap.ledger.core.chain;

import org.trademap.ledger.api.crypto.Hash;

/**
 * The last committed block.
 *
 * @param height its height
 * @param hash its hash
 * @param stateRoot the state root after it
 * @param timestampMillis its time
 */
public record Head(long height, Hash hash, Hash stateRoot, long timestampMillis) {

  byte[] encode() {
    byte[] b = new byte[8 + 32 + 32 + 8];
    Keys.putLong(b, 0, height);
    System.arraycopy(hash.bytes(), 0, b, 8, 32);
    System.arraycopy(stateRoot.bytes(), 0, b, 40, 32);
    Keys.putLong(b, 72, timestampMillis);
    return b;
  }

  static Head decode(byte[] b) {
    return new Head(
        Keys.getLong(b, 0),
        new Hash(java.util.Arrays.copyOfRange(b, 8, 40)),
        new Hash(java.util.Arrays.copyOfRange(b, 40, 72)),
        Keys.getLong(b, 72));
  }
}
