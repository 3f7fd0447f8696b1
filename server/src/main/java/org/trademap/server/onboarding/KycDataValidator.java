package org.trademap.server.onboarding;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns what people enter into validated KYC data. Every method answers bad input with {@link
 * Validation.Invalid} listing every refused field; none throws for any input. Names that may be
 * look-alikes come back {@link Validation.Valid#flaggedForReview() flagged for review}.
 *
 * <p>"Today", for dates of birth and the age of majority, is the date of the given clock in the
 * clock's time zone.
 */
public final class KycDataValidator {
  private final Clock clock;

  /** A validator that takes today's date from {@code clock}. */
  public KycDataValidator(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Validates a natural person's data (AMLO-FINMA Art. 44): names by {@link TextRules}, the date of
   * birth, nationality, domicile, phone and email by {@link FieldRules}. The age of majority is a
   * separate check, {@link #requireAdult}.
   */
  public Validation<PersonalData> validatePerson(PersonalForm form) {
    LocalDate today = LocalDate.now(clock);
    Collector c = new Collector();
    String surname = c.take(TextRules.name("surname", form.surname(), TextRules.MAX_NAME_LENGTH));
    String givenNames =
        c.take(TextRules.name("givenNames", form.givenNames(), TextRules.MAX_NAME_LENGTH));
    LocalDate dateOfBirth = c.take(FieldRules.birthDate("dateOfBirth", form.dateOfBirth(), today));
    String nationality = c.take(FieldRules.country("nationality", form.nationality()));
    Address domicile = c.take(address("domicile", form.domicile()));
    String occupation =
        c.take(TextRules.text("occupation", form.occupation(), TextRules.MAX_OCCUPATION_LENGTH));
    String phone = c.take(FieldRules.phone("phone", form.phone()));
    String email = c.take(FieldRules.email("email", form.email()));
    return c.build(
        () ->
            new PersonalData(
                requireNonNull(surname),
                requireNonNull(givenNames),
                requireNonNull(dateOfBirth),
                requireNonNull(nationality),
                requireNonNull(domicile),
                requireNonNull(occupation),
                requireNonNull(phone),
                requireNonNull(email)));
  }

  /**
   * The age rule for opening an account: a natural person must have reached {@value
   * FieldRules#ADULT_AGE} years today (see {@link FieldRules#isAdultOn}). Refuses with {@code
   * person.under-age} on {@code dateOfBirth}. Beneficial owners are not subject to it.
   */
  public Validation<PersonalData> requireAdult(PersonalData person) {
    if (FieldRules.isAdultOn(person.dateOfBirth(), LocalDate.now(clock))) {
      return new Validation.Valid<>(person);
    }
    return new Validation.Invalid<>(
        List.of(
            new FieldError(
                "dateOfBirth",
                FieldError.Code.PERSON_UNDER_AGE,
                List.of(Integer.toString(FieldRules.ADULT_AGE)))));
  }

  /** {@link #validatePerson} followed by {@link #requireAdult}: a person opening an account. */
  public Validation<PersonalData> validateAccountHolder(PersonalForm form) {
    return validatePerson(form).flatMap(this::requireAdult);
  }

  /**
   * Validates a legal entity's data: its name by {@link TextRules}, the register number (a UID with
   * a valid check digit for Swiss companies), the domicile and the signing authority of the person
   * acting.
   */
  public Validation<LegalEntityData> validateEntity(LegalEntityForm form) {
    Collector c = new Collector();
    String name = c.take(TextRules.name("name", form.name(), TextRules.MAX_ENTITY_NAME_LENGTH));
    Address domicile = c.take(address("domicile", form.domicile()));
    AddressForm domicileForm = form.domicile();
    String country = domicileForm == null ? null : validCountry(domicileForm.country());
    String registerNumber =
        c.take(FieldRules.registerNumber("registerNumber", form.registerNumber(), country));
    SigningAuthority authority = null;
    if (!isPresent(form.signingAuthority())) {
      c.add(new FieldError("signingAuthority", FieldError.Code.REQUIRED));
    } else {
      Optional<SigningAuthority> parsed = SigningAuthority.parse(form.signingAuthority());
      if (parsed.isPresent()) {
        authority = parsed.get();
      } else {
        c.add(new FieldError("signingAuthority", FieldError.Code.SIGNING_AUTHORITY_UNKNOWN));
      }
    }
    SigningAuthority signingAuthority = authority;
    return c.build(
        () ->
            new LegalEntityData(
                requireNonNull(name),
                requireNonNull(registerNumber),
                requireNonNull(domicile),
                requireNonNull(signingAuthority)));
  }

  /**
   * Validates a beneficial-owner declaration. Each entry is checked like a person (names, date of
   * birth, nationality, address; no age rule), then the entries together: no owner twice ({@code
   * owner.duplicate}, same {@link OwnerIdentity}), at most {@value OwnerDeclaration#MAX_OWNERS}
   * owners, and on Form K a basis of control for everyone that follows the {@link ControlBasis}
   * cascade with shares adding up to at most 100 %.
   */
  public Validation<OwnerDeclaration> validateOwners(OwnerDeclarationForm form) {
    LocalDate today = LocalDate.now(clock);
    Collector c = new Collector();
    String kind = form.form() == null ? "" : TextRules.stripSpaces(form.form());
    boolean formK = kind.equals("K");
    boolean formA = kind.equals("A");
    if (kind.isEmpty()) {
      c.add(new FieldError("form", FieldError.Code.REQUIRED));
    } else if (!formK && !formA) {
      c.add(new FieldError("form", FieldError.Code.DECLARATION_FORM_UNKNOWN));
    }
    List<@Nullable BeneficialOwnerForm> submitted = form.owners();
    List<@Nullable BeneficialOwnerForm> entries =
        submitted == null ? List.<@Nullable BeneficialOwnerForm>of() : submitted;
    if (entries.isEmpty()) {
      c.add(new FieldError("owners", FieldError.Code.OWNERS_EMPTY));
    }
    if (entries.size() > OwnerDeclaration.MAX_OWNERS) {
      c.add(
          new FieldError(
              "owners",
              FieldError.Code.OWNERS_TOO_MANY,
              List.of(Integer.toString(OwnerDeclaration.MAX_OWNERS))));
      return c.refuse();
    }
    List<@Nullable BeneficialOwner> owners = new ArrayList<>();
    List<@Nullable OwnerIdentity> identities = new ArrayList<>();
    List<@Nullable ControlBasis> bases = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String prefix = "owners[" + i + "]";
      BeneficialOwnerForm entry = entries.get(i);
      if (entry == null) {
        c.add(new FieldError(prefix, FieldError.Code.REQUIRED));
        owners.add(null);
        identities.add(null);
        bases.add(null);
        continue;
      }
      Collector own = new Collector();
      String surname =
          own.take(TextRules.name(prefix + ".surname", entry.surname(), TextRules.MAX_NAME_LENGTH));
      String givenNames =
          own.take(
              TextRules.name(
                  prefix + ".givenNames", entry.givenNames(), TextRules.MAX_NAME_LENGTH));
      LocalDate dateOfBirth =
          own.take(FieldRules.birthDate(prefix + ".dateOfBirth", entry.dateOfBirth(), today));
      String nationality =
          own.take(FieldRules.country(prefix + ".nationality", entry.nationality()));
      Address address = own.take(address(prefix + ".address", entry.address()));
      identities.add(
          surname == null || givenNames == null || dateOfBirth == null
              ? null
              : OwnerIdentity.of(surname, givenNames, dateOfBirth));
      // With an unknown form only the person is checked: which basis fields belong is unclear.
      ControlBasis basis = formK ? own.take(basis(prefix, entry)) : null;
      if (formA) {
        requireNoBasis(own, prefix, entry);
      }
      bases.add(basis);
      Validation<BeneficialOwner> owner =
          own.build(
              () ->
                  new BeneficialOwner(
                      requireNonNull(surname),
                      requireNonNull(givenNames),
                      requireNonNull(dateOfBirth),
                      requireNonNull(nationality),
                      requireNonNull(address)));
      owners.add(c.take(owner));
    }
    c.addAll(OwnerRules.duplicates(identities));
    if (formK) {
      c.addAll(OwnerRules.controlCascade(bases));
    }
    return c.build(
        () -> {
          if (!formK) {
            return new OwnerDeclaration.FormA(owners.stream().map(o -> requireNonNull(o)).toList());
          }
          List<ControllingPerson> persons = new ArrayList<>();
          for (int i = 0; i < owners.size(); i++) {
            persons.add(
                new ControllingPerson(requireNonNull(owners.get(i)), requireNonNull(bases.get(i))));
          }
          return new OwnerDeclaration.FormK(persons);
        });
  }

  private static Validation<Address> address(String field, @Nullable AddressForm form) {
    if (form == null) {
      return new Validation.Invalid<>(List.of(new FieldError(field, FieldError.Code.REQUIRED)));
    }
    Collector c = new Collector();
    String street =
        c.take(TextRules.text(field + ".street", form.street(), TextRules.MAX_STREET_LENGTH));
    String country = c.take(FieldRules.country(field + ".country", form.country()));
    String postalCode =
        c.take(FieldRules.postalCode(field + ".postalCode", form.postalCode(), country));
    String town = c.take(TextRules.text(field + ".town", form.town(), TextRules.MAX_TOWN_LENGTH));
    return c.build(
        () ->
            new Address(
                requireNonNull(street),
                requireNonNull(postalCode),
                requireNonNull(town),
                requireNonNull(country)));
  }

  private static @Nullable String validCountry(@Nullable String raw) {
    return FieldRules.country("country", raw) instanceof Validation.Valid<String> v
        ? v.value()
        : null;
  }

  private static Validation<ControlBasis> basis(String prefix, BeneficialOwnerForm entry) {
    String field = prefix + ".basis";
    if (!isPresent(entry.basis())) {
      return new Validation.Invalid<>(List.of(new FieldError(field, FieldError.Code.REQUIRED)));
    }
    Optional<ControlBasis.Kind> kind = ControlBasis.Kind.parse(entry.basis());
    if (kind.isEmpty()) {
      return new Validation.Invalid<>(
          List.of(new FieldError(field, FieldError.Code.OWNER_BASIS_UNKNOWN)));
    }
    Collector c = new Collector();
    return switch (kind.get()) {
      case CAPITAL_OR_VOTES -> {
        notAllowed(c, prefix + ".controlDescription", entry.controlDescription());
        BigDecimal capital =
            c.take(FieldRules.share(prefix + ".capitalPercent", entry.capitalPercent()));
        BigDecimal votes = c.take(FieldRules.share(prefix + ".votesPercent", entry.votesPercent()));
        if (capital != null
            && votes != null
            && capital.max(votes).compareTo(FieldRules.CONTROL_THRESHOLD_PERCENT) < 0) {
          c.add(
              new FieldError(
                  prefix + ".capitalPercent",
                  FieldError.Code.OWNER_SHARE_BELOW_THRESHOLD,
                  List.of(FieldRules.CONTROL_THRESHOLD_PERCENT.toPlainString())));
        }
        yield c.build(
            () -> new ControlBasis.CapitalOrVotes(requireNonNull(capital), requireNonNull(votes)));
      }
      case OTHER_MEANS -> {
        notAllowed(c, prefix + ".capitalPercent", entry.capitalPercent());
        notAllowed(c, prefix + ".votesPercent", entry.votesPercent());
        String description =
            c.take(
                TextRules.text(
                    prefix + ".controlDescription",
                    entry.controlDescription(),
                    TextRules.MAX_DESCRIPTION_LENGTH));
        yield c.build(() -> new ControlBasis.OtherMeans(requireNonNull(description)));
      }
      case MANAGING_DIRECTOR -> {
        notAllowed(c, prefix + ".capitalPercent", entry.capitalPercent());
        notAllowed(c, prefix + ".votesPercent", entry.votesPercent());
        notAllowed(c, prefix + ".controlDescription", entry.controlDescription());
        yield c.build(ControlBasis.ManagingDirector::new);
      }
    };
  }

  private static void requireNoBasis(Collector c, String prefix, BeneficialOwnerForm entry) {
    if (isPresent(entry.basis())
        || isPresent(entry.capitalPercent())
        || isPresent(entry.votesPercent())
        || isPresent(entry.controlDescription())) {
      c.add(new FieldError(prefix + ".basis", FieldError.Code.OWNER_BASIS_NOT_ALLOWED));
    }
  }

  private static void notAllowed(Collector c, String field, @Nullable String value) {
    if (isPresent(value)) {
      c.add(new FieldError(field, FieldError.Code.OWNER_FIELD_NOT_ALLOWED));
    }
  }

  private static boolean isPresent(@Nullable String value) {
    return value != null && !TextRules.stripSpaces(value).isEmpty();
  }
}
