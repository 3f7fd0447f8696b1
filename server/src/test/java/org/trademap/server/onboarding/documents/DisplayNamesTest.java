package org.trademap.server.onboarding.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names from clients become harmless display names. */
class DisplayNamesTest {

  private static String png(String fileName) {
    return DisplayNames.sanitize(fileName, DocumentType.PNG, DocumentKind.ID_CARD_BACK);
  }

  @Test
  void keepsOnlyTheLastPathSegment() {
    assertThat(png("../../etc/passwd")).isEqualTo("passwd.png");
    assertThat(png("..\\..\\Windows\\System32\\cmd.exe")).isEqualTo("cmd.png");
    assertThat(png("C:\\Users\\anna\\Desktop\\id.png")).isEqualTo("id.png");
    assertThat(png("..\uFF0F..\uFF0Fid.png")).isEqualTo("id.png");
    assertThat(png("a\u2215b.png")).isEqualTo("b.png");
  }

  @Test
  void removesBidiOverridesAndInvisibleCharacters() {
    assertThat(png("a\u202Egnp.exe")).isEqualTo("agnp.png");
    assertThat(png("pass\u200Bport\u2066.png")).isEqualTo("passport.png");
    assertThat(png("\uFEFFid.png")).isEqualTo("id.png");
  }

  @Test
  void removesNulAndControlCharacters() {
    assertThat(png("photo.php\u0000.png")).isEqualTo("photo.php.png");
    assertThat(png("id\u0007\u001B[31m.png")).isEqualTo("id[31m.png");
  }

  @Test
  void turnsLineBreaksAndTabsIntoSingleSpaces() {
    assertThat(png("front\r\nX-Injected: 1.png")).isEqualTo("front X-Injected: 1.png");
    assertThat(png("  my \t\t id  .png")).isEqualTo("my id.png");
  }

  @Test
  void cutsLongNamesToAHundredCharactersPlusExtension() {
    String name = png("a".repeat(300) + ".png");

    assertThat(name).isEqualTo("a".repeat(100) + ".png");
  }

  @Test
  void cutsLongNamesBetweenGraphemesOnly() {
    // q with a combining dot above has no precomposed form; the pair must stay together.
    String name = png("a".repeat(99) + "q\u0307" + "b".repeat(50) + ".png");

    assertThat(name).isEqualTo("a".repeat(99) + ".png");
  }

  @Test
  void replacesTheExtensionWithTheDetectedType() {
    assertThat(png("scan.pdf")).isEqualTo("scan.png");
    assertThat(png("scan.PNG")).isEqualTo("scan.png");
    assertThat(png("scan")).isEqualTo("scan.png");
    assertThat(png("scan.tar.gz")).isEqualTo("scan.tar.png");
  }

  @Test
  void dropsLeadingDotsSoNothingIsHiddenOrRelative() {
    assertThat(png(".htaccess")).isEqualTo("htaccess.png");
    assertThat(png("...")).isEqualTo("id-card-back.png");
    assertThat(png("..")).isEqualTo("id-card-back.png");
  }

  @Test
  void fallsBackToTheKindWhenNothingIsLeft() {
    assertThat(DisplayNames.sanitize(null, DocumentType.JPEG, DocumentKind.PASSPORT_PAGE))
        .isEqualTo("passport-page.jpg");
    assertThat(png("")).isEqualTo("id-card-back.png");
    assertThat(png("\u202E\u200B/")).isEqualTo("id-card-back.png");
    assertThat(png(".png")).isEqualTo("id-card-back.png");
  }

  @Test
  void keepsDiacriticsInNfc() {
    assertThat(png("Ausweis Mu\u0308ller.png")).isEqualTo("Ausweis M\u00fcller.png");
    assertThat(png("\u5c71\u7530 \u592a\u90ce.png")).isEqualTo("\u5c71\u7530 \u592a\u90ce.png");
  }

  @Test
  void looksOnlyAtTheEndOfAnEnormousName() {
    String name = png("x".repeat(1_000_000) + "/id.png");

    assertThat(name).isEqualTo("id.png");
  }
}
