package org.trademap.server.onboarding;

import java.util.List;
import java.util.Objects;

/**
 * Why one field of a form was refused.
 *
 * @param field the path of the field as the form and the JSON body name it, e.g. {@code surname},
 *     {@code domicile.country} or {@code owners[1].dateOfBirth}
 * @param code the rule that refused it; {@link Code#key()} is the stable machine-readable code
 * @param arguments values for the sentence people read (e.g. the limit that was exceeded), in the
 *     order of the placeholders of {@code kycdata.error.<key>} in the messages
 */
public record FieldError(String field, Code code, List<String> arguments) {
  /** Checks the components and copies the arguments. */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(code, "code");
    arguments = List.copyOf(arguments);
  }

  /** An error without arguments. */
  public FieldError(String field, Code code) {
    this(field, code, List.of());
  }

  /** The stable code, e.g. {@code name.zero-width}. */
  public String key() {
    return code.key();
  }

  /**
   * Every rule a field can fail. The keys are part of the API (problem documents, messages) and
   * never change meaning; new rules get new keys.
   */
  public enum Code {
    /** The field is missing or blank. */
    REQUIRED("field.required"),
    /** A name is empty once the surrounding spaces are removed. */
    NAME_EMPTY("name.empty"),
    /** A name is longer than its limit (argument 0: the limit in code points, 1: the length). */
    NAME_TOO_LONG("name.too-long"),
    /** A name contains a C0 or C1 control character or a line or paragraph separator. */
    NAME_CONTROL_CHARACTER("name.control-character"),
    /** A name contains a zero-width character. */
    NAME_ZERO_WIDTH("name.zero-width"),
    /** A name contains a bidirectional control character. */
    NAME_BIDI_CONTROL("name.bidi-control"),
    /** A name contains another invisible formatting character. */
    NAME_FORMAT_CHARACTER("name.format-character"),
    /** A name contains an unassigned, private-use or lone surrogate code point. */
    NAME_UNSUPPORTED_CHARACTER("name.unsupported-character"),
    /** A name stacks more combining marks on one letter than any script needs. */
    NAME_TOO_MANY_MARKS("name.too-many-marks"),
    /** A name contains no letter at all. */
    NAME_NO_LETTER("name.no-letter"),
    /** A free-text field is empty once the surrounding spaces are removed. */
    TEXT_EMPTY("text.empty"),
    /** A free-text field is longer than its limit (arguments as for {@link #NAME_TOO_LONG}). */
    TEXT_TOO_LONG("text.too-long"),
    /** A free-text field contains a control character or a line break. */
    TEXT_CONTROL_CHARACTER("text.control-character"),
    /** A free-text field contains a zero-width character. */
    TEXT_ZERO_WIDTH("text.zero-width"),
    /** A free-text field contains a bidirectional control character. */
    TEXT_BIDI_CONTROL("text.bidi-control"),
    /** A free-text field contains another invisible formatting character. */
    TEXT_FORMAT_CHARACTER("text.format-character"),
    /** A free-text field contains an unassigned, private-use or lone surrogate code point. */
    TEXT_UNSUPPORTED_CHARACTER("text.unsupported-character"),
    /** A free-text field stacks too many combining marks on one letter. */
    TEXT_TOO_MANY_MARKS("text.too-many-marks"),
    /** A date is not written as ISO 8601 {@code YYYY-MM-DD}. */
    DATE_FORMAT("date.format"),
    /** A date is well-formed but does not exist, e.g. 30 February. */
    DATE_IMPOSSIBLE("date.impossible"),
    /** A date of birth lies in the future. */
    DATE_IN_FUTURE("date.in-future"),
    /** A date of birth lies before 1900-01-01 (argument 0: that earliest date). */
    DATE_TOO_OLD("date.too-old"),
    /** The person is younger than the age needed to open an account (argument 0: the age). */
    PERSON_UNDER_AGE("person.under-age"),
    /** A country is not two upper-case letters A–Z. */
    COUNTRY_FORMAT("country.format"),
    /** A country is two upper-case letters but not an ISO 3166-1 alpha-2 code. */
    COUNTRY_UNKNOWN("country.unknown"),
    /** A postal code is not 1–10 letters, digits, spaces or hyphens. */
    POSTAL_CODE_INVALID("postal-code.invalid"),
    /** A postal code does not have the form of the country (argument 0: an example). */
    POSTAL_CODE_WRONG_FOR_COUNTRY("postal-code.wrong-for-country"),
    /** A phone number is not E.164: {@code +} and 8–15 digits. */
    PHONE_INVALID("phone.invalid"),
    /** An email address is not in the accepted subset of RFC 5322. */
    EMAIL_INVALID("email.invalid"),
    /** An email address is longer than 254 characters. */
    EMAIL_TOO_LONG("email.too-long"),
    /** A commercial-register number has characters or a length it cannot have. */
    REGISTER_NUMBER_INVALID("register-number.invalid"),
    /** A Swiss company's number is not a valid UID {@code CHE-123.456.788} (check digit). */
    REGISTER_NUMBER_INVALID_UID("register-number.invalid-uid"),
    /** The signing authority is none of the known kinds. */
    SIGNING_AUTHORITY_UNKNOWN("signing-authority.unknown"),
    /** The declaration form is neither {@code A} nor {@code K}. */
    DECLARATION_FORM_UNKNOWN("declaration.form-unknown"),
    /** A declaration lists no owner. */
    OWNERS_EMPTY("owners.empty"),
    /** A declaration lists more owners than allowed (argument 0: the limit). */
    OWNERS_TOO_MANY("owners.too-many"),
    /** The capital shares of all owners add up to more than 100 %. */
    OWNERS_CAPITAL_OVER_100("owners.capital-over-100"),
    /** The vote shares of all owners add up to more than 100 %. */
    OWNERS_VOTES_OVER_100("owners.votes-over-100"),
    /**
     * A Form K lists controlling persons of different levels (argument 0: the level that applies).
     */
    OWNERS_BASIS_INCONSISTENT("owners.basis-inconsistent"),
    /** The same owner (same normalised name and date of birth) is listed twice. */
    OWNER_DUPLICATE("owner.duplicate"),
    /** A Form K owner has no basis of control, or one of the unknown kinds. */
    OWNER_BASIS_UNKNOWN("owner.basis-unknown"),
    /** A Form A owner states a basis of control, which only Form K has. */
    OWNER_BASIS_NOT_ALLOWED("owner.basis-not-allowed"),
    /** A share is not a decimal number with at most two decimals. */
    OWNER_SHARE_INVALID("owner.share-invalid"),
    /** A share lies outside 0–100 %. */
    OWNER_SHARE_OUT_OF_RANGE("owner.share-out-of-range"),
    /** Neither the capital nor the vote share reaches 25 % (argument 0: the threshold). */
    OWNER_SHARE_BELOW_THRESHOLD("owner.share-below-threshold"),
    /** A share or a description is given for a basis that has none. */
    OWNER_FIELD_NOT_ALLOWED("owner.field-not-allowed");

    private final String key;

    Code(String key) {
      this.key = key;
    }

    /** The stable machine-readable code. */
    public String key() {
      return key;
    }
  }
}
