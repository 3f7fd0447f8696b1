package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IcaoTransliterationTest {

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource({
    "Müller, MUELLER, MULLER",
    "Jäger-Öztürk, JAEGER OEZTUERK, JAGER OZTURK",
    "Weiß, WEISS, WEISS",
    "Ångström, AANGSTROEM, ANGSTROM",
    "Søren Kierkegaard, SOEREN KIERKEGAARD, SOREN KIERKEGAARD",
    "Ærø, AEROE, AERO",
    "Muñoz, MUNOZ, MUNOZ",
    "José María, JOSE MARIA, JOSE MARIA",
    "François, FRANCOIS, FRANCOIS",
    "D'Artagnan, DARTAGNAN, DARTAGNAN",
    "Łukasz Żółć, LUKASZ ZOLC, LUKASZ ZOLC",
    "Þórunn, THORUNN, THORUNN",
    "Dvořák, DVORAK, DVORAK",
    "Щербаков, SHCHERBAKOV, SHCHERBAKOV",
    "Юлия, IULIIA, IULIIA",
    "van der Berg, VAN DER BERG, VAN DER BERG",
  })
  void writesNamesAsTheZoneDoes(String name, String icao, String plain) {
    assertThat(IcaoTransliteration.variants(name)).first().isEqualTo(icao);
    assertThat(IcaoTransliteration.variants(name)).last().isEqualTo(plain);
  }

  @ParameterizedTest
  @CsvSource({"ANNA<MARIA, ANNA MARIA", "ERIKSSON, ERIKSSON", "VAN DER<BERG, VAN DER BERG"})
  void readsTheZonesFillersAsSpaces(String zone, String words) {
    assertThat(IcaoTransliteration.ofZone(zone)).isEqualTo(words);
  }
}
