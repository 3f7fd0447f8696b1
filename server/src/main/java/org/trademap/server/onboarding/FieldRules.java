package org.trademap.server.onboarding;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules for structured fields: dates, countries, postal codes, phone numbers, email addresses,
 * commercial-register numbers and ownership shares. Spaces at either end are ignored; everything
 * else must match exactly.
 *
 * <ul>
 *   <li>Dates are ISO 8601 calendar dates {@code YYYY-MM-DD} and must exist (no 30 February). Dates
 *       of birth lie neither in the future nor before {@link #EARLIEST_BIRTH_DATE}.
 *   <li>Countries are ISO 3166-1 alpha-2 codes as {@link Locale#getISOCountries()} lists them,
 *       upper case only ({@code CH}, not {@code ch}).
 *   <li>Phone numbers are E.164: {@code +}, then 8–15 digits, the first not 0. Spaces and hyphens
 *       between digits are allowed and removed; a national number or a {@code 00} prefix is not.
 *   <li>Email addresses are a practical subset of RFC 5322: a dot-atom local part of at most 64
 *       characters, {@code @}, an ASCII domain of at least two labels with an alphabetic top level;
 *       at most {@value #MAX_EMAIL_LENGTH} characters. The domain is lower-cased; the local part is
 *       kept as typed.
 * </ul>
 */
public final class FieldRules {
  /** No date of birth before this one is accepted. */
  public static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);

  /** The age in years a natural person must have reached to open an account. */
  public static final int ADULT_AGE = 18;

  /** The longest accepted email address (RFC 5321 path limit minus the angle brackets). */
  public static final int MAX_EMAIL_LENGTH = 254;

  /** The threshold of capital or votes above which a person controls a company (Form K). */
  public static final BigDecimal CONTROL_THRESHOLD_PERCENT = new BigDecimal(25);

  private static final BigDecimal HUNDRED = new BigDecimal(100);
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Pattern PHONE_WITH_SEPARATORS = Pattern.compile("\\+[0-9]+([ -][0-9]+)*");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final Pattern LOCAL_PART =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
  private static final Pattern DOMAIN_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern TOP_LEVEL_DOMAIN =
      Pattern.compile("[a-z]{2,63}|xn--[a-z0-9-]{1,59}");
  private static final Pattern POSTAL_CODE = Pattern.compile("[A-Z0-9]([A-Z0-9 -]{0,8}[A-Z0-9])?");
  private static final Map<String, Pattern> POSTAL_CODE_BY_COUNTRY =
      Map.of(
          "CH", Pattern.compile("[1-9][0-9]{3}"),
          "LI", Pattern.compile("94[89][0-9]"),
          "AT", Pattern.compile("[1-9][0-9]{3}"),
          "DE", Pattern.compile("[0-9]{5}"),
          "FR", Pattern.compile("[0-9]{5}"),
          "IT", Pattern.compile("[0-9]{5}"),
          "JP", Pattern.compile("[0-9]{3}-[0-9]{4}"),
          "US", Pattern.compile("[0-9]{5}(-[0-9]{4})?"));
  private static final Map<String, String> POSTAL_CODE_EXAMPLE =
      Map.of(
          "CH", "8001",
          "LI", "9490",
          "AT", "1010",
          "DE", "10115",
          "FR", "75001",
          "IT", "00118",
          "JP", "100-0001",
          "US", "10001");
  private static final Pattern SWISS_UID =
      Pattern.compile("CHE[-. ]?([0-9]{3})[. ]?([0-9]{3})[. ]?([0-9]{3})");
  private static final int[] SWISS_UID_WEIGHTS = {5, 4, 3, 2, 7, 6, 5, 4};
  private static final Pattern REGISTER_NUMBER = Pattern.compile("[A-Z0-9][A-Z0-9 ./-]{0,63}");
  private static final Pattern SHARE = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");

  private FieldRules() {}

  /** An ISO 8601 calendar date that exists. */
  public static Validation<LocalDate> date(String field, @Nullable String raw) {
    if (raw == null || TextRules.stripSpaces(raw).isEmpty()) {
      return invalid(field, FieldError.Code.REQUIRED);
    }
    Matcher m = DATE.matcher(TextRules.stripSpaces(raw));
    if (!m.matches()) {
      return invalid(field, FieldError.Code.DATE_FORMAT);
    }
    try {
      return new Validation.Valid<>(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (DateTimeException e) {
      return invalid(field, FieldError.Code.DATE_IMPOSSIBLE);
    }
  }

  /**
   * A date of birth: an existing date, not after {@code today} and not before {@link
   * #EARLIEST_BIRTH_DATE}.
   */
  public static Validation<LocalDate> birthDate(
      String field, @Nullable String raw, LocalDate today) {
    return date(field, raw)
        .flatMap(
            date -> {
              if (date.isAfter(today)) {
                return invalid(field, FieldError.Code.DATE_IN_FUTURE);
              }
              if (date.isBefore(EARLIEST_BIRTH_DATE)) {
                return new Validation.Invalid<>(
                    List.of(
                        new FieldError(
                            field,
                            FieldError.Code.DATE_TOO_OLD,
                            List.of(EARLIEST_BIRTH_DATE.toString()))));
              }
              return new Validation.Valid<>(date);
            });
  }

  /**
   * Whether a person born on {@code dateOfBirth} has reached {@link #ADULT_AGE} on {@code today}.
   * The birthday counts: the person is of age from the start of their 18th birthday. Someone born
   * on 29 February is of age on 28 February of a common year (the period ends on the last day of
   * the month when the month has no such day, Swiss Code of Obligations Art. 77).
   */
  public static boolean isAdultOn(LocalDate dateOfBirth, LocalDate today) {
    return !dateOfBirth.plusYears(ADULT_AGE).isAfter(today);
  }

  /** An ISO 3166-1 alpha-2 country code in upper case. */
  public static Validation<String> country(String field, @Nullable String raw) {
    if (raw == null || TextRules.stripSpaces(raw).isEmpty()) {
      return invalid(field, FieldError.Code.REQUIRED);
    }
    String code = TextRules.stripSpaces(raw);
    if (!COUNTRY.matcher(code).matches()) {
      return invalid(field, FieldError.Code.COUNTRY_FORMAT);
    }
    if (!COUNTRIES.contains(code)) {
      return invalid(field, FieldError.Code.COUNTRY_UNKNOWN);
    }
    return new Validation.Valid<>(code);
  }

  /** Whether the text is an ISO 3166-1 alpha-2 country code in upper case. */
  public static boolean isCountry(String code) {
    return COUNTRIES.contains(code);
  }

  /**
   * A postal code: 1–10 letters, digits, spaces or hyphens, stored in upper case. For the countries
   * whose format is known (CH, LI, AT, DE, FR, IT, JP, US) it is required and must have that
   * format; elsewhere it may be empty, as some countries have no postal codes.
   *
   * @param country the validated country of the address, or {@code null} when it was refused
   */
  public static Validation<String> postalCode(
      String field, @Nullable String raw, @Nullable String country) {
    @Nullable Pattern national = country == null ? null : POSTAL_CODE_BY_COUNTRY.get(country);
    String code = raw == null ? "" : TextRules.stripSpaces(raw).toUpperCase(Locale.ROOT);
    if (code.isEmpty()) {
      return national == null
          ? new Validation.Valid<>("")
          : invalid(field, FieldError.Code.REQUIRED);
    }
    if (!POSTAL_CODE.matcher(code).matches()) {
      return invalid(field, FieldError.Code.POSTAL_CODE_INVALID);
    }
    if (national != null && !national.matcher(code).matches()) {
      return new Validation.Invalid<>(
          List.of(
              new FieldError(
                  field,
                  FieldError.Code.POSTAL_CODE_WRONG_FOR_COUNTRY,
                  List.of(POSTAL_CODE_EXAMPLE.getOrDefault(country, "")))));
    }
    return new Validation.Valid<>(code);
  }

  /** A phone number in E.164, returned without separators, e.g. {@code +41446681800}. */
  public static Validation<String> phone(String field, @Nullable String raw) {
    if (raw == null || TextRules.stripSpaces(raw).isEmpty()) {
      return invalid(field, FieldError.Code.REQUIRED);
    }
    String text = TextRules.stripSpaces(raw);
    if (!PHONE_WITH_SEPARATORS.matcher(text).matches()) {
      return invalid(field, FieldError.Code.PHONE_INVALID);
    }
    String compact = text.replace(" ", "").replace("-", "");
    if (!E164.matcher(compact).matches()) {
      return invalid(field, FieldError.Code.PHONE_INVALID);
    }
    return new Validation.Valid<>(compact);
  }

  /** An email address with its domain in lower case. */
  public static Validation<String> email(String field, @Nullable String raw) {
    if (raw == null || TextRules.stripSpaces(raw).isEmpty()) {
      return invalid(field, FieldError.Code.REQUIRED);
    }
    String text = TextRules.stripSpaces(raw);
    if (text.length() > MAX_EMAIL_LENGTH) {
      return new Validation.Invalid<>(
          List.of(
              new FieldError(
                  field,
                  FieldError.Code.EMAIL_TOO_LONG,
                  List.of(Integer.toString(MAX_EMAIL_LENGTH)))));
    }
    int at = text.lastIndexOf('@');
    if (at <= 0 || at > 64) {
      return invalid(field, FieldError.Code.EMAIL_INVALID);
    }
    String local = text.substring(0, at);
    String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
    if (!LOCAL_PART.matcher(local).matches() || !isDomain(domain)) {
      return invalid(field, FieldError.Code.EMAIL_INVALID);
    }
    return new Validation.Valid<>(local + "@" + domain);
  }

  private static boolean isDomain(String domain) {
    // The limit -1 keeps empty labels ("a..ch", "a.ch."), which the label pattern refuses.
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2 || domain.length() > 253) {
      return false;
    }
    for (String label : labels) {
      if (!DOMAIN_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return TOP_LEVEL_DOMAIN.matcher(labels[labels.length - 1]).matches();
  }

  /**
   * A commercial-register number. For a company domiciled in Switzerland it is the UID of the Swiss
   * business register ({@code CHE-123.456.788}, with the check digit of eCH-0097), returned in that
   * canonical form whether typed with dots, spaces or none. Elsewhere it is 1–64 letters, digits,
   * spaces, dots, slashes or hyphens, stored in upper case.
   *
   * @param country the validated domicile country, or {@code null} when it was refused
   */
  public static Validation<String> registerNumber(
      String field, @Nullable String raw, @Nullable String country) {
    if (raw == null || TextRules.stripSpaces(raw).isEmpty()) {
      return invalid(field, FieldError.Code.REQUIRED);
    }
    String text = TextRules.stripSpaces(raw).toUpperCase(Locale.ROOT);
    if ("CH".equals(country)) {
      Matcher m = SWISS_UID.matcher(text);
      if (!m.matches()) {
        return invalid(field, FieldError.Code.REGISTER_NUMBER_INVALID_UID);
      }
      String digits = m.group(1) + m.group(2) + m.group(3);
      if (!hasValidUidCheckDigit(digits)) {
        return invalid(field, FieldError.Code.REGISTER_NUMBER_INVALID_UID);
      }
      return new Validation.Valid<>("CHE-" + m.group(1) + "." + m.group(2) + "." + m.group(3));
    }
    if (!REGISTER_NUMBER.matcher(text).matches()) {
      return invalid(field, FieldError.Code.REGISTER_NUMBER_INVALID);
    }
    return new Validation.Valid<>(text);
  }

  /** eCH-0097: weights 5 4 3 2 7 6 5 4, check digit 11 − (sum mod 11), 11 → 0, 10 never issued. */
  private static boolean hasValidUidCheckDigit(String nineDigits) {
    int sum = 0;
    for (int i = 0; i < SWISS_UID_WEIGHTS.length; i++) {
      sum += (nineDigits.charAt(i) - '0') * SWISS_UID_WEIGHTS[i];
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      check = 0;
    }
    return check != 10 && check == nineDigits.charAt(8) - '0';
  }

  /**
   * A share of capital or votes in percent, 0–100 with at most two decimals. A missing or blank
   * share is 0.
   */
  public static Validation<BigDecimal> share(String field, @Nullable String raw) {
    String text = raw == null ? "" : TextRules.stripSpaces(raw);
    if (text.isEmpty()) {
      return new Validation.Valid<>(BigDecimal.ZERO);
    }
    if (!SHARE.matcher(text).matches()) {
      return invalid(field, FieldError.Code.OWNER_SHARE_INVALID);
    }
    BigDecimal share = new BigDecimal(text).stripTrailingZeros();
    if (share.compareTo(HUNDRED) > 0) {
      return invalid(field, FieldError.Code.OWNER_SHARE_OUT_OF_RANGE);
    }
    return new Validation.Valid<>(share);
  }

  private static <T> Validation<T> invalid(String field, FieldError.Code code) {
    return new Validation.Invalid<>(List.of(new FieldError(field, code)));
  }
}
