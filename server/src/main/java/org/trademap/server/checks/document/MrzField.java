package org.trademap.server.checks.document;

import java.util.Locale;

/** The data elements of a machine-readable zone, as defects and corrections name them. */
public enum MrzField {
  /** The document code: {@code P} passport, {@code I}, {@code A}, {@code C} identity documents. */
  DOCUMENT_CODE("document code"),
  /** The issuing state or organisation (ICAO three-letter code). */
  ISSUING_STATE("issuing state"),
  /** The name: primary and secondary identifiers. */
  NAME("name"),
  /** The document number, with its continuation in the optional data of TD1 and TD2. */
  DOCUMENT_NUMBER("document number"),
  /** The nationality (ICAO three-letter code). */
  NATIONALITY("nationality"),
  /** The date of birth, {@code YYMMDD}. */
  BIRTH_DATE("birth date"),
  /** The sex: {@code M}, {@code F}, {@code X} or {@code <}. */
  SEX("sex"),
  /** The date of expiry, {@code YYMMDD}. */
  EXPIRY_DATE("expiry date"),
  /** The personal number of a passport (TD3), with its own check digit. */
  PERSONAL_NUMBER("personal number"),
  /** The optional data (TD2; the first optional data of TD1). */
  OPTIONAL_DATA("optional data"),
  /** The second optional data of TD1 (lower line). */
  OPTIONAL_DATA_2("second optional data"),
  /** The composite check digit over number, dates and optional data. */
  COMPOSITE("composite");

  private final String label;

  MrzField(String label) {
    this.label = label;
  }

  /** The English name used in descriptions, e.g. {@code birth date}. */
  public String label() {
    return label;
  }

  /** The key of the field's display name in {@code messages*.properties}. */
  public String messageKey() {
    return "checks.document.field." + name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
