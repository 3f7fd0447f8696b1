package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.TODAY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.trademap.server.checks.document.MrzLayout.CharClass;

/** Random OCR confusions in the specimens and in zones like real ones are undone or left alone. */
class MrzConfusionTest {
  /**
   * What OCR makes of a character, by the common confusions of the MRZ font. (Rarer ones, 0 read as
   * D or Q, may be undone wrongly where a common one explains the text as well; the operator sees
   * every correction.)
   */
  private static final Map<Character, String> MISREADS =
      Map.ofEntries(
          Map.entry('0', "O"),
          Map.entry('O', "0"),
          Map.entry('1', "I"),
          Map.entry('I', "1"),
          Map.entry('2', "Z"),
          Map.entry('Z', "2"),
          Map.entry('5', "S"),
          Map.entry('S', "5"),
          Map.entry('6', "G"),
          Map.entry('G', "6"),
          Map.entry('8', "B"),
          Map.entry('B', "8"),
          Map.entry('<', "K"));

  private static final Map<Character, Character> USUAL_LETTER =
      Map.of('0', 'O', '1', 'I', '2', 'Z', '5', 'S', '6', 'G', '8', 'B');

  private static final List<List<String>> ZONES =
      List.of(
          Zones.TD1_SPECIMEN,
          Zones.TD2_SPECIMEN,
          Zones.TD3_SPECIMEN,
          Zones.td3("P", "D", "MUSTERMANN<<ERIKA", "C01X00T47", "D", "640812", 'F', "310131", ""),
          Zones.td1(
              "ID", "D", "L01X00T47", "", "830812", 'F', "310131", "D", "", "MUSTERMANN<<ERIKA"),
          Zones.td3(
              "P", "CHE", "MEIER<<HANS<PETER", "X1234567", "CHE", "850505", 'M', "300101", ""));

  /** One misread: the zone, the 1-based line and position, and what OCR gave. */
  record Misread(List<String> zone, int line, int position, char read) {
    List<String> raw() {
      return Zones.replace(zone, line, position, read);
    }

    /** Whether the composite check digit covers the position (or is it). */
    boolean checked() {
      MrzLayout.Checked composite = MrzLayout.of(MrzParser.guessFormat(zone)).composite();
      MrzLayout.Pos pos = new MrzLayout.Pos(line - 1, position - 1);
      return composite.positions().contains(pos) || composite.check().equals(pos);
    }

    MrzField field() {
      MrzLayout layout = MrzLayout.of(MrzParser.guessFormat(zone));
      return layout.elements().stream()
          .filter(
              e ->
                  e.span().line() == line - 1
                      && e.span().start() < position
                      && position <= e.span().end())
          .map(MrzLayout.Element::field)
          .findFirst()
          .orElse(MrzField.COMPOSITE);
    }

    CharClass type() {
      return MrzLayout.of(MrzParser.guessFormat(zone)).classAt(line - 1, position - 1);
    }
  }

  @Provide
  Arbitrary<Misread> misreads() {
    List<Misread> all = new ArrayList<>();
    for (List<String> zone : ZONES) {
      for (int line = 1; line <= zone.size(); line++) {
        String text = zone.get(line - 1);
        for (int position = 1; position <= text.length(); position++) {
          for (char read : MISREADS.getOrDefault(text.charAt(position - 1), "").toCharArray()) {
            all.add(new Misread(zone, line, position, read));
          }
        }
      }
    }
    return Arbitraries.of(all);
  }

  @Property(tries = 400)
  void aMisreadInATypedFieldIsUndoneAndNoneGivesAnotherValidZone(@ForAll("misreads") Misread m) {
    CorrectedMrz corrected = MrzCorrector.correct(m.raw(), TODAY);
    CharClass type = m.type();
    char original = m.zone().get(m.line() - 1).charAt(m.position() - 1);
    MrzField field = m.field();
    boolean countryCode = field == MrzField.ISSUING_STATE || field == MrzField.NATIONALITY;
    // In letter fields without a check digit a digit is read back as its usual letter (0 as O),
    // so only that letter comes back, or in a country code the one letter that makes it exist.
    boolean typed =
        type == CharClass.DIGITS
            || type == CharClass.CHECK_DIGIT
            || (type == CharClass.LETTERS
                && m.read() != 'K'
                && (countryCode || Character.valueOf(original).equals(USUAL_LETTER.get(m.read()))));
    if (typed) {
      assertThat(corrected.lines()).isEqualTo(m.zone());
    }
    boolean invisible = (CheckDigits.value(original) - CheckDigits.value(m.read())) % 10 == 0;
    if (corrected.outcome() instanceof MrzOutcome.Parsed && m.checked() && !invisible) {
      // What parses is the truth where a check digit watches, unless it cannot see the misread
      // (1/L and 6/G between a letter and a digit).
      assertThat(corrected.lines()).isEqualTo(m.zone());
    }
  }
}
