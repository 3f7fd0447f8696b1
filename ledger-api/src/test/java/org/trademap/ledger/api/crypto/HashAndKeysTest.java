package org.trademap.ledger.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HashAndKeysTest {

  @Test
  void sha256MatchesTheFips180Example() {
    assertThat(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)).hex())
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void sha256OfPartsEqualsSha256OfTheirConcatenation() {
    byte[] ab = "ab".getBytes(StandardCharsets.US_ASCII);
    byte[] c = "c".getBytes(StandardCharsets.US_ASCII);

    assertThat(Hash.sha256(ab, c))
        .isEqualTo(Hash.sha256("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void hashesParseAndPrintHex() {
    Hash h = Hash.sha256(new byte[] {1});

    assertThat(Hash.ofHex(h.hex())).isEqualTo(h).hasSameHashCodeAs(h);
    assertThat(h.toString()).isEqualTo(h.hex());
    assertThatThrownBy(() -> Hash.ofHex("abcd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a hash is 64 hexadecimal characters");
  }

  @Test
  void hashesHave32BytesAndCopyThem() {
    assertThatThrownBy(() -> new Hash(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a hash has 32 bytes, not 31");
    byte[] bytes = new byte[32];
    Hash h = new Hash(bytes);
    bytes[0] = 1;
    h.bytes()[1] = 1;

    assertThat(h).isEqualTo(Hash.ZERO);
  }

  @Test
  void hashesAndKeysOrderAsUnsignedBytes() {
    byte[] high = new byte[32];
    high[0] = (byte) 0x80;
    byte[] low = new byte[32];
    low[0] = 0x7F;

    assertThat(new Hash(high)).isGreaterThan(new Hash(low));
    assertThat(new PublicKey(high)).isGreaterThan(new PublicKey(low));
  }

  @Test
  void publicKeysRoundTripThroughBase64AndHaveAShortId() {
    PublicKey key = KeyPair.fromPrivateKey(new byte[32]).publicKey();

    assertThat(PublicKey.ofBase64(key.base64())).isEqualTo(key).hasSameHashCodeAs(key);
    assertThat(key.shortId()).hasSize(16).isEqualTo(key.hex().substring(0, 16));
    assertThat(key.toString()).isEqualTo(key.hex());
    assertThatThrownBy(() -> new PublicKey(new byte[33]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an Ed25519 public key has 32 bytes, not 33");
  }

  @Test
  void signaturesHave64BytesAndCompareByContent() {
    assertThatThrownBy(() -> new Signature(new byte[63]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an Ed25519 signature has 64 bytes, not 63");
    byte[] bytes = new byte[64];
    Signature s = new Signature(bytes);
    bytes[0] = 1;

    assertThat(s)
        .isEqualTo(new Signature(new byte[64]))
        .hasSameHashCodeAs(new Signature(new byte[64]));
    assertThat(s.toString()).isEqualTo("00".repeat(64));
  }

  @Test
  void generatedKeyPairsSignAndKeepTheirPrivateKeyOutOfToString() {
    KeyPair pair = KeyPair.generate(new SecureRandom());
    byte[] message = {1, 2, 3};

    assertThat(Ed25519.verify(pair.publicKey(), message, pair.sign(message))).isTrue();
    assertThat(KeyPair.fromPrivateKey(pair.privateKeyBytes()).publicKey())
        .isEqualTo(pair.publicKey());
    assertThat(pair.toString())
        .isEqualTo("KeyPair[" + pair.publicKey().shortId() + "]")
        .doesNotContain(HexFormat.of().formatHex(pair.privateKeyBytes()));
  }
}
