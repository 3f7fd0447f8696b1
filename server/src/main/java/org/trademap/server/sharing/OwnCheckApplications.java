package org.trademap.server.sharing;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.checks.screening.Party;
import org.trademap.server.checks.screening.PartyRole;
import org.trademap.server.identity.Role;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.sharing.ownchecks.CompanyApplications;
import org.trademap.server.vault.SubjectId;
import tools.jackson.databind.JsonNode;

/**
 * What the company's own checks ({@link org.trademap.server.sharing.ownchecks}) read of an
 * application: the staff member's company, and the parties of the package after it verified against
 * the ledger ({@link Applications#open}), so the company screens exactly what it received.
 */
@Component
class OwnCheckApplications implements CompanyApplications {
  private static final int MAX_NAME = 300;

  private final Applications applications;
  private final Companies companies;
  private final Subjects subjects;

  OwnCheckApplications(Applications applications, Companies companies, Subjects subjects) {
    this.applications = applications;
    this.companies = companies;
    this.subjects = subjects;
  }

  @Override
  public Optional<String> companyOf(SignedIn staff) {
    if (staff.role() != Role.COMPANY_REVIEWER && staff.role() != Role.COMPANY_APPROVER) {
      return Optional.empty();
    }
    return companies.companyOf(staff.accountId());
  }

  @Override
  public Lookup reviewed(SignedIn staff, UUID applicationId) {
    return switch (applications.open(staff, applicationId)) {
      case SharingResult.Refused<Applications.Opened>(HttpStatus status, String code, _) ->
          new Refused(status, code);
      case SharingResult.Done<Applications.Opened>(Applications.Opened opened) ->
          sealingSubject(opened)
              .<Lookup>map(
                  subject ->
                      new Reviewed(
                          applicationId,
                          opened.application().companyId(),
                          subject,
                          opened.application().state(),
                          parties(opened.kycPackage().profile())))
              .orElse(new Refused(HttpStatus.NOT_FOUND, "sharing.application-not-found"));
    };
  }

  /**
   * Where the own checks' details are sealed: under the person's vault subject where this server
   * holds it (the consortium hosts the company), else under the company's key subject (a company's
   * own server, ADR 0035, has no vault subject for the person).
   */
  private Optional<SubjectId> sealingSubject(Applications.Opened opened) {
    Optional<SubjectId> person =
        subjects.byRef(new SubjectRef(opened.kycPackage().subjectRef())).map(s -> s.id());
    return person.isPresent() ? person : companies.keySubject(opened.application().companyId());
  }

  /**
   * The parties of a package's profile, as the consortium's screening takes them: a person; or an
   * entity, the person acting for it, then its beneficial owners (Form A) or controlling persons
   * (Form K).
   */
  static List<Party> parties(JsonNode profile) {
    List<Party> parties = new ArrayList<>();
    JsonNode entity = profile.path("entity");
    boolean isEntity = entity.isObject();
    if (isEntity && !entity.path("name").asString("").isBlank()) {
      parties.add(
          Party.organisation(
              PartyRole.SUBJECT,
              clip(entity.path("name").asString("")),
              country(entity.path("domicile").path("country"))));
    }
    person(profile.path("person"), isEntity ? PartyRole.REPRESENTATIVE : PartyRole.SUBJECT)
        .ifPresent(parties::add);
    JsonNode owners = profile.path("beneficialOwners");
    for (JsonNode owner : owners.path("owners")) {
      person(owner, PartyRole.BENEFICIAL_OWNER).ifPresent(parties::add);
    }
    for (JsonNode controlling : owners.path("controllingPersons")) {
      person(controlling.path("person"), PartyRole.CONTROLLING_PERSON).ifPresent(parties::add);
    }
    return parties;
  }

  private static Optional<Party> person(JsonNode person, PartyRole role) {
    String name =
        (person.path("givenNames").asString("") + " " + person.path("surname").asString(""))
            .strip();
    if (!person.isObject() || name.isEmpty()) {
      return Optional.empty();
    }
    LocalDate birth = null;
    try {
      String text = person.path("dateOfBirth").asString("");
      birth = text.isEmpty() ? null : LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      birth = null;
    }
    return Optional.of(
        new Party(
            role,
            org.trademap.server.checks.screening.EntryKind.PERSON,
            clip(name),
            birth,
            country(person.path("nationality"))));
  }

  private static @Nullable String country(JsonNode node) {
    String text = node.asString("");
    return text.matches("[A-Za-z]{2}") ? text : null;
  }

  private static String clip(String name) {
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME).strip();
  }
}
