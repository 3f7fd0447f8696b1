package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private static final PasswordHasher HASHER =
      new PasswordHasher(IdentityProperties.Hashing.defaults());

  /**
   * Made with the reference implementation (Debian's argon2 20171227): {@code printf
   * 'p\xc3\xa4ssword-n\xc3\xa4ive' | argon2 0123456789abcdef -id -k 19456 -t 2 -p 1 -l 32 -e}.
   */
  private static final String REFERENCE =
      "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg"
          + "$XEJr0cj+gxnCZ8lkM6I7aUaipkt6g6aPN/pJDNpzU2w";

  /** The same tool with m = 32 MiB: {@code … | argon2 somesalt16bytes! -id -m 15 -t 2 -p 1}. */
  private static final String REFERENCE_32_MIB =
      "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQxNmJ5dGVzIQ"
          + "$ONFe8RW4pBxz818WLmKGEi+JE9emQSI1C1k3a87qvvE";

  @Test
  void hashesIntoAPhcStringWithTheConfiguredParameters() {
    assertThat(HASHER.hash("violet harbour kettle"))
        .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
  }

  @Test
  void verifiesTheRightPassword() {
    String stored = HASHER.hash("violet harbour kettle");

    assertThat(HASHER.verify("violet harbour kettle", stored)).isTrue();
  }

  @Test
  void refusesAWrongPassword() {
    String stored = HASHER.hash("violet harbour kettle");

    assertThat(HASHER.verify("violet harbour kettlE", stored)).isFalse();
    assertThat(HASHER.verify("", stored)).isFalse();
  }

  @Test
  void saltsEveryHashAfresh() {
    assertThat(HASHER.hash("violet harbour kettle"))
        .isNotEqualTo(HASHER.hash("violet harbour kettle"));
  }

  @Test
  void producesWhatTheReferenceImplementationProduces() {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    assertThat(HASHER.hash("pässword-näive", salt).format()).isEqualTo(REFERENCE);
  }

  @Test
  void verifiesHashesOfTheReferenceImplementation() {
    assertThat(HASHER.verify("pässword-näive", REFERENCE)).isTrue();
    assertThat(HASHER.verify("correct horse battery staple", REFERENCE_32_MIB)).isTrue();
    assertThat(HASHER.verify("correct horse battery stapler", REFERENCE_32_MIB)).isFalse();
  }

  @Test
  void verifiesAPasswordTypedWithDecomposedAccents() {
    assertThat(HASHER.verify("pa\u0308ssword-na\u0308ive", REFERENCE)).isTrue();
  }

  @Test
  void aHashWithTheConfiguredParametersNeedsNoRehash() {
    assertThat(HASHER.needsRehash(HASHER.hash("violet harbour kettle"))).isFalse();
    assertThat(HASHER.needsRehash(REFERENCE)).isFalse();
  }

  @Test
  void aHashWithOtherParametersNeedsARehashButStillVerifies() {
    PasswordHasher stronger = new PasswordHasher(new IdentityProperties.Hashing(19_456, 3, 1));

    assertThat(stronger.needsRehash(REFERENCE)).isTrue();
    assertThat(stronger.verify("pässword-näive", REFERENCE)).isTrue();
    assertThat(HASHER.needsRehash(REFERENCE_32_MIB)).isTrue();
    assertThat(stronger.needsRehash(stronger.hash("pässword-näive"))).isFalse();
  }

  @Test
  void theDummyVerificationCostsWhatARealOneCosts() {
    // Same cost means the same Argon2id parameters, salt and output length as a fresh hash.
    String dummy = HASHER.dummyHash();

    assertThat(HASHER.needsRehash(dummy)).isFalse();
    assertThat(PhcHash.parse(dummy).salt()).hasSize(PasswordHasher.SALT_BYTES);
    assertThat(PhcHash.parse(dummy).hash()).hasSize(PasswordHasher.HASH_BYTES);
  }

  @Test
  void theDummyVerificationAcceptsAnyInput() {
    HASHER.verifyDummy("");
    HASHER.verifyDummy("violet harbour kettle");

    assertThat(HASHER.verify("", HASHER.dummyHash())).isFalse();
  }

  @Test
  void refusesAStoredValueThatIsNotAnArgon2idHash() {
    assertThatThrownBy(() -> HASHER.verify("x", "$2a$10$abcdefghijklmnopqrstuv"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HASHER.verify("x", REFERENCE.replace("argon2id", "argon2i")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HASHER.needsRehash(REFERENCE.replace("v=19", "v=16")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thePhcStringRoundTrips() {
    assertThat(PhcHash.parse(REFERENCE).format()).isEqualTo(REFERENCE);
  }

  @Test
  void acceptsEveryOwaspConfigurationAndNothingWeaker() {
    new IdentityProperties.Hashing(47_104, 1, 1);
    new IdentityProperties.Hashing(12_288, 3, 1);
    new IdentityProperties.Hashing(9_216, 4, 1);
    new IdentityProperties.Hashing(7_168, 5, 1);

    assertThatThrownBy(() -> new IdentityProperties.Hashing(19_456, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdentityProperties.Hashing(4_096, 10, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new IdentityProperties.Hashing(19_456, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
