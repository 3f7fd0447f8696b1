package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.TODAY;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tesseract reads zones rendered with Java2D: the specimens on a plain page, a card with confusable
 * characters, and a passport on a photo-like noisy background saved as JPEG.
 */
class MrzOcrTest {
  private static TesseractRecognizer tesseract;
  private static MrzReader reader;

  @BeforeAll
  static void engine() {
    tesseract = new TesseractRecognizer();
    reader = new MrzReader(tesseract);
  }

  @AfterAll
  static void close() {
    tesseract.close();
  }

  private static MrzData read(BufferedImage page) {
    long start = System.nanoTime();
    MrzReading reading = reader.read(DocumentImages.encode(page, "png"), TODAY);
    System.out.printf(
        "OCR of a %dx%d page: %d ms%n",
        page.getWidth(), page.getHeight(), (System.nanoTime() - start) / 1_000_000);
    assertThat(reading).isInstanceOf(MrzReading.Found.class);
    MrzReading.Found found = (MrzReading.Found) reading;
    assertThat(found.corrected().outcome())
        .as("raw %s corrected %s", found.rawLines(), found.corrected().corrections())
        .isInstanceOf(MrzOutcome.Parsed.class);
    return ((MrzOutcome.Parsed) found.corrected().outcome()).data();
  }

  @Test
  void readsTheSpecimenPassport() {
    MrzData data = read(DocumentImages.page(1250, 880, Zones.TD3_SPECIMEN, 28, false));
    assertThat(data.lines()).isEqualTo(Zones.TD3_SPECIMEN);
  }

  @Test
  void readsTheSpecimenIdentityCardsBack() {
    MrzData data = read(DocumentImages.page(1000, 630, Zones.TD1_SPECIMEN, 30, false));
    assertThat(data.lines()).isEqualTo(Zones.TD1_SPECIMEN);
  }

  @Test
  void readsAZoneFullOfConfusableCharacters() {
    // Letters that look like digits in the name and codes, digits that look like letters in the
    // dates, zeros and O in the numbers.
    List<String> zone =
        Zones.td3(
            "P", "D", "OSBORNE<<ZOE<ISOLDE", "C01X00T47", "D", "800521", 'F', "330611", "O08150");
    MrzData data = read(DocumentImages.page(1250, 880, zone, 28, false));
    assertThat(data.lines()).isEqualTo(zone);
    assertThat(data.primaryIdentifier()).isEqualTo("OSBORNE");
    assertThat(data.secondaryIdentifier()).isEqualTo("ZOE ISOLDE");
    assertThat(data.documentNumber()).isEqualTo("C01X00T47");
    assertThat(data.birthDate()).isEqualTo(LocalDate.of(1980, 5, 21));
    assertThat(data.optionalData()).isEqualTo("O08150");
  }

  @Test
  void readsAPassportOnANoisyBackgroundSavedAsJpeg() {
    BufferedImage page = DocumentImages.page(1400, 985, Zones.TD3_SPECIMEN, 30, true);
    MrzReading reading = reader.read(DocumentImages.encode(page, "jpg"), TODAY);
    assertThat(reading).isInstanceOf(MrzReading.Found.class);
    assertThat(((MrzReading.Found) reading).corrected().lines()).isEqualTo(Zones.TD3_SPECIMEN);
  }

  @Test
  void saysSoWhenThereIsNoZone() {
    BufferedImage page = DocumentImages.page(1000, 700, List.of(), 28, false);
    assertThat(reader.read(DocumentImages.encode(page, "png"), TODAY))
        .isInstanceOf(MrzReading.NotFound.class);
    assertThat(reader.read(new byte[] {1, 2, 3}, TODAY))
        .isEqualTo(new MrzReading.Unavailable(MrzReading.Cause.NOT_AN_IMAGE));
  }
}
