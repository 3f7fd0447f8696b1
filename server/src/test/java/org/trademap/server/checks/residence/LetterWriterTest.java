package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.server.checks.residence.Recipients.Recipient;
import org.trademap.server.onboarding.Address;

/** The letter's text in English and German, read back from the PDF. */
class LetterWriterTest {
  private static final UUID ID = UUID.fromString("8d1e6a1c-5b7e-4c2d-9f00-0123456789ab");
  private static final Instant MADE = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2026-04-01T00:00:00Z");
  private static final Recipient COMPANY =
      new Recipient(
          List.of("Müller & Søn AG", "Zoë Dvořák"),
          new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH"));

  private static String letter(String language, ConfirmationCode code) {
    ResidenceProperties properties = ResidenceProperties.defaults();
    LetterWriter writer =
        new LetterWriter(
            ResidenceFixture.messages(),
            "https://kyc.example/",
            properties,
            new LetterPdf(properties.fonts()));
    return LetterTexts.text(writer.write(ID, language, MADE, EXPIRES, COMPANY, code).pdf())
        .replace('\n', ' ');
  }

  @Test
  void theEnglishLetterSaysWhereUntilWhenAndHowToEnterTheCode() {
    ConfirmationCode code = ConfirmationCode.random(new Random(1));

    String text = letter("en", code);

    assertThat(text)
        .contains("Do not forward")
        .contains("Müller & Søn AG Zoë Dvořák Bahnhofstrasse 1 8001 Zürich SWITZERLAND")
        .contains("Please confirm your address")
        .contains("https://kyc.example/me/residence")
        .contains(code.grouped())
        .contains("until the end of 31 March 2026 (UTC)")
        .contains("After 5 wrong entries")
        .contains("Letter reference: " + ID)
        .contains("Date: 1 March 2026");
  }

  @Test
  void theGermanLetterIsInGerman() {
    ConfirmationCode code = ConfirmationCode.random(new Random(2));

    String text = letter("de", code);

    assertThat(text)
        .contains("Nicht nachsenden")
        .contains("8001 Zürich SCHWEIZ")
        .contains("Bitte bestätigen Sie Ihre Adresse")
        .contains("„Meine Adresse bestätigen“")
        .contains(code.grouped())
        .contains("bis zum Ende des 31. März 2026 (UTC)")
        .contains("Nach 5 falschen Eingaben")
        .contains("Datum: 1. März 2026")
        .contains("Briefreferenz: " + ID);
  }
}
