package org.trademap.server.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The KYC key's readable form and commitment. */
class KycKeyTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void isFiftyTwoBase32CharactersInThirteenGroupsOfFour() {
    String text = KycKey.random(random).text();

    assertThat(text).matches("[A-Z2-7]{4}(-[A-Z2-7]{4}){12}");
  }

  @Test
  void readsBackWhatItShowsAlsoWithoutHyphensAndInLowerCase() {
    KycKey key = KycKey.random(random);
    String text = key.text();

    assertThat(KycKey.parse(text)).contains(key);
    assertThat(KycKey.parse(text.replace("-", " ").toLowerCase(Locale.ROOT))).contains(key);
  }

  @Test
  void refusesWhatIsNotAKey() {
    String text = KycKey.random(random).text();

    assertThat(KycKey.parse(null)).isEmpty();
    assertThat(KycKey.parse("")).isEmpty();
    assertThat(KycKey.parse(text.substring(0, text.length() - 5))).isEmpty();
    assertThat(KycKey.parse(text.replace(text.charAt(0), '1'))).isEmpty();
  }

  @Test
  void theCommitmentIsSha256OverTheLabelAndTheKeysBytes() throws Exception {
    KycKey key = KycKey.random(random);
    byte[] bytes = org.trademap.server.identity.Base32.decode(key.text().replace("-", ""));
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("trademap.kyc-key.v1\0".getBytes(StandardCharsets.US_ASCII));

    assertThat(key.commitment().bytes()).isEqualTo(sha256.digest(bytes));
  }

  @Test
  void everyKeyIsNew() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertThat(seen.add(KycKey.random(random).text())).isTrue();
    }
  }

  @Test
  void neverShowsItselfInLogs() {
    KycKey key = KycKey.random(random);

    assertThat(key.toString()).doesNotContain(key.text().substring(0, 4) + "-");
  }
}
