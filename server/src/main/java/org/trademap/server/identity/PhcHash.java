package org.trademap.server.identity;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Argon2id hash in the PHC string format: {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, salt
 * and hash in base64 without padding. The parameters travel with the hash, so they can be raised
 * later without invalidating stored hashes.
 */
record PhcHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
  private static final Pattern FORMAT =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})"
              + "\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
  private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

  PhcHash {
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Parses a stored hash; a string that is not an Argon2id v19 PHC string is a fault. */
  static PhcHash parse(String encoded) {
    Matcher m = FORMAT.matcher(encoded);
    if (!m.matches()) {
      throw new IllegalArgumentException("not an Argon2id v19 PHC string");
    }
    int memory = Integer.parseInt(m.group(1));
    int iterations = Integer.parseInt(m.group(2));
    int parallelism = Integer.parseInt(m.group(3));
    if (iterations < 1 || parallelism < 1 || memory < 8 * parallelism) {
      throw new IllegalArgumentException("impossible Argon2id parameters in PHC string");
    }
    Base64.Decoder decoder = Base64.getDecoder();
    return new PhcHash(
        memory, iterations, parallelism, decoder.decode(m.group(4)), decoder.decode(m.group(5)));
  }

  String format() {
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + ENCODER.encodeToString(salt)
        + "$"
        + ENCODER.encodeToString(hash);
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  @Override
  public byte[] hash() {
    return hash.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PhcHash that && format().equals(that.format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  @Override
  public String toString() {
    return "PhcHash[m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism + "]";
  }
}
