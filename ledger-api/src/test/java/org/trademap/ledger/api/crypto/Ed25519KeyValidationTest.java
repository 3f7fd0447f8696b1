package org.trademap.ledger.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trademap.ledger.api.LedgerArbitraries;
import org.trademap.ledger.api.crypto.EdwardsReference.Point;

class Ed25519KeyValidationTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] MESSAGE = "transfer everything".getBytes(StandardCharsets.UTF_8);

  /** Canonical encodings of the eight points of order 1, 2, 4 and 8. */
  static Stream<String> smallOrderPoints() {
    return Stream.of(
        "0100000000000000000000000000000000000000000000000000000000000000", // identity
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2 (y = -1)
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4 (y = 0)
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"); // order 8
  }

  @ParameterizedTest
  @MethodSource("smallOrderPoints")
  void refusesSmallOrderKeys(String hex) {
    byte[] encoding = HEX.parseHex(hex);
    Point point = EdwardsReference.decode(encoding).orElseThrow();
    assertThat(point.times(BigInteger.valueOf(8)).isIdentity()).isTrue();
    PublicKey key = new PublicKey(encoding);

    assertThat(Ed25519.isValidPublicKey(key)).isFalse();
    assertThat(Ed25519.verify(key, MESSAGE, identitySignature())).isFalse();
    assertThat(Ed25519.verify(key, MESSAGE, anySignature())).isFalse();
  }

  /**
   * With A the identity, R the identity and S = 0, the verification equation [S]B = R + [k]A holds
   * for every message: a lax verifier accepts this "signature" under the identity key.
   */
  @Test
  void theIdentityKeyDoesNotVerifyTheUniversalSignature() {
    PublicKey identity = new PublicKey(EdwardsReference.IDENTITY.encode());
    assertThat(identity.hex())
        .isEqualTo("0100000000000000000000000000000000000000000000000000000000000000");

    assertThat(Ed25519.verify(identity, MESSAGE, identitySignature())).isFalse();
    assertThat(Ed25519.verify(identity, new byte[0], identitySignature())).isFalse();
  }

  @Test
  void refusesTheAllZeroKey() {
    PublicKey zero = new PublicKey(new byte[32]);

    assertThat(Ed25519.isValidPublicKey(zero)).isFalse();
    assertThat(Ed25519.verify(zero, MESSAGE, identitySignature())).isFalse();
  }

  /** y = p + k for small k: the same y as k, spelled with a value that is not reduced mod p. */
  static Stream<String> nonCanonicalEncodings() {
    return IntStream.range(0, 19)
        .boxed()
        .flatMap(
            k ->
                Stream.of(false, true)
                    .map(
                        sign -> {
                          BigInteger y = EdwardsReference.P.add(BigInteger.valueOf(k));
                          return HEX.formatHex(
                              EdwardsReference.littleEndian(sign ? y.setBit(255) : y));
                        }));
  }

  @ParameterizedTest
  @MethodSource("nonCanonicalEncodings")
  void refusesEncodingsWithYNotBelowP(String hex) {
    byte[] encoding = HEX.parseHex(hex);
    assertThat(EdwardsReference.fromLittleEndian(encoding).clearBit(255))
        .isGreaterThanOrEqualTo(EdwardsReference.P);
    PublicKey key = new PublicKey(encoding);

    assertThat(Ed25519.isValidPublicKey(key)).isFalse();
    assertThat(Ed25519.verify(key, MESSAGE, anySignature())).isFalse();
  }

  @Test
  void refusesTheAllOnesEncoding() {
    byte[] ones = new byte[32];
    Arrays.fill(ones, (byte) 0xFF);

    assertThat(Ed25519.isValidPublicKey(new PublicKey(ones))).isFalse();
  }

  /** x = 0 with the sign bit set ("negative zero"): RFC 8032 §5.1.3 says decoding fails. */
  @Test
  void refusesNegativeZeroX() {
    byte[] encoding = EdwardsReference.IDENTITY.encode();
    encoding[31] |= (byte) 0x80;
    assertThat(EdwardsReference.decode(encoding)).isEmpty();

    assertThat(Ed25519.isValidPublicKey(new PublicKey(encoding))).isFalse();
  }

  @Test
  void refusesEncodingsThatAreNotOnTheCurve() {
    byte[] encoding = new byte[32];
    encoding[0] = 2; // y = 2: (y² - 1) / (d·y² + 1) has no square root
    assertThat(EdwardsReference.decode(encoding)).isEmpty();

    assertThat(Ed25519.isValidPublicKey(new PublicKey(encoding))).isFalse();
  }

  /** A curve point outside the prime-order subgroup: a real key plus a point of order 8. */
  @Property(tries = 10)
  void refusesMixedOrderKeys(@ForAll("keys") KeyPair key) {
    Point a = EdwardsReference.decode(key.publicKey().bytes()).orElseThrow();
    Point torsion =
        EdwardsReference.decode(
                HEX.parseHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"))
            .orElseThrow();
    Point mixed = a.plus(torsion);
    assertThat(mixed.times(EdwardsReference.L).isIdentity()).isFalse();
    assertThat(mixed.times(BigInteger.valueOf(8)).isIdentity()).isFalse();
    assertThat(EdwardsReference.decode(mixed.encode())).contains(mixed);

    assertThat(Ed25519.isValidPublicKey(new PublicKey(mixed.encode()))).isFalse();
    assertThat(Ed25519.verify(new PublicKey(mixed.encode()), MESSAGE, key.sign(MESSAGE))).isFalse();
  }

  @Property(tries = 20)
  void acceptsEveryGeneratedKey(@ForAll("keys") KeyPair key) {
    Point a = EdwardsReference.decode(key.publicKey().bytes()).orElseThrow();
    assertThat(a.times(EdwardsReference.L).isIdentity()).isTrue();

    assertThat(Ed25519.isValidPublicKey(key.publicKey())).isTrue();
  }

  @Property(tries = 50)
  void randomBytesAreAcceptedOnlyIfTheyAreACanonicalPointOfPrimeOrder(
      @ForAll @Size(value = 32) byte[] bytes) {
    boolean primeOrder =
        EdwardsReference.decode(bytes)
            .filter(p -> !p.isIdentity() && p.times(EdwardsReference.L).isIdentity())
            .isPresent();

    assertThat(Ed25519.isValidPublicKey(new PublicKey(bytes))).isEqualTo(primeOrder);
  }

  @Provide
  Arbitrary<KeyPair> keys() {
    return LedgerArbitraries.keyPairs();
  }

  /** R = the identity, S = 0. */
  private static Signature identitySignature() {
    byte[] sig = new byte[64];
    sig[0] = 1;
    return new Signature(sig);
  }

  private static Signature anySignature() {
    return KeyPair.fromPrivateKey(new byte[32]).sign(MESSAGE);
  }
}
