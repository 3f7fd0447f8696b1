package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.trademap.server.checks.document.Zones.TODAY;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.trademap.server.checks.document.MrzDefect.Kind;
import org.trademap.server.checks.document.MrzLayout.Checked;
import org.trademap.server.checks.document.MrzLayout.Pos;

/**
 * Random single-character mutations of the specimens: a changed character under a check digit is
 * named by that check digit exactly when the standard's weights can see the change (always for a
 * digit replaced by a digit; for other pairs unless their values differ by a multiple of 10).
 */
class MrzMutationTest {

  /** A mutation: which specimen, which checked run, which character of it, and the new one. */
  record Mutation(List<String> zone, Checked run, int offset, char replacement) {
    Pos pos() {
      return run.positions().get(offset);
    }

    List<String> mutated() {
      return Zones.replace(zone, pos().line() + 1, pos().index() + 1, replacement);
    }

    char original() {
      return zone.get(pos().line()).charAt(pos().index());
    }
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Arbitraries.of(Zones.TD1_SPECIMEN, Zones.TD2_SPECIMEN, Zones.TD3_SPECIMEN)
        .flatMap(
            zone -> {
              MrzLayout layout = MrzLayout.of(MrzParser.guessFormat(zone));
              List<Checked> runs =
                  layout.elements().stream()
                      .filter(e -> e.check() != null)
                      .map(
                          e ->
                              e.field() == MrzField.DOCUMENT_NUMBER
                                  ? layout.documentNumber(zone).orElseThrow()
                                  : new Checked(e.field(), e.span().positions(), e.check()))
                      .toList();
              return Arbitraries.of(runs)
                  .flatMap(
                      run ->
                          Combinators.combine(
                                  Arbitraries.integers().between(0, run.positions().size() - 1),
                                  Arbitraries.of(CheckDigits.CHARSET.toCharArray()))
                              .as((offset, c) -> new Mutation(zone, run, offset, c)));
            })
        .filter(m -> m.replacement() != m.original())
        .filter(m -> fitsItsField(m));
  }

  /** Only replacements the element's class allows, so the check digit is what must catch it. */
  private static boolean fitsItsField(Mutation m) {
    MrzLayout layout = MrzLayout.of(MrzParser.guessFormat(m.zone()));
    MrzLayout.CharClass type = layout.classAt(m.pos().line(), m.pos().index());
    if (type == MrzLayout.CharClass.DIGITS) {
      return Character.isDigit(m.replacement());
    }
    return MrzParser.fits(type, m.replacement());
  }

  @Property(tries = 500)
  void aMutationUnderACheckDigitIsNamedByIt(@ForAll("mutations") Mutation m) {
    int difference = Math.abs(CheckDigits.value(m.replacement()) - CheckDigits.value(m.original()));
    MrzOutcome outcome = MrzParser.parse(m.mutated(), TODAY);
    if (difference % 10 == 0) {
      // 7, 3 and 1 are prime to 10, so only such a change escapes every check digit.
      assertThat(outcome).isInstanceOf(MrzOutcome.Parsed.class);
      return;
    }
    assertThat(outcome).isInstanceOf(MrzOutcome.Rejected.class);
    List<MrzDefect> defects = ((MrzOutcome.Rejected) outcome).defects();
    Pos check = m.run().check();
    String computed = String.valueOf(CheckDigits.of(m.run().text(m.mutated())));
    assertThat(defects)
        .filteredOn(d -> d.kind() == Kind.CHECK_DIGIT && d.field() == m.run().field())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.line()).isEqualTo(check.line() + 1);
              assertThat(d.position()).isEqualTo(check.index() + 1);
              assertThat(d.found())
                  .isEqualTo(String.valueOf(m.zone().get(check.line()).charAt(check.index())));
              assertThat(d.expected()).isEqualTo(computed);
            });
    assertThat(defects)
        .allSatisfy(d -> assertThat(d.kind()).isIn(Kind.CHECK_DIGIT, Kind.NOT_A_DATE, Kind.EMPTY));
  }
}
