package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Normalisation and transliteration of names. */
class NamesTest {

  private static String person(String name) {
    return Names.tokens(name, EntryKind.PERSON).text();
  }

  @Test
  void foldsCaseAndCompatibilityForms() {
    assertThat(Names.ascii("ＫＩＭ Ｊｏｎｇ-ｕｎ")).isEqualTo("kim jong un");
    assertThat(Names.ascii("STRAßE")).isEqualTo("strasse");
    assertThat(Names.ascii("ﬁnn")).isEqualTo("finn");
  }

  @Test
  void removesDiacritics() {
    assertThat(Names.ascii("Joaquín Guzmán Loera")).isEqualTo("joaquin guzman loera");
    assertThat(Names.ascii("Łukasz Żółć")).isEqualTo("lukasz zolc");
    assertThat(Names.ascii("Müller Ørsted")).isEqualTo("muller orsted");
  }

  @Test
  void transliteratesOtherScripts() {
    assertThat(Names.ascii("Доку Умаров")).isEqualTo("doku umarov");
    assertThat(Names.ascii("Αλέξης Τσίπρας")).isEqualTo("alexes tsipras");
    assertThat(Names.ascii("صدام حسين")).isEqualTo("sdam hsyn");
  }

  @Test
  void dropsApostrophesAndSplitsOnOtherPunctuation() {
    assertThat(Names.ascii("O'Neil, Sa’id al-Qa'ida")).isEqualTo("oneil said al qaida");
    assertThat(Names.ascii("  KIM,  Jong   Un. ")).isEqualTo("kim jong un");
  }

  @Test
  void dropsHonorificsOfPersonsOnly() {
    assertThat(person("Dr. Ayman al-Zawahiri")).isEqualTo("ayman al zawahiri");
    assertThat(person("Sheikh Haji Mullah Omar")).isEqualTo("omar");
    assertThat(Names.tokens("Dr. Oetker", EntryKind.ENTITY).text()).isEqualTo("dr oetker");
  }

  @Test
  void weighsParticlesInitialsAndLegalFormsLightly() {
    Names.Tokens person = Names.tokens("Usama bin Ladin J.", EntryKind.PERSON);
    assertThat(person.tokens()).containsExactly("usama", "bin", "ladin", "j");
    assertThat(person.weights()).containsExactly(1f, Names.LIGHT, 1f, Names.INITIAL);

    Names.Tokens company = Names.tokens("Anglo-Caribbean Company Limited", EntryKind.ENTITY);
    assertThat(company.tokens()).containsExactly("anglo", "caribbean", "co", "ltd");
    assertThat(company.weights()).containsExactly(1f, 1f, Names.LIGHT, Names.LIGHT);
  }

  @Test
  void aNameOfHonorificsOnlyHasNoTokens() {
    assertThat(Names.tokens("Mr. Dr.", EntryKind.PERSON).isEmpty()).isTrue();
    assertThat(Names.tokens("---", EntryKind.PERSON).isEmpty()).isTrue();
  }

  @Test
  void soundKeysJoinTransliterationVariants() {
    assertThat(Names.soundKey("yusuf"))
        .isEqualTo(Names.soundKey("youssef"))
        .isEqualTo(Names.soundKey("jusuf"));
    assertThat(Names.soundKey("osama")).isEqualTo(Names.soundKey("usama"));
    assertThat(Names.soundKey("mohammed")).isEqualTo(Names.soundKey("muhammad"));
    assertThat(Names.soundKey("smith")).isNotEqualTo(Names.soundKey("eriksson"));
  }

  @Test
  void countryNamesOfTheListsMapToIsoCodes() {
    assertThat(Countries.code("Iran (Islamic Republic of)")).contains("IR");
    assertThat(Countries.code("Korea, North")).contains("KP");
    assertThat(Countries.code("Democratic People's Republic of Korea")).contains("KP");
    assertThat(Countries.code("Russian Federation")).contains("RU");
    assertThat(Countries.code("Bosnia and Herzegovina")).contains("BA");
    assertThat(Countries.code("Türkiye")).contains("TR");
    assertThat(Countries.code("Sweden")).contains("SE");
    assertThat(Countries.code("CH")).contains("CH");
    assertThat(Countries.code("Atlantis")).isEmpty();
  }
}
