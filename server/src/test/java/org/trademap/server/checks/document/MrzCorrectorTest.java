package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.TD1_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TD2_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TD3_SPECIMEN;
import static org.trademap.server.checks.document.Zones.TODAY;
import static org.trademap.server.checks.document.Zones.replace;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.server.checks.document.Correction.Reason;

class MrzCorrectorTest {

  private static CorrectedMrz correct(List<String> raw) {
    return MrzCorrector.correct(raw, TODAY);
  }

  @Test
  void leavesACorrectZoneAlone() {
    for (List<String> specimen : List.of(TD1_SPECIMEN, TD2_SPECIMEN, TD3_SPECIMEN)) {
      CorrectedMrz corrected = correct(specimen);
      assertThat(corrected.lines()).isEqualTo(specimen);
      assertThat(corrected.corrections()).isEmpty();
      assertThat(corrected.outcome()).isInstanceOf(MrzOutcome.Parsed.class);
    }
  }

  /** What Tesseract read from the rendered specimen: one filler short, a zero for an O. */
  @Test
  void correctsWhatTesseractReadFromTheSpecimen() {
    CorrectedMrz corrected =
        correct(
            List.of(
                "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<",
                "L898902C36UT07408122F1204159ZE184226B<<<<<10"));
    assertThat(corrected.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(corrected.corrections())
        .containsExactly(
            new Correction(1, 44, "", "<", Reason.LENGTH),
            new Correction(2, 13, "0", "O", Reason.FIELD_TYPE));
    assertThat(corrected.outcome()).isInstanceOf(MrzOutcome.Parsed.class);
  }

  @Test
  void putsDigitsInDatesAndLettersInNamesAndCodes() {
    // Birth date 740812 read as 74O8I2 with check digit Z, ERIKSSON as ER1KSSON; and BNNA (not
    // ANNA: the corrector cannot know) read as 8NNA.
    List<String> raw = replace(replace(TD3_SPECIMEN, 2, 16, 'O'), 2, 18, 'I');
    raw = replace(replace(raw, 1, 8, '1'), 1, 16, '8');
    raw = replace(raw, 2, 20, 'Z');
    CorrectedMrz corrected = correct(raw);
    assertThat(corrected.lines()).isEqualTo(replace(TD3_SPECIMEN, 1, 16, 'B'));
    assertThat(corrected.corrections())
        .extracting(Correction::describe)
        .containsExactly(
            "line 1, position 8: '1' -> 'I' (FIELD_TYPE)",
            "line 1, position 16: '8' -> 'B' (FIELD_TYPE)",
            "line 2, position 16: 'O' -> '0' (FIELD_TYPE)",
            "line 2, position 18: 'I' -> '1' (FIELD_TYPE)",
            "line 2, position 20: 'Z' -> '2' (FIELD_TYPE)");
  }

  @Test
  void choosesTheDocumentNumberTheCheckDigitsAgreeOn() {
    // The O of "L8989O2C3" is a zero; either reading fits the number's field.
    CorrectedMrz corrected = correct(replace(TD3_SPECIMEN, 2, 6, 'O'));
    assertThat(corrected.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(corrected.corrections())
        .containsExactly(new Correction(2, 6, "O", "0", Reason.CHECK_DIGIT));

    CorrectedMrz card = correct(replace(TD1_SPECIMEN, 1, 11, 'S'));
    assertThat(card.lines()).isEqualTo(TD1_SPECIMEN);
    assertThat(card.corrections())
        .containsExactly(new Correction(1, 11, "S", "5", Reason.CHECK_DIGIT));
  }

  @Test
  void leavesANumberSeveralReadingsFitAsReadAndSaysSo() {
    // L898902C3 read as LB98902C3: B->8 and 2->Z fit the check digit equally well.
    CorrectedMrz passport = correct(replace(TD3_SPECIMEN, 2, 2, 'B'));
    assertThat(passport.corrections()).isEmpty();
    assertThat(passport.ambiguities())
        .containsExactly(
            new Ambiguity(
                MrzField.DOCUMENT_NUMBER, List.of("L898902C3", "LB9890ZC3", "LB9B902C3")));
    assertThat(passport.outcome()).isInstanceOf(MrzOutcome.Rejected.class);
  }

  @Test
  void prefersTheCommonerConfusionWhenTheShapeDoesNotDecide() {
    // D23145890 read as DZ3145890: Z->2 (common) rather than D->Q (rare).
    CorrectedMrz card = correct(replace(TD1_SPECIMEN, 1, 7, 'Z'));
    assertThat(card.lines()).isEqualTo(TD1_SPECIMEN);
    assertThat(MrzCorrector.cost('Z', '2')).isEqualTo(1);
    assertThat(MrzCorrector.cost('D', 'Q')).isEqualTo(2);
  }

  @Test
  void prefersTheReadingThatDoesNotPutALetterAmongDigits() {
    // D23145890 read as 023145890: D23145890 and 023145B90 both fit the check digit.
    CorrectedMrz card = correct(replace(TD1_SPECIMEN, 1, 6, '0'));
    assertThat(card.lines()).isEqualTo(TD1_SPECIMEN);
    assertThat(card.corrections())
        .containsExactly(new Correction(1, 6, "0", "D", Reason.CHECK_DIGIT));
    assertThat(MrzCorrector.switches("L898902C3")).isEqualTo(3);
    assertThat(MrzCorrector.switches("AB<<12")).isEqualTo(1);
  }

  @Test
  void flagsAOneOrLAndASixOrGOutOfPlaceWhichNoCheckDigitSees() {
    // 1 and L (6 and G) have the same check digit value modulo 10; issuers do mix letters and
    // digits (German numbers use L and G), so the reading stands but is flagged.
    CorrectedMrz card = correct(replace(TD1_SPECIMEN, 1, 9, 'L'));
    assertThat(card.lines()).isEqualTo(replace(TD1_SPECIMEN, 1, 9, 'L'));
    assertThat(card.corrections()).isEmpty();
    assertThat(card.outcome()).isInstanceOf(MrzOutcome.Parsed.class);
    assertThat(card.ambiguities())
        .containsExactly(
            new Ambiguity(MrzField.DOCUMENT_NUMBER, List.of("D23145890", "D23L45890")));
    List<String> passport =
        Zones.td3("P", "UTO", "ERIKSSON", "AB1CD6EF", "UTO", "740812", 'F', "341231", "X16");
    assertThat(correct(passport).ambiguities())
        .containsExactly(
            new Ambiguity(MrzField.DOCUMENT_NUMBER, List.of("AB1CD6EF", "AB1CDGEF", "ABLCD6EF")));
  }

  @Test
  void doesNotTouchTheNumberWhenOnlyItsCheckDigitIsMisread() {
    // A misread check digit (6 as 5) would be "fixed" by changing the number if the composite
    // did not guard it.
    CorrectedMrz corrected = correct(replace(TD3_SPECIMEN, 2, 10, '5'));
    assertThat(corrected.corrections()).isEmpty();
    assertThat(((MrzOutcome.Rejected) corrected.outcome()).descriptions())
        .first()
        .isEqualTo(
            "check digit of the document number (line 2, position 10) is 5 but the field gives 6");
  }

  @Test
  void readsAKAmongTrailingFillersAsAFiller() {
    List<String> raw = replace(replace(TD3_SPECIMEN, 1, 30, 'K'), 2, 40, 'K');
    CorrectedMrz corrected = correct(raw);
    assertThat(corrected.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(corrected.corrections())
        .containsExactly(
            new Correction(1, 30, "K", "<", Reason.FILLER),
            new Correction(2, 40, "K", "<", Reason.FILLER));
  }

  @Test
  void keepsAKThatIsPartOfAName() {
    List<String> zone =
        Zones.td3("P", "UTO", "SMITH<<JOHN<K", "L898902C3", "UTO", "740812", 'M', "341231", "");
    CorrectedMrz corrected = correct(zone);
    assertThat(corrected.corrections()).isEmpty();
    assertThat(((MrzOutcome.Parsed) corrected.outcome()).data().secondaryIdentifier())
        .isEqualTo("JOHN K");
  }

  @Test
  void normalisesCaseSpacesGuillemetsAndBlankLines() {
    CorrectedMrz corrected =
        correct(
            List.of(
                "",
                "I<UTO D231458907 <<<<<<<<<<<<<<<",
                "  7408122F1204159UTO<<<<<<<<<<<6 ",
                "eriksson«anna<maria<<<<<<<<<<",
                " "));
    assertThat(corrected.lines()).isEqualTo(TD1_SPECIMEN);
    assertThat(corrected.outcome()).isInstanceOf(MrzOutcome.Parsed.class);
    assertThat(corrected.corrections()).extracting(Correction::reason).contains(Reason.NORMALISED);
    assertThat(corrected.corrections())
        .filteredOn(c -> c.reason() == Reason.NORMALISED)
        .first()
        .isEqualTo(new Correction(3, 1, "e", "E", Reason.NORMALISED));
  }

  @Test
  void fitsALineWhoseInnerRunOfFillersWasMiscounted() {
    String longer = TD3_SPECIMEN.get(1).replace("B<<<<<10", "B<<<<<<10");
    String shorter = TD2_SPECIMEN.get(1).replace("9<<<<<<<6", "9<<<<<6");
    CorrectedMrz passport = correct(List.of(TD3_SPECIMEN.getFirst(), longer));
    assertThat(passport.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(passport.corrections())
        .containsExactly(new Correction(2, 38, "<", "", Reason.LENGTH));
    CorrectedMrz td2 = correct(List.of(TD2_SPECIMEN.getFirst(), shorter));
    assertThat(td2.lines()).isEqualTo(TD2_SPECIMEN);
    assertThat(td2.outcome()).isInstanceOf(MrzOutcome.Parsed.class);
  }

  @Test
  void dropsAStrayCharacterAtALineEnd() {
    CorrectedMrz corrected = correct(List.of(TD3_SPECIMEN.getFirst(), TD3_SPECIMEN.get(1) + "1"));
    assertThat(corrected.lines()).isEqualTo(TD3_SPECIMEN);
    assertThat(corrected.corrections())
        .containsExactly(new Correction(2, 45, "1", "", Reason.LENGTH));
  }

  @Test
  void givesUpOnTextOfNoZonesShape() {
    CorrectedMrz corrected = correct(List.of("PASSPORT", "REPUBLIC OF UTOPIA", "NAME", "ANNA"));
    assertThat(corrected.outcome()).isInstanceOf(MrzOutcome.Rejected.class);
    assertThat(((MrzOutcome.Rejected) corrected.outcome()).defects().getFirst().kind())
        .isEqualTo(MrzDefect.Kind.LINE_COUNT);
  }
}
