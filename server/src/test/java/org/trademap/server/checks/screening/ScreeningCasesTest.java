package org.trademap.server.checks.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.trademap.contracts.kyc.CheckResult;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.checks.Proposal;
import org.trademap.server.kyc.Profile;
import org.trademap.server.onboarding.Address;
import org.trademap.server.onboarding.BeneficialOwner;
import org.trademap.server.onboarding.ControlBasis;
import org.trademap.server.onboarding.ControllingPerson;
import org.trademap.server.onboarding.LegalEntityData;
import org.trademap.server.onboarding.OwnerDeclaration;
import org.trademap.server.onboarding.PersonalData;
import org.trademap.server.onboarding.SigningAuthority;
import org.trademap.server.vault.SubjectId;

/** What the screening of a case proposes, and whom a KYC file puts on the lists. */
class ScreeningCasesTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
  private static final Address ZURICH = new Address("Bahnhofstrasse 1", "8001", "Zürich", "CH");

  private static Optional<Proposal> proposal(Assessment assessment, List<StoredHit> hits) {
    return ScreeningCases.proposal(assessment, hits);
  }

  @Test
  void proposesAPassWithoutHitsAndNothingWhileHitsAreOpen() {
    assertThat(proposal(new Assessment.Clear(AT), List.of()))
        .contains(new Proposal(CheckResult.PASSED, false, "checks.screening.no-hits"));
    assertThat(proposal(new Assessment.NeedsReview(AT, 2), List.of())).isEmpty();
    assertThat(proposal(new Assessment.NotScreened(), List.of())).isEmpty();
  }

  @Test
  void proposesAFailedHighRiskResultForAConfirmedSanctionsOrAsfHit() {
    assertThat(proposal(new Assessment.Confirmed(AT, Set.of(ListCategory.SANCTIONS), 1), List.of()))
        .contains(new Proposal(CheckResult.FAILED, true, "checks.screening.sanctions-hit"));
    assertThat(
            proposal(
                new Assessment.Confirmed(AT, Set.of(ListCategory.ASF, ListCategory.PEP), 0),
                List.of()))
        .contains(new Proposal(CheckResult.FAILED, true, "checks.screening.asf-hit"));
  }

  @Test
  void proposesAPassThatASupervisorApprovesForAConfirmedPepOnceNoHitIsOpen() {
    assertThat(proposal(new Assessment.Confirmed(AT, Set.of(ListCategory.PEP), 0), List.of()))
        .contains(new Proposal(CheckResult.PASSED, true, "checks.screening.pep-hit"));
    assertThat(proposal(new Assessment.Confirmed(AT, Set.of(ListCategory.PEP), 1), List.of()))
        .isEmpty();
  }

  @Test
  void screensAPersonByNameBirthDateAndNationality() {
    Profile profile =
        new Profile(AccountKind.PERSON, 1, AT, person("Kim", "Jong Un"), null, null, List.of());

    assertThat(ScreeningCases.parties(profile))
        .containsExactly(
            new Party(
                PartyRole.SUBJECT,
                EntryKind.PERSON,
                "Jong Un Kim",
                LocalDate.of(1984, 1, 8),
                "KP"));
  }

  @Test
  void screensACompanyItsRepresentativeAndEveryControllingPerson() {
    OwnerDeclaration formK =
        new OwnerDeclaration.FormK(
            List.of(
                new ControllingPerson(owner("Muster", "Hans"), new ControlBasis.ManagingDirector()),
                new ControllingPerson(
                    owner("Beispiel", "Eva"), new ControlBasis.ManagingDirector())));
    Profile profile =
        new Profile(
            AccountKind.LEGAL_ENTITY,
            3,
            AT,
            person("Eriksson", "Anna"),
            new LegalEntityData(
                "Muster Treuhand AG", "CHE-123.456.788", ZURICH, SigningAuthority.SOLE_SIGNATURE),
            formK,
            List.of());

    List<Party> parties = ScreeningCases.parties(profile);

    assertThat(parties)
        .extracting(Party::role, Party::kind, Party::name, Party::country)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                PartyRole.SUBJECT, EntryKind.ENTITY, "Muster Treuhand AG", "CH"),
            org.assertj.core.groups.Tuple.tuple(
                PartyRole.REPRESENTATIVE, EntryKind.PERSON, "Anna Eriksson", "KP"),
            org.assertj.core.groups.Tuple.tuple(
                PartyRole.CONTROLLING_PERSON, EntryKind.PERSON, "Eva Beispiel", "CH"),
            org.assertj.core.groups.Tuple.tuple(
                PartyRole.CONTROLLING_PERSON, EntryKind.PERSON, "Hans Muster", "CH"));
  }

  @Test
  void aFileWithoutSubjectDataScreensNobody() {
    assertThat(
            ScreeningCases.parties(
                new Profile(AccountKind.LEGAL_ENTITY, 0, null, null, null, null, List.of())))
        .isEmpty();
  }

  @Test
  void aPassAfterFalsePositivesSaysSo() {
    StoredHit falsePositive =
        new StoredHit(
            UUID.randomUUID(),
            SubjectId.random(),
            0,
            Party.person(PartyRole.SUBJECT, "Jong Un", "Kim", null, null),
            new Hit(
                ListSource.OFAC,
                1,
                "20157",
                EntryKind.PERSON,
                "KIM, Jong Un",
                "DPRK3",
                0.9,
                new MatchReasons(
                    "KIM, Jong Un",
                    MatchReasons.NameRole.PRIMARY,
                    "",
                    "jong un kim",
                    "kim jong un",
                    List.of(),
                    List.of(),
                    List.of(),
                    0.9,
                    1,
                    List.of())),
            HitStatus.FALSE_POSITIVE,
            AT,
            AT,
            null,
            new StoredHit.Disposition(UUID.randomUUID(), AT, "other person"));

    assertThat(proposal(new Assessment.Clear(AT), List.of(falsePositive)))
        .contains(new Proposal(CheckResult.PASSED, false, "checks.screening.false-positives"));
  }

  private static PersonalData person(String surname, String givenNames) {
    return new PersonalData(
        surname,
        givenNames,
        LocalDate.of(1984, 1, 8),
        "KP",
        ZURICH,
        "Engineer",
        "+41446681800",
        "anna@example.ch");
  }

  private static BeneficialOwner owner(String surname, String givenNames) {
    return new BeneficialOwner(surname, givenNames, LocalDate.of(1960, 1, 31), "CH", ZURICH);
  }
}
