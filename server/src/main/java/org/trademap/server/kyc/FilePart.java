package org.trademap.server.kyc;

/**
 * The parts of a KYC file, each stored as one sealed JSON document ({@code kyc_file_part.part}). A
 * person's file has {@link #PERSON}; a legal entity's has {@link #ENTITY}, {@link #ACTING_PERSON}
 * and {@link #BENEFICIAL_OWNERS}.
 */
enum FilePart {
  /** The natural person's own data. */
  PERSON("person", "kyc.file.person"),
  /** The legal entity's data. */
  ENTITY("entity", "kyc.file.entity"),
  /** The data of the person acting for the legal entity. */
  ACTING_PERSON("person", "kyc.file.acting-person"),
  /** The legal entity's beneficial-owner declaration (Form A or K). */
  BENEFICIAL_OWNERS("beneficialOwners", "kyc.file.beneficial-owners");

  private final String field;
  private final String purpose;

  FilePart(String field, String purpose) {
    this.field = field;
    this.purpose = purpose;
  }

  /** The member of the profile's JSON and the prefix of its field errors. */
  String field() {
    return field;
  }

  /**
   * The vault purpose of the part written at {@code revision}: the ciphertext is bound to its part
   * and revision, so it cannot be moved to another part or pass for another revision.
   */
  String purpose(int revision) {
    return purpose + ":r" + revision;
  }
}
