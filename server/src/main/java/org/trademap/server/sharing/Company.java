package org.trademap.server.sharing;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A securities company that receives KYC packages.
 *
 * @param id its stable id
 * @param name its name
 * @param publicKey its X25519 public key for HPKE (32 bytes)
 */
public record Company(String id, String name, byte[] publicKey) {
  /** Copies the key. */
  public Company {
    publicKey = publicKey.clone();
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The public key as 64 hexadecimal characters. */
  public String publicKeyHex() {
    return HexFormat.of().formatHex(publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Company c
        && c.id.equals(id)
        && c.name.equals(name)
        && Arrays.equals(c.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "Company[" + id + "]";
  }
}
