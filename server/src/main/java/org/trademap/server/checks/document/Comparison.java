package org.trademap.server.checks.document;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.trademap.server.checks.document.FieldComparison.Basis;
import org.trademap.server.checks.document.FieldComparison.Field;
import org.trademap.server.checks.document.FieldComparison.Verdict;

/**
 * The document's zone compared with what the user entered, element by element: surname and given
 * names (with ICAO transliteration and truncation), birth date, nationality (ICAO code against ISO
 * country) and, if entered, document number.
 *
 * @param fields one per {@link Field}, in that order
 */
public record Comparison(List<FieldComparison> fields) {
  public Comparison {
    fields = List.copyOf(fields);
  }

  /** Compares the parsed zone with the entered identity. */
  public static Comparison of(MrzData data, EnteredIdentity entered) {
    boolean givenTruncated = data.nameTruncated() && !data.secondaryIdentifier().isEmpty();
    boolean surnameTruncated = data.nameTruncated() && data.secondaryIdentifier().isEmpty();
    return new Comparison(
        List.of(
            name(Field.SURNAME, data.primaryIdentifier(), entered.surname(), surnameTruncated),
            name(
                Field.GIVEN_NAMES,
                data.secondaryIdentifier(),
                entered.givenNames(),
                givenTruncated),
            birthDate(data, entered),
            nationality(data, entered),
            documentNumber(data, entered.documentNumber())));
  }

  /** Whether no element mismatches. */
  public boolean allAcceptable() {
    return fields.stream().allMatch(FieldComparison::acceptable);
  }

  /** The mismatching elements. */
  public List<FieldComparison> mismatches() {
    return fields.stream().filter(f -> !f.acceptable()).toList();
  }

  static FieldComparison name(Field field, String onDocument, String entered, boolean truncated) {
    String zone = IcaoTransliteration.ofZone(onDocument);
    List<String> variants = IcaoTransliteration.variants(entered);
    String upper = IcaoTransliteration.ofZone(entered.toUpperCase(Locale.ROOT));
    Basis basis;
    if (upper.equals(zone) && entered.chars().allMatch(c -> c < 128)) {
      basis = Basis.EQUAL;
    } else if (variants.getFirst().equals(zone)) {
      basis = Basis.TRANSLITERATED;
    } else if (variants.getLast().equals(zone)) {
      basis = Basis.DIACRITICS_DROPPED;
    } else if (truncated && !zone.isEmpty() && startsAnyVariant(variants, zone)) {
      basis = Basis.TRUNCATED;
    } else {
      basis = Basis.DIFFERENT;
    }
    return new FieldComparison(
        field,
        basis == Basis.DIFFERENT ? Verdict.MISMATCH : Verdict.MATCH,
        onDocument,
        entered,
        basis);
  }

  /** Whether the zone's text is the start of a variant, the zone's spaces being fillers. */
  private static boolean startsAnyVariant(List<String> variants, String zone) {
    return variants.stream().anyMatch(v -> v.startsWith(zone));
  }

  private static FieldComparison birthDate(MrzData data, EnteredIdentity entered) {
    boolean equal = data.birthDate().equals(entered.dateOfBirth());
    return new FieldComparison(
        Field.BIRTH_DATE,
        equal ? Verdict.MATCH : Verdict.MISMATCH,
        data.birthDate().toString(),
        entered.dateOfBirth().toString(),
        equal ? Basis.EQUAL : Basis.DIFFERENT);
  }

  private static FieldComparison nationality(MrzData data, EnteredIdentity entered) {
    String code = data.nationality();
    Basis basis =
        IcaoCodes.alpha2(code)
            .map(
                alpha2 ->
                    alpha2.equals(entered.nationality()) ? Basis.COUNTRY_CODE : Basis.DIFFERENT)
            .orElse(Basis.NO_COUNTRY);
    boolean match = basis == Basis.COUNTRY_CODE;
    return new FieldComparison(
        Field.NATIONALITY,
        match ? Verdict.MATCH : Verdict.MISMATCH,
        code,
        entered.nationality(),
        basis);
  }

  private static FieldComparison documentNumber(MrzData data, @Nullable String entered) {
    if (entered == null || entered.isBlank()) {
      return new FieldComparison(
          Field.DOCUMENT_NUMBER, Verdict.NOT_ENTERED, data.documentNumber(), "", Basis.NONE);
    }
    String normalised = entered.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    boolean equal = normalised.equals(data.documentNumber());
    return new FieldComparison(
        Field.DOCUMENT_NUMBER,
        equal ? Verdict.MATCH : Verdict.MISMATCH,
        data.documentNumber(),
        entered,
        equal ? Basis.EQUAL : Basis.DIFFERENT);
  }
}
