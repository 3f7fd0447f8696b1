package org.trademap.server.checks.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.trademap.server.checks.document.Zones.TODAY;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trademap.server.checks.document.FieldComparison.Basis;
import org.trademap.server.checks.document.FieldComparison.Field;
import org.trademap.server.checks.document.FieldComparison.Verdict;
import org.trademap.server.onboarding.Address;
import org.trademap.server.onboarding.PersonalData;

class ComparisonTest {
  private static final LocalDate BIRTH = LocalDate.of(1974, 8, 12);

  private static MrzData parsed(List<String> zone) {
    return ((MrzOutcome.Parsed) MrzParser.parse(zone, TODAY)).data();
  }

  private static MrzData german(String name) {
    return parsed(Zones.td3("P", "D", name, "C01X00T47", "D", "740812", 'F', "310131", ""));
  }

  private static FieldComparison field(Comparison c, Field field) {
    return c.fields().stream().filter(f -> f.field() == field).findFirst().orElseThrow();
  }

  @Test
  void theSpecimenMatchesWhatItsHolderWouldEnter() {
    Comparison c =
        Comparison.of(
            parsed(Zones.TD3_SPECIMEN),
            new EnteredIdentity("Eriksson", "Anna Maria", BIRTH, "SE", "L898902C3"));
    assertThat(c.fields())
        .extracting(FieldComparison::field, FieldComparison::verdict, FieldComparison::basis)
        .containsExactly(
            tuple(Field.SURNAME, Verdict.MATCH, Basis.EQUAL),
            tuple(Field.GIVEN_NAMES, Verdict.MATCH, Basis.EQUAL),
            tuple(Field.BIRTH_DATE, Verdict.MATCH, Basis.EQUAL),
            // Utopia is no country: nobody can have entered it.
            tuple(Field.NATIONALITY, Verdict.MISMATCH, Basis.NO_COUNTRY),
            tuple(Field.DOCUMENT_NUMBER, Verdict.MATCH, Basis.EQUAL));
    assertThat(c.allAcceptable()).isFalse();
  }

  @Test
  void matchesGermanNamesWrittenEitherWayAndDForGermany() {
    EnteredIdentity entered = new EnteredIdentity("Müller", "Jürgen", BIRTH, "DE", null);
    Comparison icao = Comparison.of(german("MUELLER<<JUERGEN"), entered);
    assertThat(field(icao, Field.SURNAME).basis()).isEqualTo(Basis.TRANSLITERATED);
    assertThat(field(icao, Field.GIVEN_NAMES).basis()).isEqualTo(Basis.TRANSLITERATED);
    assertThat(field(icao, Field.NATIONALITY))
        .isEqualTo(
            new FieldComparison(Field.NATIONALITY, Verdict.MATCH, "D", "DE", Basis.COUNTRY_CODE));
    assertThat(field(icao, Field.DOCUMENT_NUMBER).verdict()).isEqualTo(Verdict.NOT_ENTERED);
    assertThat(icao.allAcceptable()).isTrue();

    Comparison plain = Comparison.of(german("MULLER<<JURGEN"), entered);
    assertThat(field(plain, Field.SURNAME).basis()).isEqualTo(Basis.DIACRITICS_DROPPED);
    assertThat(plain.allAcceptable()).isTrue();
  }

  @Test
  void namesEveryMismatchWithBothValues() {
    EnteredIdentity entered =
        new EnteredIdentity("Mustermann", "Erik", LocalDate.of(1974, 8, 13), "AT", "C01X00T48");
    Comparison c = Comparison.of(german("MUSTERMANN<<ERIKA"), entered);
    assertThat(c.mismatches())
        .containsExactly(
            new FieldComparison(
                Field.GIVEN_NAMES, Verdict.MISMATCH, "ERIKA", "Erik", Basis.DIFFERENT),
            new FieldComparison(
                Field.BIRTH_DATE, Verdict.MISMATCH, "1974-08-12", "1974-08-13", Basis.DIFFERENT),
            new FieldComparison(Field.NATIONALITY, Verdict.MISMATCH, "D", "AT", Basis.DIFFERENT),
            new FieldComparison(
                Field.DOCUMENT_NUMBER,
                Verdict.MISMATCH,
                "C01X00T47",
                "C01X00T48",
                Basis.DIFFERENT));
  }

  @Test
  void acceptsATruncatedNameOnlyWhereTheZoneIsFull() {
    MrzData full =
        german("WOLFESCHLEGELSTEINHAUSEN<<HUBERT<BLAINE"); // 39 characters: the field is full
    assertThat(full.nameTruncated()).isTrue();
    EnteredIdentity entered =
        new EnteredIdentity("Wolfeschlegelsteinhausen", "Hubert Blaine Wolfe", BIRTH, "DE", null);
    assertThat(field(Comparison.of(full, entered), Field.GIVEN_NAMES).basis())
        .isEqualTo(Basis.TRUNCATED);

    MrzData notFull = german("WOLFESCHLEGELSTEINHAUSEN<<HUBERT");
    assertThat(field(Comparison.of(notFull, entered), Field.GIVEN_NAMES).verdict())
        .isEqualTo(Verdict.MISMATCH);
  }

  @Test
  void comparesWithTheValidatedPersonalData() {
    PersonalData person =
        new PersonalData(
            "Müller",
            "Jürgen",
            BIRTH,
            "DE",
            new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH"),
            "Engineer",
            "+41441234567",
            "juergen@example.org");
    Comparison c =
        Comparison.of(
            german("MUELLER<<JUERGEN"), EnteredIdentity.of(person).withDocumentNumber("c01x00t47"));
    assertThat(c.allAcceptable()).isTrue();
    assertThat(field(c, Field.DOCUMENT_NUMBER).verdict()).isEqualTo(Verdict.MATCH);
  }
}
