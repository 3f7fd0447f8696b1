package org.trademap.server.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.trademap.server.onboarding.KycSpecimens.VALIDATOR;
import static org.trademap.server.onboarding.KycSpecimens.controller;
import static org.trademap.server.onboarding.KycSpecimens.director;
import static org.trademap.server.onboarding.KycSpecimens.holder;
import static org.trademap.server.onboarding.KycSpecimens.ownerA;
import static org.trademap.server.onboarding.KycSpecimens.valid;
import static org.trademap.server.onboarding.KycSpecimens.zurich;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class OwnerDeclarationTest {

  private static Validation<OwnerDeclaration> declare(
      String form, @Nullable BeneficialOwnerForm... owners) {
    return VALIDATOR.validateOwners(new OwnerDeclarationForm(form, Arrays.asList(owners)));
  }

  @Test
  void acceptsFormAWithTwoBeneficialOwners() {
    OwnerDeclaration declaration =
        valid(
            declare(
                "A",
                ownerA("Eriksson", "Anna Maria", "1974-08-12"),
                ownerA("Müller", "Hans", "1960-01-31")));

    assertThat(declaration).isInstanceOf(OwnerDeclaration.FormA.class);
    assertThat(declaration.owners())
        .extracting(BeneficialOwner::surname)
        .containsExactly("Eriksson", "Müller");
  }

  @Test
  void acceptsFormKWithTwoHoldersOfAtLeastAQuarter() {
    OwnerDeclaration.FormK declaration =
        (OwnerDeclaration.FormK)
            valid(
                declare(
                    "K",
                    holder("Eriksson", "Anna Maria", "1974-08-12", "60", "40"),
                    holder("Müller", "Hans", "1960-01-31", "25", "")));

    assertThat(declaration.controllingPersons())
        .extracting(ControllingPerson::basis)
        .containsExactly(
            new ControlBasis.CapitalOrVotes(new BigDecimal("60"), new BigDecimal("40")),
            new ControlBasis.CapitalOrVotes(new BigDecimal("25"), BigDecimal.ZERO));
  }

  @Test
  void acceptsAHolderOfAQuarterOfTheVotesOnly() {
    assertThat(declare("K", holder("Eriksson", "Anna", "1974-08-12", "10", "25")).isValid())
        .isTrue();
  }

  @Test
  void refusesAHolderBelowAQuarterOfCapitalAndVotes() {
    assertThat(declare("K", holder("Eriksson", "Anna", "1974-08-12", "24.99", "24")).errors())
        .containsExactly(
            new FieldError(
                "owners[0].capitalPercent",
                FieldError.Code.OWNER_SHARE_BELOW_THRESHOLD,
                List.of("25")));
  }

  @Test
  void refusesSharesOutOfRange() {
    assertThat(declare("K", holder("Eriksson", "Anna", "1974-08-12", "101", "x")).errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(
            tuple("owners[0].capitalPercent", "owner.share-out-of-range"),
            tuple("owners[0].votesPercent", "owner.share-invalid"));
  }

  @Test
  void refusesCapitalSharesAddingUpToMoreThanAHundred() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "K",
            holder("A", "Anna", "1970-01-01", "50", "25"),
            holder("B", "Bea", "1970-01-01", "30", "25"),
            holder("C", "Cem", "1970-01-01", "25.5", "25"));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError("owners", FieldError.Code.OWNERS_CAPITAL_OVER_100, List.of("105.5")));
  }

  @Test
  void refusesVoteSharesAddingUpToMoreThanAHundred() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "K",
            holder("A", "Anna", "1970-01-01", "0", "60"),
            holder("B", "Bea", "1970-01-01", "0", "41"));

    assertThat(outcome.errors())
        .extracting(FieldError::key)
        .containsExactly("owners.votes-over-100");
  }

  @Test
  void acceptsControlByOtherMeansWhenNobodyHoldsAQuarter() {
    OwnerDeclaration.FormK declaration =
        (OwnerDeclaration.FormK)
            valid(
                declare(
                    "K", controller("Eriksson", "Anna", "1974-08-12", "Shareholders' agreement")));

    assertThat(declaration.controllingPersons().getFirst().basis())
        .isEqualTo(new ControlBasis.OtherMeans("Shareholders' agreement"));
  }

  @Test
  void refusesControlByOtherMeansNextToAHolderOfAQuarter() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "K",
            holder("Eriksson", "Anna", "1974-08-12", "30", "30"),
            controller("Müller", "Hans", "1960-01-31", "Voting agreement"));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError(
                "owners[1].basis",
                FieldError.Code.OWNERS_BASIS_INCONSISTENT,
                List.of("CAPITAL_OR_VOTES")));
  }

  @Test
  void acceptsTheManagingDirectorWhenNobodyElseQualifies() {
    OwnerDeclaration.FormK declaration =
        (OwnerDeclaration.FormK) valid(declare("K", director("Eriksson", "Anna", "1974-08-12")));

    assertThat(declaration.controllingPersons().getFirst().basis())
        .isEqualTo(new ControlBasis.ManagingDirector());
  }

  @Test
  void refusesTheManagingDirectorWhenSomebodyControlsByOtherMeans() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "K",
            director("Eriksson", "Anna", "1974-08-12"),
            controller("Müller", "Hans", "1960-01-31", "Voting agreement"));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError(
                "owners[0].basis",
                FieldError.Code.OWNERS_BASIS_INCONSISTENT,
                List.of("OTHER_MEANS")));
  }

  @Test
  void refusesTheManagingDirectorNextToAHolderOfAQuarter() {
    assertThat(
            declare(
                    "K",
                    director("Eriksson", "Anna", "1974-08-12"),
                    holder("Müller", "Hans", "1960-01-31", "100", "100"))
                .errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(tuple("owners[0].basis", "owners.basis-inconsistent"));
  }

  @Test
  void requiresADescriptionForControlByOtherMeans() {
    assertThat(declare("K", controller("Eriksson", "Anna", "1974-08-12", " ")).errors())
        .containsExactly(
            new FieldError("owners[0].controlDescription", FieldError.Code.TEXT_EMPTY));
  }

  @Test
  void refusesFieldsThatDoNotBelongToTheBasis() {
    BeneficialOwnerForm directorWithShares =
        new BeneficialOwnerForm(
            "Eriksson", "Anna", "1974-08-12", "CH", zurich(), "MANAGING_DIRECTOR", "30", "", "x");
    BeneficialOwnerForm holderWithDescription =
        new BeneficialOwnerForm(
            "Müller", "Hans", "1960-01-31", "CH", zurich(), "CAPITAL_OR_VOTES", "30", "", "x");

    assertThat(declare("K", directorWithShares).errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(
            tuple("owners[0].capitalPercent", "owner.field-not-allowed"),
            tuple("owners[0].controlDescription", "owner.field-not-allowed"));
    assertThat(declare("K", holderWithDescription).errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(tuple("owners[0].controlDescription", "owner.field-not-allowed"));
  }

  @Test
  void requiresAKnownBasisOnFormK() {
    BeneficialOwnerForm noBasis = ownerA("Eriksson", "Anna", "1974-08-12");
    BeneficialOwnerForm unknown =
        new BeneficialOwnerForm(
            "Eriksson", "Anna", "1974-08-12", "CH", zurich(), "OWNER", null, null, null);

    assertThat(declare("K", noBasis).errors())
        .containsExactly(new FieldError("owners[0].basis", FieldError.Code.REQUIRED));
    assertThat(declare("K", unknown).errors())
        .containsExactly(new FieldError("owners[0].basis", FieldError.Code.OWNER_BASIS_UNKNOWN));
  }

  @Test
  void refusesABasisOfControlOnFormA() {
    assertThat(declare("A", holder("Eriksson", "Anna", "1974-08-12", "30", "30")).errors())
        .containsExactly(
            new FieldError("owners[0].basis", FieldError.Code.OWNER_BASIS_NOT_ALLOWED));
  }

  @Test
  void refusesTheSamePersonListedTwiceHoweverTheNameIsWritten() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "A",
            ownerA("Müller", "Hans Peter", "1960-01-31"),
            ownerA("Eriksson", "Anna", "1974-08-12"),
            ownerA("MU\u0308LLER", "  hans   PETER ", "1960-01-31"));

    assertThat(outcome.errors())
        .containsExactly(
            new FieldError("owners[2]", FieldError.Code.OWNER_DUPLICATE, List.of("1")));
  }

  @Test
  void treatsNamesakesWithAnotherBirthDateAsDifferentPeople() {
    assertThat(
            declare(
                    "A",
                    ownerA("Müller", "Hans", "1960-01-31"),
                    ownerA("Müller", "Hans", "1988-05-17"))
                .isValid())
        .isTrue();
  }

  @Test
  void findsADuplicateEvenWhenAnotherFieldOfTheEntryIsRefused() {
    BeneficialOwnerForm badNationality =
        BeneficialOwnerForm.formA("Eriksson", "Anna", "1974-08-12", "UTO", zurich());

    assertThat(declare("A", ownerA("Eriksson", "Anna", "1974-08-12"), badNationality).errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(
            tuple("owners[1].nationality", "country.format"),
            tuple("owners[1]", "owner.duplicate"));
  }

  @Test
  void givesTheSameDeclarationForTheSameOwnersInAnyOrder() {
    OwnerDeclaration first =
        valid(
            declare(
                "K",
                holder("Müller", "Hans", "1960-01-31", "50", "50"),
                holder("Eriksson", "Anna Maria", "1974-08-12", "50", "50")));
    OwnerDeclaration resubmitted =
        valid(
            declare(
                "K",
                holder("Eriksson", "Anna Maria", "1974-08-12", "50.00", "50"),
                holder("Mu\u0308ller", "Hans", "1960-01-31", "50", "50.0")));

    assertThat(resubmitted).isEqualTo(first);
    assertThat(resubmitted.identities()).isEqualTo(first.identities());
    LegalEntityData entity = valid(VALIDATOR.validateEntity(KycSpecimens.company()));
    assertThat(CanonicalFields.entity(entity, resubmitted))
        .isEqualTo(CanonicalFields.entity(entity, first));
  }

  @Test
  void givesTheSameDeclarationBackFromItsOwnForm() {
    OwnerDeclaration formK =
        valid(
            declare(
                "K",
                holder("Müller", "Hans", "1960-01-31", "33.5", "50"),
                holder("Eriksson", "Anna", "1974-08-12", "25", "0")));
    OwnerDeclaration otherMeans =
        valid(declare("K", controller("Eriksson", "Anna", "1974-08-12", "Agreement")));
    OwnerDeclaration director = valid(declare("K", director("Eriksson", "Anna", "1974-08-12")));
    OwnerDeclaration formA = valid(declare("A", ownerA("Eriksson", "Anna", "1974-08-12")));

    for (OwnerDeclaration declaration : List.of(formK, otherMeans, director, formA)) {
      assertThat(valid(VALIDATOR.validateOwners(declaration.toForm()))).isEqualTo(declaration);
    }
  }

  @Test
  void refusesAnEmptyDeclarationAndAnUnknownForm() {
    assertThat(VALIDATOR.validateOwners(new OwnerDeclarationForm(null, null)).errors())
        .containsExactly(
            new FieldError("form", FieldError.Code.REQUIRED),
            new FieldError("owners", FieldError.Code.OWNERS_EMPTY));
    assertThat(declare("B", holder("Eriksson", "Anna", "1974-08-12", "30", "30")).errors())
        .containsExactly(new FieldError("form", FieldError.Code.DECLARATION_FORM_UNKNOWN));
  }

  @Test
  void refusesANullEntry() {
    assertThat(declare("A", ownerA("Eriksson", "Anna", "1974-08-12"), null).errors())
        .containsExactly(new FieldError("owners[1]", FieldError.Code.REQUIRED));
  }

  @Test
  void refusesMoreOwnersThanTheLimit() {
    List<@Nullable BeneficialOwnerForm> many = new ArrayList<>();
    for (int i = 0; i <= OwnerDeclaration.MAX_OWNERS; i++) {
      many.add(ownerA("Owner", "Number " + i, "1970-01-01"));
    }

    assertThat(VALIDATOR.validateOwners(new OwnerDeclarationForm("A", many)).errors())
        .containsExactly(new FieldError("owners", FieldError.Code.OWNERS_TOO_MANY, List.of("50")));
  }

  @Test
  void validatesEachOwnerLikeAPersonButWithoutTheAgeRule() {
    Validation<OwnerDeclaration> outcome =
        declare(
            "A",
            ownerA("Eriksson", "Child", "2020-06-01"),
            BeneficialOwnerForm.formA(
                "Eriks\u202Eson", "Anna", "2027-01-01", "XX", new AddressForm("", "", "", "")));

    assertThat(outcome.errors())
        .extracting(FieldError::field, FieldError::key)
        .containsExactly(
            tuple("owners[1].surname", "name.bidi-control"),
            tuple("owners[1].dateOfBirth", "date.in-future"),
            tuple("owners[1].nationality", "country.unknown"),
            tuple("owners[1].address.street", "text.empty"),
            tuple("owners[1].address.country", "field.required"),
            tuple("owners[1].address.town", "text.empty"));
  }

  @Test
  void flagsALookAlikeOwnerNameForReview() {
    Validation<OwnerDeclaration> outcome =
        declare("A", ownerA("Eriks\u0455on", "Anna", "1974-08-12"));

    assertThat(outcome.reviewFlags())
        .extracting(ReviewFlag::field, ReviewFlag::reason)
        .containsExactly(tuple("owners[0].surname", ReviewFlag.REASON_MIXED_SCRIPT));
  }

  @Test
  void refusesToConstructABrokenDeclaration() {
    List<BeneficialOwner> people =
        valid(
                declare(
                    "A",
                    ownerA("Eriksson", "Anna", "1974-08-12"),
                    ownerA("Müller", "Hans", "1960-01-31")))
            .owners();
    BeneficialOwner anna = people.get(0);
    BeneficialOwner hans = people.get(1);
    ControlBasis half = new ControlBasis.CapitalOrVotes(new BigDecimal(50), BigDecimal.ZERO);

    assertThatThrownBy(() -> new OwnerDeclaration.FormA(List.of(anna, anna)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OwnerDeclaration.FormA(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new OwnerDeclaration.FormK(
                    List.of(
                        new ControllingPerson(anna, half),
                        new ControllingPerson(hans, new ControlBasis.ManagingDirector()))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new OwnerDeclaration.FormK(
                    List.of(
                        new ControllingPerson(anna, half),
                        new ControllingPerson(
                            hans,
                            new ControlBasis.CapitalOrVotes(
                                new BigDecimal("50.01"), BigDecimal.ZERO)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ControlBasis.CapitalOrVotes(new BigDecimal("24"), new BigDecimal("10")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
