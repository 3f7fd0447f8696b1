package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.contracts.sharing.SharingRecords;
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.identity.Role;
import org.trademap.server.kyc.ConsentKind;
import org.trademap.server.kyc.ConsentResult;
import org.trademap.server.kyc.Consents;
import org.trademap.server.kyc.KycFiles;
import org.trademap.server.kyc.Subject;
import org.trademap.server.kyc.SubjectRef;
import org.trademap.server.kyc.Subjects;
import org.trademap.server.kyc.documents.DocumentKinds;
import org.trademap.server.kyc.documents.OpenResult;
import org.trademap.server.kyc.documents.StoredDocument;
import org.trademap.server.kyc.documents.StoredDocuments;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxEntry;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;
import org.trademap.server.sharing.ownchecks.ApprovalRule;
import org.trademap.server.vault.Decrypted;
import org.trademap.server.vault.Vault;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account-opening applications: the person applies at a company (consent scoped to it and to the
 * purpose), the consortium assembles the KYC package and seals it to that company only, the ledger
 * records the application and the package hash ({@code kyc-sharing}), the company opens the package
 * only after verifying it against the ledger, and records its decision. See ADR 0023.
 */
@Service
class Applications {
  static final String PURPOSE = SharingCalls.ACCOUNT_OPENING;
  static final String REASON_PURPOSE = "sharing.decision-reason";
  static final int MAX_REASON = 2000;
  private static final Logger log = LoggerFactory.getLogger(Applications.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HexFormat HEX = HexFormat.of();

  /**
   * An application as its person and its company see it.
   *
   * @param id the application
   * @param companyId the designated company
   * @param companyName its name
   * @param purpose {@code account-opening}
   * @param consentVersion the consent text's version
   * @param state applied, approved, rejected or withdrawn (lower case)
   * @param ledger where the ledger stands
   * @param appliedAt when
   * @param withdrawnAt when withdrawn, or null
   * @param decidedAt when decided, or null
   */
  record View(
      UUID id,
      String companyId,
      String companyName,
      String purpose,
      String consentVersion,
      String state,
      LedgerView ledger,
      Instant appliedAt,
      @Nullable Instant withdrawnAt,
      @Nullable Instant decidedAt) {}

  /**
   * The application's status as its recorded ledger transactions say.
   *
   * @param applicationRef its reference on the ledger
   * @param status the status the last recorded transaction set ({@code applied}, {@code shared},
   *     {@code approved}, {@code rejected}, {@code withdrawn}), or {@code pending} before the first
   * @param pending whether a transaction is still waiting to be recorded
   * @param transactions the recorded transactions (64 hex digits each), oldest first
   * @param refusedShares how many shares the contract refused for it (alerts)
   */
  record LedgerView(
      String applicationRef,
      String status,
      boolean pending,
      List<String> transactions,
      int refusedShares) {}

  /**
   * How a package was verified before it was shown.
   *
   * @param shareTransaction the {@code share} transaction that recorded it
   * @param height its block
   * @param packageHash SHA-256 of the sealed package, equal to the ledger's
   * @param recipientCommitment the ledger's recipient commitment, equal to this company's
   * @param checksConfirmed how many check results were found on the ledger as the package says
   */
  record Verification(
      String shareTransaction,
      long height,
      String packageHash,
      String recipientCommitment,
      int checksConfirmed) {}

  /**
   * An opened, verified package.
   *
   * @param application the application
   * @param verification what was verified
   * @param kycPackage the package
   */
  record Opened(
      View application,
      Verification verification,
      KycPackage kycPackage,
      List<SignedStep> ledgerSteps) {}

  /**
   * One recorded step of an application on the ledger with the node that signed it (JPX ②-A): the
   * company sees that every status change was made by the consortium (or, for the decision, by
   * itself), and that each signature still verifies.
   *
   * @param method {@code apply}, {@code share}, {@code update}, {@code decide} or {@code withdraw}
   * @param status the status after it, or {@code refused} for a share the contract refused
   * @param transaction the transaction (64 hex digits)
   * @param height its block
   * @param signer the member id of the signing node, {@code unknown} if the genesis has none
   * @param signerRole its role, {@code unknown} likewise
   * @param signerKey the signing Ed25519 public key (hex)
   * @param signatureValid the signature verified again over the transaction as the ledger holds it
   */
  record SignedStep(
      String method,
      String status,
      String transaction,
      long height,
      String signer,
      String signerRole,
      String signerKey,
      boolean signatureValid) {}

  private final SharingRepository repository;
  private final Companies companies;
  private final LedgerChecks checks;
  private final SharingChannels channels;
  private final LedgerGateway ledger;
  private final Outbox outbox;
  private final Subjects subjects;
  private final KycFiles files;
  private final Consents consents;
  private final StoredDocuments documents;
  private final Vault vault;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApprovalRule ownChecks;
  private final SecureRandom random = new SecureRandom();

  /** On a company's own server (role {@code company}): its received packages. */
  private final Optional<ReceivedPackages> received;

  Applications(
      DataSource dataSource,
      Companies companies,
      LedgerChecks checks,
      SharingChannels channels,
      LedgerGateway ledger,
      Outbox outbox,
      Subjects subjects,
      KycFiles files,
      Consents consents,
      StoredDocuments documents,
      Vault vault,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock,
      SharingProperties properties,
      ReceivedPackages received,
      ApprovalRule ownChecks) {
    this.repository = new SharingRepository(dataSource);
    this.companies = companies;
    this.checks = checks;
    this.channels = channels;
    this.ledger = ledger;
    this.outbox = outbox;
    this.subjects = subjects;
    this.files = files;
    this.consents = consents;
    this.documents = documents;
    this.vault = vault;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.received =
        properties.role() == SharingProperties.Role.COMPANY
            ? Optional.of(received)
            : Optional.empty();
    this.ownChecks = ownChecks;
  }

  // ---- the person ------------------------------------------------------------------------------

  /** The account's applications, oldest first. */
  List<View> mine(UUID accountId) {
    return repository.applicationsOfAccount(accountId).stream().map(this::view).toList();
  }

  /** Whether the account may apply: its KYC approval is on the ledger. */
  boolean approved(UUID accountId) {
    return subjects.forAccount(accountId).map(s -> checks.approved(s.ref().value())).orElse(false);
  }

  /**
   * Applies at a company: records the scoped consent, the application and its package in one
   * transaction, and enqueues {@code apply} and {@code share} for the ledger.
   *
   * @param consentVersion the version of the sharing consent text the person accepted
   */
  SharingResult<View> apply(
      SignedIn user, @Nullable String companyId, @Nullable String consentVersion) {
    Optional<Company> company = companies.find(companyId);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "sharing.unknown-company");
    }
    if (!ConsentKind.SHARING.currentVersion().equals(consentVersion)) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "sharing.consent-required");
    }
    Optional<Subject> subject = subjects.forAccount(user.accountId());
    if (user.role() != Role.USER
        || subject.isEmpty()
        || !checks.approved(subject.get().ref().value())) {
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.not-approved");
    }
    if (repository.hasLiveApplication(user.accountId(), company.get().id())) {
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.duplicate");
    }
    Optional<String> channel = channels.held(company.get().id());
    if (channel.isEmpty()) {
      log.warn(
          "account {}: company {} has no sharing channel ({}) on this node; nothing recorded",
          user.accountId(),
          company.get().id(),
          channels.of(company.get().id()));
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.company-channel-missing");
    }
    Instant now = clock.instant();
    Application application =
        new Application(
            UUID.randomUUID(),
            newRef(),
            user.accountId(),
            subject.get().ref().value(),
            company.get().id(),
            randomBytes(32),
            PURPOSE,
            ConsentKind.SHARING.currentVersion(),
            ApplicationState.APPLIED,
            now,
            null,
            null,
            null);
    SharingResult<View> result =
        inTransaction(
            () -> {
              if (!repository.insertApplication(application)) {
                return SharingResult.<View>refused(HttpStatus.CONFLICT, "sharing.duplicate");
              }
              if (consents.give(
                      user.accountId(),
                      user.kind(),
                      ConsentKind.SHARING.apiName(),
                      application.consentVersion(),
                      scope(application.companyId()))
                  instanceof ConsentResult.Refused refused) {
                throw new IllegalStateException("sharing consent refused: " + refused.code());
              }
              outbox.enqueue(
                  channel.get(),
                  "sharing/apply/" + application.ref(),
                  SharingRegistry.ID,
                  SharingRegistry.VERSION,
                  SharingRegistry.APPLY,
                  SharingCalls.apply(
                      application.ref(),
                      application.subjectRef(),
                      SharingCalls.recipientCommitment(application.salt(), application.companyId()),
                      PURPOSE,
                      application.consentVersion()));
              share(application, company.get(), user.kind(), subject.get());
              return new SharingResult.Done<>(view(application));
            });
    if (result instanceof SharingResult.Done<View>) {
      log.info(
          "account {} applied at company {} (application {})",
          user.accountId(),
          application.companyId(),
          application.id());
    }
    return result;
  }

  /** Withdraws the consent of an application not decided yet; the package is no longer served. */
  SharingResult<View> withdraw(SignedIn user, UUID applicationId) {
    return inTransaction(
        () -> {
          Optional<Application> found =
              repository
                  .lockApplication(applicationId)
                  .filter(a -> a.accountId().equals(user.accountId()));
          if (found.isEmpty()) {
            return SharingResult.<View>refused(
                HttpStatus.NOT_FOUND, "sharing.application-not-found");
          }
          Application a = found.get();
          if (a.state() != ApplicationState.APPLIED) {
            return SharingResult.<View>refused(HttpStatus.CONFLICT, "sharing.not-withdrawable");
          }
          repository.withdraw(a.id(), clock.instant());
          consents.withdraw(
              user.accountId(), user.kind(), ConsentKind.SHARING.apiName(), scope(a.companyId()));
          outbox.enqueue(
              channels.of(a.companyId()),
              "sharing/withdraw/" + a.ref(),
              SharingRegistry.ID,
              SharingRegistry.VERSION,
              SharingRegistry.WITHDRAW,
              SharingCalls.withdraw(a.ref()));
          log.info("account {} withdrew application {}", user.accountId(), a.id());
          return new SharingResult.Done<>(view(repository.application(a.id()).orElseThrow()));
        });
  }

  /**
   * Seals a package of the application for a company and enqueues its {@code share}. Normally the
   * designated company; given another one, the contract refuses the share and raises an alert (JPX
   * ①-C), which is how that rule is tested.
   */
  void shareTo(UUID applicationId, String companyId) {
    Application a = repository.application(applicationId).orElseThrow();
    Company company = companies.find(companyId).orElseThrow();
    Subject subject = subjects.byRef(new SubjectRef(a.subjectRef())).orElseThrow();
    inTransaction(
        () -> {
          share(a, company, subject.kind(), subject);
          return new SharingResult.Done<>(a.id());
        });
  }

  /**
   * Seals an updated package of an application that holds one (③-D: the person's data changed or a
   * re-KYC finished) for its designated company and enqueues its {@code update}; to be called in
   * the caller's transaction.
   *
   * @return the new package
   */
  UUID reshare(Application a) {
    Company company = companies.find(a.companyId()).orElseThrow();
    Subject subject = subjects.byRef(new SubjectRef(a.subjectRef())).orElseThrow();
    return seal(a, company, subject.kind(), subject, true);
  }

  private void share(Application a, Company company, AccountKind kind, Subject subject) {
    seal(a, company, kind, subject, false);
  }

  /** Seals a package and enqueues {@code share}, or {@code update} (contract version 2). */
  private UUID seal(
      Application a, Company company, AccountKind kind, Subject subject, boolean update) {
    byte[] plaintext = JSON.writeValueAsBytes(assemble(a, company, kind, subject));
    byte[] sealed =
        Hpke.seal(company.publicKey(), a.ref().getBytes(StandardCharsets.US_ASCII), plaintext);
    byte[] hash = sha256(sealed);
    UUID packageId = UUID.randomUUID();
    String key = (update ? "sharing/update/" : "sharing/share/") + packageId;
    repository.insertPackage(
        new SharingRepository.PackageRow(
            packageId, a.id(), company.id(), sealed, hash, key, clock.instant()));
    // On the application's channel, also when the package is sealed to another company: the
    // contract refuses that share (an alert) only where the application is.
    outbox.enqueue(
        channels.of(a.companyId()),
        key,
        SharingRegistry.ID,
        update ? SharingRegistry.UPDATE_VERSION : SharingRegistry.VERSION,
        update ? SharingRegistry.UPDATE : SharingRegistry.SHARE,
        SharingCalls.share(
            a.ref(), SharingCalls.recipientCommitment(a.salt(), company.id()), hash));
    return packageId;
  }

  private KycPackage assemble(Application a, Company company, AccountKind kind, Subject subject) {
    List<KycPackage.Document> docs = new ArrayList<>();
    for (StoredDocument d : documents.list(subject.id())) {
      if (documents.open(subject.id(), d.id()) instanceof OpenResult.Content content) {
        byte[] bytes = content.bytes();
        docs.add(
            new KycPackage.Document(
                DocumentKinds.apiName(d.kind()),
                d.type().mediaType(),
                HEX.formatHex(sha256(bytes)),
                Base64.getEncoder().encodeToString(bytes)));
      }
    }
    return new KycPackage(
        KycPackage.FORMAT,
        a.ref(),
        a.subjectRef(),
        company.id(),
        a.purpose(),
        a.consentVersion(),
        clock.instant(),
        JSON.valueToTree(files.profile(subject.accountId(), kind)),
        docs,
        checks.of(a.subjectRef()));
  }

  // ---- the company -----------------------------------------------------------------------------

  /**
   * A package whose {@code share} or {@code update} committed.
   *
   * @param row the package
   * @param status where its transaction was committed
   * @param channel the channel its outbox entry named, null for the node's default channel
   */
  record Committed(
      SharingRepository.PackageRow row, OutboxStatus.Committed status, @Nullable String channel) {}

  /**
   * The newest package of the application whose hash the ledger holds: an update (③-D) still on its
   * way, or one the ledger refused, leaves the earlier package in force.
   */
  Optional<Committed> committedPackage(Application a) {
    for (SharingRepository.PackageRow candidate : repository.packagesFor(a.id(), a.companyId())) {
      Optional<Committed> c = committed(candidate);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** The package with where its transaction committed; empty while pending or if refused. */
  Optional<Committed> committed(SharingRepository.PackageRow row) {
    Optional<OutboxEntry> entry = outbox.find(row.outboxKey());
    if (entry.isPresent() && entry.get().status() instanceof OutboxStatus.Committed c) {
      return Optional.of(new Committed(row, c, entry.get().channel()));
    }
    return Optional.empty();
  }

  /** The applications of the staff member's company, newest first; refused for other accounts. */
  SharingResult<List<View>> inbox(SignedIn staff) {
    if (received.isPresent()) {
      return received.get().inbox(staff);
    }
    Optional<String> company = companyOf(staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    return new SharingResult.Done<>(
        repository.applicationsOfCompany(company.get()).stream().map(this::view).toList());
  }

  /**
   * Opens the package of an application of the staff member's company, after verifying it against
   * the ledger: the {@code share} transaction names this application, this company's commitment and
   * the SHA-256 of exactly these sealed bytes; the package opens with the company's key and names
   * this application; its check history is the ledger's. Anyone else gets 404.
   */
  SharingResult<Opened> open(SignedIn staff, UUID applicationId) {
    if (received.isPresent()) {
      return received.get().open(staff, applicationId);
    }
    Optional<Application> application = companyApplication(staff, applicationId);
    if (application.isEmpty()) {
      return SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.application-not-found");
    }
    Application a = application.get();
    if (a.state() == ApplicationState.WITHDRAWN) {
      return SharingResult.refused(HttpStatus.GONE, "sharing.withdrawn");
    }
    Optional<Committed> found = committedPackage(a);
    if (found.isEmpty()) {
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.package-pending");
    }
    String channel = found.get().channel();
    OutboxStatus.Committed committed = found.get().status();
    // A read that decides: after a read barrier on the channel that recorded the share, so this
    // node has applied it even if another node leads the channel.
    if (channel == null) {
      ledger.sync();
    } else if (ledger.holds(channel)) {
      ledger.sync(channel);
    }
    byte[] sealed = found.get().row().sealed();
    if (sealed == null) {
      return altered(a);
    }
    byte[] commitment = SharingCalls.recipientCommitment(a.salt(), a.companyId());
    Optional<SharingRecords.Share> share =
        PackageVerifier.share(
            ledger.transaction(channel, committed.txId()), a.ref(), commitment, sealed);
    if (share.isEmpty()) {
      return altered(a);
    }
    Optional<KycPackage> opened =
        PackageVerifier.unseal(companies.keys(a.companyId()), a.ref(), a.companyId(), sealed);
    if (opened.isEmpty() || !opened.get().subjectRef().equals(a.subjectRef())) {
      return altered(a);
    }
    KycPackage kycPackage = opened.get();
    if (!checks.matches(a.subjectRef(), kycPackage.checks())) {
      log.warn("application {}: the package's check history differs from the ledger", a.id());
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.history-altered");
    }
    Recorded recorded = recorded(a);
    List<SignedStep> steps = PackageVerifier.steps(ledger.genesis(), recorded.transactions());
    if (steps.stream().anyMatch(step -> !step.signatureValid())) {
      log.warn("application {}: a ledger step's signature does not verify", a.id());
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.signature-invalid");
    }
    log.info(
        "company staff {} opened the verified package of application {}",
        staff.accountId(),
        a.id());
    return new SharingResult.Done<>(
        new Opened(
            view(a, recorded),
            new Verification(
                committed.txId().hex(),
                committed.height(),
                HEX.formatHex(share.get().packageHash()),
                HEX.formatHex(commitment),
                kycPackage.checks().size()),
            kycPackage,
            steps));
  }

  /**
   * Records the company's decision, after the package verified; only approvers decide.
   *
   * @param decision {@code approve} or {@code reject}
   * @param reason required when rejecting; sealed under the subject's vault key
   */
  SharingResult<View> decide(
      SignedIn staff, UUID applicationId, @Nullable String decision, @Nullable String reason) {
    SharingResult<Decision> checked =
        checkDecision(open(staff, applicationId), staff, decision, reason);
    if (checked instanceof SharingResult.Refused<Decision> refused) {
      return SharingResult.refused(refused.status(), refused.code(), refused.properties());
    }
    Decision d = ((SharingResult.Done<Decision>) checked).value();
    // The company's own checks (ASF list, suitability) must be recorded and clear to approve, on
    // the consortium-hosted console and on a company's own server alike.
    Optional<String> ownChecksRefusal =
        d.approve()
            ? ownChecks.refusal(applicationId, companyOf(staff).orElseThrow())
            : Optional.empty();
    if (ownChecksRefusal.isPresent()) {
      return SharingResult.refused(HttpStatus.CONFLICT, ownChecksRefusal.get());
    }
    if (received.isPresent()) {
      return received.get().decide(staff, applicationId, d);
    }
    boolean approve = d.approve();
    String text = d.reason();
    return inTransaction(
        () -> {
          Application a = repository.lockApplication(applicationId).orElseThrow();
          if (a.state() != ApplicationState.APPLIED) {
            return SharingResult.<View>refused(HttpStatus.CONFLICT, "sharing.already-decided");
          }
          Subject subject = subjects.byRef(new SubjectRef(a.subjectRef())).orElseThrow();
          byte[] sealedReason =
              vault.encrypt(
                  subject.id(),
                  REASON_PURPOSE + ":" + a.id(),
                  text.getBytes(StandardCharsets.UTF_8));
          repository.decide(
              a.id(),
              approve ? ApplicationState.APPROVED : ApplicationState.REJECTED,
              staff.accountId(),
              clock.instant(),
              sealedReason);
          enqueueDecide(outbox, channels.of(a.companyId()), a.ref(), approve);
          log.info(
              "company staff {} decided application {}: {}", staff.accountId(), a.id(), decision);
          return new SharingResult.Done<>(view(repository.application(a.id()).orElseThrow()));
        });
  }

  /**
   * A valid decision.
   *
   * @param approve approve or reject
   * @param reason the stripped reason, empty when none was given
   */
  record Decision(boolean approve, String reason) {}

  /**
   * Checks a decision request after the package was opened: only approvers decide, the decision is
   * {@code approve} or {@code reject}, a refusal needs a reason, a reason is at most {@value
   * #MAX_REASON} characters.
   */
  static SharingResult<Decision> checkDecision(
      SharingResult<Opened> opened,
      SignedIn staff,
      @Nullable String decision,
      @Nullable String reason) {
    if (opened instanceof SharingResult.Refused<Opened> refused) {
      return SharingResult.refused(refused.status(), refused.code(), refused.properties());
    }
    if (staff.role() != Role.COMPANY_APPROVER) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "sharing.approver-only");
    }
    boolean approve = "approve".equals(decision);
    if (!approve && !"reject".equals(decision)) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "sharing.unknown-decision");
    }
    String text = reason == null ? "" : reason.strip();
    if ((!approve && text.isEmpty()) || text.length() > MAX_REASON) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "sharing.reason-required");
    }
    return new SharingResult.Done<>(new Decision(approve, text));
  }

  /** The decision's reason, for the company that decided. */
  Optional<String> decisionReason(SignedIn staff, UUID applicationId) {
    if (received.isPresent()) {
      return received.get().decisionReason(staff, applicationId);
    }
    Optional<Application> a = companyApplication(staff, applicationId);
    if (a.isEmpty()) {
      return Optional.empty();
    }
    Optional<Subject> subject = subjects.byRef(new SubjectRef(a.get().subjectRef()));
    return repository
        .decisionReason(applicationId)
        .flatMap(
            stored ->
                subject.flatMap(
                    s ->
                        vault.decrypt(s.id(), REASON_PURPOSE + ":" + applicationId, stored)
                                instanceof Decrypted.Plaintext p
                            ? Optional.of(new String(p.bytes(), StandardCharsets.UTF_8))
                            : Optional.empty()));
  }

  static Optional<String> companyOf(Companies companies, SignedIn staff) {
    if (staff.role() != Role.COMPANY_REVIEWER && staff.role() != Role.COMPANY_APPROVER) {
      return Optional.empty();
    }
    return companies.companyOf(staff.accountId());
  }

  private Optional<String> companyOf(SignedIn staff) {
    return companyOf(companies, staff);
  }

  private Optional<Application> companyApplication(SignedIn staff, UUID applicationId) {
    Optional<String> company = companyOf(staff);
    // A company with its own server (ADR 0035) works there: this server has no key to open with.
    return company.flatMap(
        c ->
            repository
                .application(applicationId)
                .filter(a -> a.companyId().equals(c) && companies.holdsKey(c)));
  }

  private static <T> SharingResult<T> altered(Application a) {
    log.warn("application {}: the package does not match the ledger; refused", a.id());
    return SharingResult.refused(HttpStatus.CONFLICT, "sharing.package-altered");
  }

  // ---- views -----------------------------------------------------------------------------------

  View view(Application a) {
    return view(a, recorded(a));
  }

  /** The view, with the application's ledger transactions already read. */
  private View view(Application a, Recorded recorded) {
    String companyName = companies.find(a.companyId()).map(Company::name).orElse(a.companyId());
    return new View(
        a.id(),
        a.companyId(),
        companyName,
        a.purpose(),
        a.consentVersion(),
        a.state().name().toLowerCase(java.util.Locale.ROOT),
        ledgerView(a, recorded),
        a.appliedAt(),
        a.withdrawnAt(),
        a.decidedAt());
  }

  private LedgerView ledgerView(Application a, Recorded recorded) {
    return PackageVerifier.ledgerView(a.ref(), recorded.transactions(), recorded.pending());
  }

  /**
   * The accepted transactions of an application in ledger order, and whether one is still on its
   * way.
   */
  private record Recorded(List<TransactionRecord> transactions, boolean pending) {}

  private Recorded recorded(Application a) {
    List<String> keys = new ArrayList<>();
    keys.add("sharing/apply/" + a.ref());
    keys.addAll(repository.shareKeys(a.id()));
    keys.add("sharing/decide/" + a.ref());
    keys.add("sharing/withdraw/" + a.ref());
    boolean pending = false;
    List<TransactionRecord> txs = new ArrayList<>();
    // Trust model a with the company's own server: its decide, signed by its node (ADR 0035).
    Optional<String> companyDecision = repository.decisionTx(a.id());
    if (companyDecision.isPresent()) {
      ledger
          .transaction(channels.of(a.companyId()), Hash.ofHex(companyDecision.get()))
          .filter(tx -> tx.receipt().accepted())
          .ifPresent(txs::add);
    }
    for (String key : keys) {
      Optional<OutboxEntry> entry = outbox.find(key);
      if (entry.isEmpty()) {
        continue;
      }
      switch (entry.get().status()) {
        case OutboxStatus.Pending p -> pending = true;
        case OutboxStatus.Rejected r -> {}
        case OutboxStatus.Committed c -> {
          Optional<TransactionRecord> tx = ledger.transaction(entry.get().channel(), c.txId());
          if (tx.isPresent() && tx.get().receipt().accepted()) {
            txs.add(tx.get());
          }
        }
      }
    }
    txs.sort(
        java.util.Comparator.comparingLong(TransactionRecord::height)
            .thenComparingInt(TransactionRecord::index));
    return new Recorded(txs, pending);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /**
   * Enqueues the {@code decide} of an application on its channel, in the caller's transaction;
   * signed by this server's node key when recorded.
   */
  static void enqueueDecide(Outbox outbox, String channel, String applicationRef, boolean approve) {
    outbox.enqueue(
        channel,
        "sharing/decide/" + applicationRef,
        SharingRegistry.ID,
        SharingRegistry.VERSION,
        SharingRegistry.DECIDE,
        SharingCalls.decide(applicationRef, approve));
  }

  /** The scope of the sharing consent: the purpose and the company. */
  static String scope(String companyId) {
    return PURPOSE + ":" + companyId;
  }

  private String newRef() {
    return "app-" + HEX.formatHex(randomBytes(16));
  }

  private byte[] randomBytes(int n) {
    byte[] out = new byte[n];
    random.nextBytes(out);
    return out;
  }

  static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  private <T> SharingResult<T> inTransaction(Supplier<SharingResult<T>> work) {
    return Objects.requireNonNull(transaction.execute(status -> work.get()));
  }
}
