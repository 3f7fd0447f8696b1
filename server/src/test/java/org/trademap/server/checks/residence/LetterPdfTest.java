package org.trademap.server.checks.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;

/** The letter's layout and fonts, read back with PDFBox. */
class LetterPdfTest {
  private static final Path DEJAVU = ResidenceProperties.defaults().fonts().getFirst();

  private static LetterContent letter(String name, String street, String town) {
    return new LetterContent(
        "Sender line",
        "Do not forward",
        List.of(name, street, town, "SWITZERLAND"),
        List.of("Date: 1 March 2026"),
        "Please confirm your address",
        List.of(
            "Hello,",
            "A paragraph long enough to be wrapped over more than one line of the page, so that the"
                + " wrapping is exercised as well as the fonts, the runs and the counting of"
                + " characters that no font can show."),
        "Your confirmation code:",
        "7KQ2M-X9DP4",
        List.of("The code works once."),
        "Your team",
        "Letter reference: 8d1e6a1c-0000-4000-8000-000000000001");
  }

  @Test
  void theTextOfTheLetterReadsBackWithAccentedNamesAndTheCode() {
    LetterPdf pdf = new LetterPdf(List.of(DEJAVU));
    LetterPdf.Rendered rendered =
        pdf.render(letter("Zoë Dvořák-Łukasiewicz", "Rue de l'Église 5", "1204 Genève"));

    String text = LetterTexts.text(rendered.pdf()).replace('\n', ' ');
    assertThat(rendered.unprintable()).isZero();
    assertThat(text)
        .contains("Zoë Dvořák-Łukasiewicz")
        .contains("Rue de l'Église 5")
        .contains("1204 Genève")
        .contains("7KQ2M-X9DP4")
        .contains("Do not forward")
        .contains("Letter reference: 8d1e6a1c-0000-4000-8000-000000000001")
        .contains("the runs and the counting of characters that no font can show.");
    assertThat(LetterTexts.code(rendered.pdf())).isEqualTo("7KQ2M-X9DP4");
  }

  @Test
  void greekAndCyrillicNamesReadBackToo() {
    LetterPdf.Rendered rendered =
        new LetterPdf(List.of(DEJAVU))
            .render(letter("Αθηνά Παπαδοπούλου · Юлия Иванова", "Straße 1", "8001 Zürich"));

    assertThat(rendered.unprintable()).isZero();
    assertThat(LetterTexts.text(rendered.pdf()))
        .contains("Αθηνά Παπαδοπούλου · Юлия Иванова")
        .contains("Straße 1");
  }

  @Test
  void charactersNoFontHasArePrintedAsQuestionMarksAndCounted() {
    LetterPdf.Rendered rendered =
        new LetterPdf(List.of(DEJAVU)).render(letter("山田 太郎 Yamada", "1-2-3 Ginza", "Tōkyō"));

    assertThat(rendered.unprintable()).isEqualTo(4);
    assertThat(LetterTexts.text(rendered.pdf())).contains("?? ?? Yamada").contains("Tōkyō");
  }

  @Test
  void withoutTheConfiguredFontTheOneInsidePdfBoxStillPrintsAccents() {
    LetterPdf pdf = new LetterPdf(List.of(Path.of("/nonexistent/DejaVuSans.ttf")));

    LetterPdf.Rendered rendered = pdf.render(letter("Zoë Dvořák", "Bahnhofstrasse 1", "Zürich"));

    assertThat(pdf.fontCount()).isEqualTo(1);
    assertThat(rendered.unprintable()).isZero();
    assertThat(LetterTexts.text(rendered.pdf())).contains("Zoë Dvořák").contains("Zürich");
  }

  @Test
  void theConfiguredFontIsTriedFirstAndAddsWhatTheBundledOneLacks() {
    assumeTrue(Files.isRegularFile(DEJAVU), "Debian fonts-dejavu-core is not installed");
    String georgian = "ნინო ბერიძე";

    LetterPdf.Rendered withDejaVu =
        new LetterPdf(List.of(DEJAVU)).render(letter(georgian, "Rustaveli 1", "Tbilisi"));
    LetterPdf.Rendered bundledOnly =
        new LetterPdf(List.of()).render(letter(georgian, "Rustaveli 1", "Tbilisi"));

    assertThat(withDejaVu.unprintable()).isZero();
    assertThat(LetterTexts.text(withDejaVu.pdf())).contains(georgian);
    assertThat(bundledOnly.unprintable()).isEqualTo(10);
  }

  @Test
  void theFontsAreEmbeddedAsSubsetsAndTheMetadataNamesNobody() throws IOException {
    byte[] pdf =
        new LetterPdf(List.of(DEJAVU))
            .render(letter("Zoë Dvořák", "Bahnhofstrasse 1", "8001 Zürich"))
            .pdf();

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getDocumentInformation().getTitle())
          .isEqualTo("Please confirm your address");
      assertThat(document.getDocumentInformation().getAuthor()).isNull();
      for (var name : document.getPage(0).getResources().getFontNames()) {
        var font = document.getPage(0).getResources().getFont(name);
        assertThat(font.isEmbedded()).as(font.getName()).isTrue();
        assertThat(font.getName()).as("a subset tag").matches("[A-Z]{6}\\+.*");
      }
    }
    assertThat(pdf.length).isLessThan(200_000);
  }
}
