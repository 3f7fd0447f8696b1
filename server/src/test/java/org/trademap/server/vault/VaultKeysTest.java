package org.trademap.server.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The vault's configured secrets as a value. */
class VaultKeysTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void neverShowsKeyMaterialInItsText() {
    VaultKeys keys = VaultKeys.generate(RANDOM);
    byte[] kek = keys.kek().getEncoded();

    assertThat(keys.toString())
        .contains(keys.kekId())
        .doesNotContain(HexFormat.of().formatHex(kek))
        .doesNotContain(Base64.getEncoder().encodeToString(kek))
        .doesNotContain(HexFormat.of().formatHex(keys.pepper()));
  }

  @Test
  void refusesAKeyEncryptionKeyThatIsNotAes256() {
    byte[] pepper = new byte[32];

    assertThatThrownBy(() -> new VaultKeys(new SecretKeySpec(new byte[16], "AES"), pepper))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("256-bit AES");
    assertThatThrownBy(() -> new VaultKeys(new SecretKeySpec(new byte[32], "HmacSHA256"), pepper))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAPepperShorterThan32Bytes() {
    assertThatThrownBy(() -> new VaultKeys(VaultKeys.aesKey(new byte[32]), new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 32 bytes");
  }

  @Test
  void keepsItsOwnCopyOfThePepper() {
    byte[] pepper = new byte[32];
    VaultKeys keys = new VaultKeys(VaultKeys.aesKey(new byte[32]), pepper);

    pepper[0] = 1;
    keys.pepper()[1] = 1;

    assertThat(keys.pepper()).containsOnly(0);
  }

  @Test
  void theKeyIdNamesTheKeyEncryptionKey() {
    VaultKeys keys = VaultKeys.generate(RANDOM);

    assertThat(keys.kekId()).matches("[0-9a-f]{16}");
    assertThat(keys.withKek(keys.kek()).kekId()).isEqualTo(keys.kekId());
    assertThat(VaultKeys.generate(RANDOM).kekId()).isNotEqualTo(keys.kekId());
  }
}
