package org.trademap.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.server.identity.PasswordVerdict.Reason;

class PasswordPolicyTest {
  private static final PasswordPolicy POLICY =
      new PasswordPolicy(IdentityProperties.Password.defaults());
  private static final PasswordOwner ANNA =
      new PasswordOwner("anna.lena+shop@example.org", List.of("Müller-Lüdenscheidt", "Anna Lena"));
  private static final PasswordOwner NOBODY = PasswordOwner.ofEmail("x@example.org");

  private static PasswordVerdict check(String password) {
    return POLICY.check(password, NOBODY);
  }

  private static PasswordVerdict rejected(Reason... reasons) {
    return new PasswordVerdict.Rejected(List.of(reasons));
  }

  @Test
  void acceptsAPassphraseOfOnlyLowerCaseLettersAndSpaces() {
    assertThat(check("violet harbour kettle")).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void refusesPasswordsShorterThanTwelveCharacters() {
    assertThat(check("kettle-harb")).isEqualTo(rejected(Reason.TOO_SHORT));
    assertThat(check("kettle-harbo")).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void refusesAnEmptyPassword() {
    assertThat(check("")).isEqualTo(rejected(Reason.TOO_SHORT));
  }

  @Test
  void countsCodePointsAfterNfcNotCharsOrBytes() {
    String decomposedE = "e\u0301";
    // Eleven é typed with a combining accent: 22 chars, 11 characters after NFC.
    assertThat(check(decomposedE.repeat(11))).isEqualTo(rejected(Reason.TOO_SHORT));
    // Twelve emoji outside the BMP: 24 chars, 12 code points.
    assertThat(check("\uD83D\uDD11".repeat(12))).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void allowsPasswordsOf128CharactersAndRefusesLongerOnes() {
    String longest = "violet harbour kettle ".repeat(6).substring(0, 128);
    assertThat(check(longest)).isEqualTo(new PasswordVerdict.Acceptable());
    assertThat(check(longest + "x")).isEqualTo(rejected(Reason.TOO_LONG));
  }

  @Test
  void neverTrimsSpacesBeforeCounting() {
    assertThat(check("   kettle   ")).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void refusesCommonPasswordsIgnoringCase() {
    assertThat(check("qwerty123456")).isEqualTo(rejected(Reason.COMMON));
    assertThat(check("QWERTY123456")).isEqualTo(rejected(Reason.COMMON));
    assertThat(check("correcthorsebatterystaple")).isEqualTo(rejected(Reason.COMMON));
  }

  @Test
  void refusesShorterCommonPasswordsWhenTheMinimumIsLowered() {
    PasswordPolicy eight =
        new PasswordPolicy(new IdentityProperties.Password(8, 128, List.of("trademap")));

    assertThat(eight.check("baseball", NOBODY)).isEqualTo(rejected(Reason.COMMON));
    assertThat(eight.check("kettle-h", NOBODY)).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void theBundledListHoldsTheBreachCorpusWithoutItsLineEndings() {
    CommonPasswords all = CommonPasswords.bundled(1);

    assertThat(all.size()).isGreaterThan(90_000);
    assertThat(all.contains("123456")).isTrue();
    assertThat(CommonPasswords.bundled(12).size()).isBetween(400, 1_000);
  }

  @Test
  void refusesPasswordsContainingTheEmailLocalPartIgnoringCase() {
    assertThat(POLICY.check("my ANNA.LENA+SHOP key", ANNA))
        .isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
  }

  @Test
  void refusesPasswordsContainingAPartOfTheEmailLocalPart() {
    PasswordOwner owner = PasswordOwner.ofEmail("jdoe_workmail@example.org");

    assertThat(POLICY.check("violet workmail kettle", owner))
        .isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
  }

  @Test
  void refusesPasswordsContainingANameWithCaseFoldingAndNfc() {
    // Upper case, and ü typed as u + combining diaeresis.
    assertThat(POLICY.check("kettle MU\u0308LLER harbour", ANNA))
        .isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
    assertThat(POLICY.check("kettle lüdenscheidt", ANNA))
        .isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
  }

  @Test
  void foldsSharpSLikeUpperCaseSs() {
    PasswordOwner owner = new PasswordOwner("x@example.org", List.of("Strauß"));

    assertThat(POLICY.check("violet STRAUSS kettle", owner))
        .isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
  }

  @Test
  void refusesPasswordsContainingTheNameOfTheService() {
    assertThat(check("my TradeMap account")).isEqualTo(rejected(Reason.CONTAINS_IDENTITY));
  }

  @Test
  void ignoresIdentityFragmentsShorterThanThreeCharacters() {
    PasswordOwner li = new PasswordOwner("li@example.org", List.of("Li", "Wu"));

    assertThat(POLICY.check("violet lily wunder", li)).isEqualTo(new PasswordVerdict.Acceptable());
  }

  @Test
  void reportsEveryRuleThePasswordBreaks() {
    assertThat(POLICY.check("anna", ANNA))
        .isEqualTo(rejected(Reason.TOO_SHORT, Reason.CONTAINS_IDENTITY));
  }

  @Test
  void reasonsHaveStableCodes() {
    assertThat(List.of(Reason.values()).stream().map(Reason::code))
        .containsExactly(
            "password.too-short",
            "password.too-long",
            "password.common",
            "password.contains-identity");
  }

  @Test
  void aMinimumBelowEightIsRefusedByTheConfiguration() {
    assertThatThrownBy(() -> new IdentityProperties.Password(7, 128, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("min-length");
  }

  @Test
  void aMaximumBelow128IsRefusedByTheConfiguration() {
    assertThatThrownBy(() -> new IdentityProperties.Password(12, 64, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-length");
  }

  @Test
  void aRejectionWithoutReasonsCannotBeMade() {
    assertThatThrownBy(() -> new PasswordVerdict.Rejected(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
