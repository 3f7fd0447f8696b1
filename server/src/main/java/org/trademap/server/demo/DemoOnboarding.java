package org.trademap.server.demo;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.Accounts;
import org.trademap.server.accounts.SignUpResult;
import org.trademap.server.accounts.StaffAccounts;
import org.trademap.server.accounts.VerificationResult;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.identity.TotpService;
import org.trademap.server.kyc.ConsentKind;
import org.trademap.server.kyc.ConsentResult;
import org.trademap.server.kyc.Consents;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.ProfileForm;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.SubmissionResult;
import org.trademap.server.kyc.documents.StoreResult;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.onboarding.Validation;
import org.trademap.server.onboarding.documents.DocumentIntake;
import org.trademap.server.onboarding.documents.DocumentKind;
import org.trademap.server.onboarding.documents.IntakeResult;
import org.trademap.server.sharing.Companies;

/**
 * Takes the demo person and company part-way through onboarding, through the services the pages and
 * the API use: sign-up, the verification link from the mailbox, the KYC file, consents and a
 * document through the intake. A third person submits their file, so that its case waits in the
 * back office's queue. The back office's administrator, supervisor and operator are invited and
 * accept their invitations as staff do: a password and an authenticator (TOTP) key, which the
 * credentials file lists so that a person can add it to an app. Every refusal is a bug in the demo
 * data and fails the seeding; the messages name codes, never the data.
 */
@Component
class DemoOnboarding {
  /** The consents the person gives: the first two, so that the step is in progress. */
  static final List<ConsentKind> PERSON_CONSENTS =
      List.of(ConsentKind.TERMS, ConsentKind.DATA_PROCESSING);

  /** The consents the company gives: all required ones but the audio recording. */
  static final List<ConsentKind> COMPANY_CONSENTS =
      List.of(ConsentKind.TERMS, ConsentKind.DATA_PROCESSING, ConsentKind.VIDEO_IDENTIFICATION);

  private final Accounts accounts;
  private final KycFiles files;
  private final Consents consents;
  private final Subjects subjects;
  private final DocumentIntake intake;
  private final StoredDocuments documents;
  private final DemoPasswords passwords;
  private final StaffAccounts staff;
  private final TotpService totp;
  private final DemoCases cases;
  private final Companies companies;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  DemoOnboarding(
      Accounts accounts,
      KycFiles files,
      Consents consents,
      Subjects subjects,
      DocumentIntake intake,
      StoredDocuments documents,
      PasswordPolicy policy,
      StaffAccounts staff,
      TotpService totp,
      DemoCases cases,
      Companies companies,
      ObjectProvider<Clock> clock) {
    this.accounts = accounts;
    this.files = files;
    this.consents = consents;
    this.subjects = subjects;
    this.intake = intake;
    this.documents = documents;
    this.passwords = new DemoPasswords(policy, random);
    this.staff = staff;
    this.totp = totp;
    this.cases = cases;
    this.companies = companies;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /**
   * Makes both demo accounts under addresses no one else has (a random tag in each).
   *
   * @param mailbox where the verification links arrive
   * @param signInUrl the login page, for the credentials
   * @param now when
   */
  DemoCredentials seed(DevMailboxClient mailbox, String signInUrl, Instant now) {
    byte[] tag = new byte[4];
    random.nextBytes(tag);
    String hex = HexFormat.of().formatHex(tag);
    Map<Role, UUID> staffIds = new EnumMap<>(Role.class);
    List<DemoCredentials.Account> made =
        new ArrayList<>(
            List.of(
                person(hex, mailbox),
                company(hex, mailbox),
                submitted(hex, mailbox),
                staffMember(Role.ADMINISTRATOR, hex, mailbox, staffIds),
                staffMember(Role.KYC_SUPERVISOR, hex, mailbox, staffIds),
                staffMember(Role.KYC_OPERATOR, hex, mailbox, staffIds),
                companyStaff("alpha-securities", hex, mailbox),
                companyStaff("beta-securities", hex, mailbox)));
    List<Worked> worked =
        List.of(
            worked(
                mailbox,
                DemoCases.Scenario.APPROVED,
                new WorkedPerson(
                    "Sophie",
                    "Beispiel",
                    "1990-05-17",
                    "CH",
                    "+44 7700 900321",
                    DemoData.workedAddress("sophie.beispiel", hex))),
            worked(
                mailbox,
                DemoCases.Scenario.AWAITING_SUPERVISOR,
                new WorkedPerson(
                    "Jonas",
                    "Probe",
                    "1968-11-02",
                    "AT",
                    "+44 7700 900654",
                    DemoData.workedAddress("jonas.probe", hex))),
            worked(
                mailbox,
                DemoCases.Scenario.NEEDS_INFORMATION,
                new WorkedPerson(
                    "Lara",
                    "Exempel",
                    "1995-01-23",
                    "SE",
                    "+44 7700 900987",
                    DemoData.workedAddress("lara.exempel", hex))));
    cases.awaitRegistrations(worked.stream().map(Worked::ref).toList());
    for (Worked w : worked) {
      cases.work(
          w.ref(),
          w.scenario(),
          Objects.requireNonNull(staffIds.get(Role.KYC_OPERATOR)),
          Objects.requireNonNull(staffIds.get(Role.KYC_SUPERVISOR)));
      made.add(w.account());
    }
    return new DemoCredentials(signInUrl, now, made);
  }

  /** A person whose submitted file the seeding works in the back office. */
  private record Worked(
      SubjectRef ref, DemoCases.Scenario scenario, DemoCredentials.Account account) {}

  /** Who a worked person is. */
  private record WorkedPerson(
      String givenNames,
      String surname,
      String dateOfBirth,
      String nationality,
      String phone,
      String email) {}

  private Worked worked(DevMailboxClient mailbox, DemoCases.Scenario scenario, WorkedPerson who) {
    String email = who.email();
    ProfileForm form =
        DemoData.workedPerson(
            who.surname(),
            who.givenNames(),
            who.dateOfBirth(),
            who.nationality(),
            who.phone(),
            email);
    String password = passwords.forAddress(email);
    UUID id = submittedFile(email, password, form, mailbox);
    SubjectRef ref = subjects.of(id, AccountKind.PERSON).ref();
    String name = who.givenNames() + " " + who.surname();
    DemoCredentials.Account account =
        switch (scenario) {
          case APPROVED ->
              new DemoCredentials.Account(
                  "Person with an approved KYC file: " + name,
                  email,
                  password,
                  List.of(
                      "KYC file submitted with every required consent",
                      "the demo operator passed all three checks and approved the case"),
                  List.of(
                      "get the KYC key on My Page (/me/checks)",
                      "apply for an account at a securities company (/me/applications)"));
          case AWAITING_SUPERVISOR ->
              new DemoCredentials.Account(
                  "Person whose case waits for the supervisor: " + name,
                  email,
                  password,
                  List.of(
                      "KYC file submitted with every required consent",
                      "the demo operator passed the document and residence checks, and the"
                          + " screening as high-risk (a declared public office)"),
                  List.of(
                      "the demo supervisor approves or sends back the screening at"
                          + " /checks/approvals (four eyes)",
                      "then the case can be decided"));
          case NEEDS_INFORMATION ->
              new DemoCredentials.Account(
                  "Person asked for more information: " + name,
                  email,
                  password,
                  List.of(
                      "KYC file submitted with every required consent",
                      "the demo operator asked for a sharper photo of the passport page"),
                  List.of(
                      "My Page shows the request and its reason",
                      "upload a new passport page (/me/documents)"));
        };
    return new Worked(ref, scenario, account);
  }

  /**
   * A person who signed up, entered their data, uploaded the passport page, gave every required
   * consent and submitted.
   *
   * @return the account
   */
  private UUID submittedFile(
      String email, String password, ProfileForm form, DevMailboxClient mailbox) {
    UUID id = signUpVerified(AccountKind.PERSON, email, password, mailbox);
    save(id, AccountKind.PERSON, form);
    uploadPassportPage(id, AccountKind.PERSON);
    give(
        id,
        AccountKind.PERSON,
        Arrays.stream(ConsentKind.values()).filter(ConsentKind::required).toList());
    if (!(files.submit(id, AccountKind.PERSON) instanceof SubmissionResult.Submitted)) {
      throw new IllegalStateException("a demo submission was refused");
    }
    return id;
  }

  private DemoCredentials.Account submitted(String tag, DevMailboxClient mailbox) {
    String email = DemoData.submittedAddress(tag);
    String password = passwords.forAddress(email);
    submittedFile(email, password, DemoData.submittedPerson(email), mailbox);
    return new DemoCredentials.Account(
        "Person with a submitted file: Max Mustermann",
        email,
        password,
        List.of(
            "account made, email address verified",
            "personal data, passport page (a drawn specimen), every required consent",
            "KYC file submitted: its case waits in the back office's work queues"),
        List.of(
            "the back office works the three checks and decides",
            "after the approval: get the KYC key on My Page (/me/checks)"));
  }

  /** An approver of a demo securities company (sharing), invited and bound to it. */
  private DemoCredentials.Account companyStaff(
      String companyId, String tag, DevMailboxClient mailbox) {
    String role = StaffAccounts.apiName(Role.COMPANY_APPROVER);
    String email = DemoData.staffAddress(companyId, tag);
    String password = passwords.forAddress(email);
    if (!(companies.invite(null, companyId, email, role, Locale.ENGLISH)
        instanceof Companies.Invited invited)) {
      throw new IllegalStateException("the demo approver of " + companyId + " was not invited");
    }
    TotpSecret secret = totp.newSecret();
    String code = TotpService.code(secret, TotpService.step(clock.instant()));
    if (!(staff.accept(mailbox.invitationToken(email), password, secret, code)
        instanceof StaffAccounts.Accepted)) {
      throw new IllegalStateException("the demo approver of " + companyId + " did not enrol");
    }
    String name = companies.find(companyId).map(c -> c.name()).orElse(companyId);
    return new DemoCredentials.Account(
        "Securities company: approver at " + name,
        email,
        password,
        secret.base32(),
        List.of(
            "invited by the demo seeding (account "
                + invited.accountId()
                + "), bound to "
                + companyId,
            "invitation accepted: password and authenticator (TOTP) key set up"),
        List.of(
            "review applications and open verified KYC packages at /company",
            "record the account-opening decision (approve or refuse) on the ledger"));
  }

  private DemoCredentials.Account staffMember(
      Role role, String tag, DevMailboxClient mailbox, Map<Role, UUID> ids) {
    String name = StaffAccounts.apiName(role);
    String email = DemoData.staffAddress(name, tag);
    String password = passwords.forAddress(email);
    if (!(staff.invite(null, email, name, Locale.ENGLISH)
        instanceof StaffAccounts.Invited invited)) {
      throw new IllegalStateException("the demo " + name + " was not invited");
    }
    ids.put(role, invited.accountId());
    TotpSecret secret = totp.newSecret();
    // The code the app would show now, as a person types it when accepting the invitation.
    String code = TotpService.code(secret, TotpService.step(clock.instant()));
    if (!(staff.accept(mailbox.invitationToken(email), password, secret, code)
        instanceof StaffAccounts.Accepted)) {
      throw new IllegalStateException("the demo " + name + "'s invitation was not accepted");
    }
    return new DemoCredentials.Account(
        switch (role) {
          case ADMINISTRATOR -> "Back office: administrator";
          case KYC_SUPERVISOR -> "Back office: KYC supervisor";
          default -> "Back office: KYC operator";
        },
        email,
        password,
        secret.base32(),
        List.of(
            "invited by the demo seeding (account " + invited.accountId() + ")",
            "invitation accepted: password and authenticator (TOTP) key set up"),
        List.of(
            switch (role) {
              case ADMINISTRATOR -> "invite more staff at /admin/staff";
              case KYC_SUPERVISOR -> "approve high-risk results and overrides at /checks/approvals";
              default -> "work the queue at /checks: claim, check, complete, decide";
            }));
  }

  private DemoCredentials.Account person(String tag, DevMailboxClient mailbox) {
    String email = DemoData.personAddress(tag);
    String password = passwords.forAddress(email);
    UUID id = signUpVerified(AccountKind.PERSON, email, password, mailbox);
    save(id, AccountKind.PERSON, DemoData.person(email));
    give(id, AccountKind.PERSON, PERSON_CONSENTS);
    return new DemoCredentials.Account(
        "Person (natural person): Anna Maria Eriksson",
        email,
        password,
        List.of(
            "account made, email address verified",
            "personal data",
            "consents given: " + names(PERSON_CONSENTS)),
        List.of(
            "identity document (passport page, or both sides of an identity card)",
            "consents: " + names(missing(PERSON_CONSENTS)),
            "submission"));
  }

  private DemoCredentials.Account company(String tag, DevMailboxClient mailbox) {
    String email = DemoData.companyAddress(tag);
    String password = passwords.forAddress(email);
    UUID id = signUpVerified(AccountKind.LEGAL_ENTITY, email, password, mailbox);
    save(id, AccountKind.LEGAL_ENTITY, DemoData.company(email));
    uploadPassportPage(id, AccountKind.LEGAL_ENTITY);
    give(id, AccountKind.LEGAL_ENTITY, COMPANY_CONSENTS);
    return new DemoCredentials.Account(
        "Company (legal entity): Muster Demo AG, acting: Erika Mustermann",
        email,
        password,
        List.of(
            "account made, email address verified",
            "company data and the data of the person acting for it",
            "beneficial owners: Form K with two controlling persons (60 % and 40 %)",
            "identity document of the person acting: passport page (a drawn specimen)",
            "consents given: " + names(COMPANY_CONSENTS)),
        List.of(
            "commercial-register extract",
            "consents: " + names(missing(COMPANY_CONSENTS)),
            "submission"));
  }

  private UUID signUpVerified(
      AccountKind kind, String email, String password, DevMailboxClient mailbox) {
    if (accounts.signUp(kind.apiName(), email, password, Locale.ENGLISH)
        instanceof SignUpResult.Invalid invalid) {
      throw new IllegalStateException(
          "the demo "
              + kind.apiName()
              + "'s sign-up was refused: "
              + invalid.errors().stream().map(SignUpResult.FieldProblem::code).toList());
    }
    return switch (accounts.verifyEmail(mailbox.verificationToken(email))) {
      case VerificationResult.Verified verified -> verified.accountId();
      case VerificationResult.Refused refused ->
          throw new IllegalStateException(
              "the demo " + kind.apiName() + "'s verification was refused: " + refused.reason());
    };
  }

  private void save(UUID accountId, AccountKind kind, ProfileForm form) {
    if (files.save(accountId, kind, form) instanceof Validation.Invalid<?> invalid) {
      throw new IllegalStateException(
          "the demo "
              + kind.apiName()
              + "'s KYC data was refused: "
              + invalid.errors().stream().map(e -> e.field() + " " + e.key()).toList());
    }
  }

  private void give(UUID accountId, AccountKind kind, List<ConsentKind> given) {
    for (ConsentKind consent : given) {
      if (consents.give(accountId, kind, consent.apiName(), consent.currentVersion(), null)
          instanceof ConsentResult.Refused refused) {
        throw new IllegalStateException(
            "the demo consent " + consent.apiName() + " was refused: " + refused.code());
      }
    }
  }

  private void uploadPassportPage(UUID accountId, AccountKind kind) {
    IntakeResult result =
        intake.intake(
            DemoData.passportPage(), DocumentKind.PASSPORT_PAGE, "passport-page.png", "image/png");
    if (!(result instanceof IntakeResult.Accepted accepted)) {
      throw new IllegalStateException("the intake refused the demo passport page: " + result);
    }
    StoreResult stored = documents.store(subjects.of(accountId, kind), accepted.document());
    if (!(stored instanceof StoreResult.Stored)) {
      throw new IllegalStateException("the demo passport page was not stored: " + stored);
    }
  }

  /** The required consents not in {@code given}. */
  private static List<ConsentKind> missing(List<ConsentKind> given) {
    return Arrays.stream(ConsentKind.values())
        .filter(ConsentKind::required)
        .filter(kind -> !given.contains(kind))
        .toList();
  }

  private static String names(List<ConsentKind> kinds) {
    return kinds.stream().map(ConsentKind::apiName).collect(Collectors.joining(", "));
  }
}
