package org.trademap.server.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Sealing a package to one company: round trip, and every way it must refuse to open. */
class HpkeTest {
  private static final byte[] AAD = "app-1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] PACKAGE =
      "{\"profile\":{\"surname\":\"Eriksson\"}}".getBytes(StandardCharsets.UTF_8);

  private final Hpke.Keys alpha = Hpke.generate();
  private final Hpke.Keys beta = Hpke.generate();

  @Test
  void theDesignatedCompanyOpensWhatWasSealedToIt() {
    byte[] sealed = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);

    assertThat(Hpke.open(alpha, AAD, sealed)).hasValue(PACKAGE);
    assertThat(alpha.publicKey()).hasSize(Hpke.KEY_SIZE);
    assertThat(alpha.privateKey()).hasSize(Hpke.KEY_SIZE);
  }

  @Test
  void theSealedFormHidesTheContentAndIsFreshEachTime() {
    byte[] first = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);
    byte[] second = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);

    assertThat(first).isNotEqualTo(second);
    assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("Eriksson");
  }

  @Test
  void anotherCompanysKeyDoesNotOpenIt() {
    byte[] sealed = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);

    assertThat(Hpke.open(beta, AAD, sealed)).isEmpty();
  }

  @Test
  void anyChangedByteIsRefused() {
    byte[] sealed = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);
    for (int i = 0; i < sealed.length; i++) {
      byte[] altered = sealed.clone();
      altered[i] ^= 0x01;
      assertThat(Hpke.open(alpha, AAD, altered)).as("byte %d changed", i).isEmpty();
    }
  }

  @Test
  void aPackageBoundToAnotherApplicationIsRefused() {
    byte[] sealed = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);

    assertThat(Hpke.open(alpha, "app-2".getBytes(StandardCharsets.US_ASCII), sealed)).isEmpty();
  }

  @Test
  void truncatedAndEmptyValuesAreRefused() {
    byte[] sealed = Hpke.seal(alpha.publicKey(), AAD, PACKAGE);

    assertThat(Hpke.open(alpha, AAD, new byte[0])).isEmpty();
    assertThat(Hpke.open(alpha, AAD, java.util.Arrays.copyOf(sealed, Hpke.KEY_SIZE))).isEmpty();
    assertThat(Hpke.open(alpha, AAD, java.util.Arrays.copyOf(sealed, sealed.length - 1))).isEmpty();
  }

  @Test
  void keysNeverShowThePrivateKey() {
    assertThat(alpha.toString())
        .doesNotContain(java.util.HexFormat.of().formatHex(alpha.privateKey()));
  }
}
