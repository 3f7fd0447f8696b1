package org.trademap.server.sharing;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
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
import org.trademap.contracts.sharing.SharingRegistry;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxEntry;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;

/**
 * The consortium's relay for securities companies with a server of their own (ADR 0035). Every
 * request is signed by the company node's Ed25519 key, checked against that member's key in the
 * genesis document, fresh (timestamp within {@link RelaySignatures#WINDOW}) and not replayed (nonce
 * seen once). Through it a company registers its HPKE public key, fetches the packages sealed to it
 * (only its own) and its change notices, reports notices handled, and reports its decisions: in
 * trust model a its own {@code decide} transaction, confirmed on this node's replica; in model b a
 * decision statement signed by its node, after which this server records {@code decide} on the
 * consortium-wide channel.
 */
@Service
class Relay {
  private static final Logger log = LoggerFactory.getLogger(Relay.class);
  private static final HexFormat HEX = HexFormat.of();

  /**
   * A verified caller.
   *
   * @param member its genesis member
   * @param company the company it runs the server of
   */
  record Caller(Genesis.Member member, SharingProperties.CompanyConfig company) {}

  /**
   * A key registration.
   *
   * @param publicKey the company's X25519 public key (64 hex digits)
   */
  record KeyRegistration(@Nullable String publicKey) {}

  /**
   * A registered key.
   *
   * @param companyId the company
   * @param publicKey its public key (hex)
   */
  record Registered(String companyId, String publicKey) {}

  /** How many entries one list answer holds at most. */
  static final int PAGE = 100;

  /** How many applications one state query may name. */
  static final int MAX_STATES = 1000;

  /**
   * A package waiting for the company.
   *
   * @param id the package
   * @param applicationId its application
   * @param cursor the list's position after it
   */
  record Listed(UUID id, UUID applicationId, String cursor) {}

  /**
   * A part of one of the relay's lists, oldest first.
   *
   * @param items the entries after the cursor asked for (at most {@link #PAGE})
   * @param next the cursor to ask with next time; the one asked with (or null) if nothing is new
   * @param <T> the entries' type
   */
  record Page<T>(List<T> items, @Nullable String next) {}

  /**
   * A change notice (③-D) for the company.
   *
   * @param id the notice
   * @param applicationId the application (account) it is about
   * @param kind {@code personal-data-changed}, {@code rekyc-approved} or {@code rekyc-rejected}
   * @param createdAt when
   * @param packageId the updated package that came with it, listed among the packages; null if the
   *     person's sharing consent was withdrawn (or the ledger refused the update)
   * @param cursor the list's position after it
   */
  record RelayedNotice(
      UUID id,
      UUID applicationId,
      String kind,
      Instant createdAt,
      @Nullable UUID packageId,
      String cursor) {}

  /**
   * A question about the state of some of the company's applications.
   *
   * @param applicationIds the applications
   */
  record StateQuery(@Nullable List<UUID> applicationIds) {}

  /**
   * An application's state.
   *
   * @param applicationId the application
   * @param state applied, approved, rejected or withdrawn
   */
  record State(UUID applicationId, String state) {}

  /**
   * A package with what the company needs to verify it on its own node.
   *
   * @param id the package
   * @param applicationId its application
   * @param applicationRef the application's ledger reference
   * @param purpose what the person consented to
   * @param consentVersion the consent text's version
   * @param appliedAt when the person applied
   * @param recipientSalt the salt of the company's recipient commitment (hex)
   * @param channel the channel of the application's records
   * @param shareTransaction the transaction that recorded this package's hash (hex)
   * @param transactions the application's transactions recorded by the consortium (hex), in order
   * @param sealed the sealed package (base64)
   */
  record Delivery(
      UUID id,
      UUID applicationId,
      String applicationRef,
      String purpose,
      String consentVersion,
      Instant appliedAt,
      String recipientSalt,
      String channel,
      String shareTransaction,
      List<String> transactions,
      String sealed) {}

  /**
   * A company's decision.
   *
   * @param decision {@code approve} or {@code reject}
   * @param transaction trust model a: the company's {@code decide} transaction (hex)
   * @param packageHash trust model b: SHA-256 of the sealed package the decision is about (hex)
   * @param statement trust model b: the company node's signature of the decision (base64)
   */
  record DecisionReport(
      @Nullable String decision,
      @Nullable String transaction,
      @Nullable String packageHash,
      @Nullable String statement) {}

  /**
   * The application after the decision.
   *
   * @param applicationId the application
   * @param state approved or rejected
   */
  record Decided(UUID applicationId, String state) {}

  private final SharingRepository repository;
  private final SharingProperties properties;
  private final Companies companies;
  private final Applications applications;
  private final ChangeNotices notices;
  private final SharingChannels channels;
  private final LedgerGateway ledger;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;

  Relay(
      DataSource dataSource,
      SharingProperties properties,
      Companies companies,
      Applications applications,
      ChangeNotices notices,
      SharingChannels channels,
      LedgerGateway ledger,
      Outbox outbox,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new SharingRepository(dataSource);
    this.properties = properties;
    this.companies = companies;
    this.applications = applications;
    this.notices = notices;
    this.channels = channels;
    this.ledger = ledger;
    this.outbox = outbox;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** Whether this server runs the relay (role {@code consortium}). */
  boolean serving() {
    return properties.role() == SharingProperties.Role.CONSORTIUM;
  }

  /**
   * Checks a signed request: known member, valid signature, fresh, not replayed, a securities
   * company with its own server configured here. Nothing changes for a refused request (its nonce
   * is noted only once the signature verified).
   */
  SharingResult<Caller> authenticate(
      String method,
      String path,
      @Nullable String member,
      @Nullable String timestamp,
      @Nullable String nonce,
      @Nullable String signature,
      byte[] body) {
    Optional<RelaySignatures.Signed> signed =
        RelaySignatures.parse(member, timestamp, nonce, signature);
    if (signed.isEmpty()) {
      return SharingResult.refused(HttpStatus.UNAUTHORIZED, "relay.unsigned");
    }
    RelaySignatures.Signed s = signed.get();
    Optional<Genesis.Member> known = ledger.genesis().member(s.member());
    if (known.isEmpty()) {
      log.warn("relay: request from unknown member refused");
      return SharingResult.refused(HttpStatus.UNAUTHORIZED, "relay.unknown-member");
    }
    byte[] message = RelaySignatures.requestMessage(method, path, s.timestamp(), s.nonce(), body);
    if (!RelaySignatures.verifies(known.get().key(), message, s.signature())) {
      log.warn("relay: request signed as {} does not verify; refused", s.member());
      return SharingResult.refused(HttpStatus.UNAUTHORIZED, "relay.signature-invalid");
    }
    Instant now = clock.instant();
    if (!RelaySignatures.fresh(s.timestamp(), now)) {
      return SharingResult.refused(HttpStatus.UNAUTHORIZED, "relay.stale");
    }
    if (!repository.firstUseOfNonce(
        s.member(), s.nonce(), now, now.minus(RelaySignatures.WINDOW.multipliedBy(2)))) {
      log.warn("relay: replayed request of {} refused", s.member());
      return SharingResult.refused(HttpStatus.UNAUTHORIZED, "relay.replayed");
    }
    if (!known.get().role().equals(SharingRegistry.COMPANY_ROLE)) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "relay.not-a-company");
    }
    Optional<SharingProperties.CompanyConfig> company =
        properties.companies().stream()
            .filter(c -> c.ownServer() && c.ledgerMember().equals(s.member()))
            .findFirst();
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "relay.no-company");
    }
    return new SharingResult.Done<>(new Caller(known.get(), company.get()));
  }

  /** Stores the company's public key (replacing an earlier one). */
  SharingResult<Registered> register(Caller caller, KeyRegistration body) {
    byte[] key;
    try {
      key = HEX.parseHex(Objects.requireNonNullElse(body.publicKey(), ""));
    } catch (IllegalArgumentException e) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "relay.invalid-key");
    }
    if (key.length != 32 || Arrays.equals(key, new byte[32])) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "relay.invalid-key");
    }
    companies.register(caller.company(), key);
    return new SharingResult.Done<>(new Registered(caller.company().id(), HEX.formatHex(key)));
  }

  /**
   * The company's packages whose hash the ledger holds, oldest first, after the cursor. The list
   * stops before a package whose transaction is still on its way, so the cursor never passes a
   * package that is listed later.
   */
  SharingResult<Page<Listed>> packages(Caller caller, @Nullable String after) {
    Optional<RelayCursor> from;
    try {
      from = RelayCursor.parse(after);
    } catch (IllegalArgumentException e) {
      return SharingResult.refused(HttpStatus.BAD_REQUEST, "relay.invalid-cursor");
    }
    List<Listed> out = new ArrayList<>();
    String next = after;
    for (SharingRepository.PackageRow row :
        repository.packagesOfCompany(caller.company().id(), from, PAGE)) {
      Optional<OutboxStatus> status = outbox.find(row.outboxKey()).map(OutboxEntry::status);
      if (status.isPresent() && status.get() instanceof OutboxStatus.Pending) {
        break;
      }
      next = new RelayCursor(row.createdAt(), row.id()).encode();
      if (status.isPresent() && status.get() instanceof OutboxStatus.Committed) {
        out.add(new Listed(row.id(), row.applicationId(), next));
      }
    }
    return new SharingResult.Done<>(new Page<>(out, next));
  }

  /**
   * The company's change notices, oldest first, after the cursor; like the packages, the list stops
   * before a notice whose updated package is still on its way to the ledger.
   */
  SharingResult<Page<RelayedNotice>> notices(Caller caller, @Nullable String after) {
    Optional<RelayCursor> from;
    try {
      from = RelayCursor.parse(after);
    } catch (IllegalArgumentException e) {
      return SharingResult.refused(HttpStatus.BAD_REQUEST, "relay.invalid-cursor");
    }
    List<RelayedNotice> out = new ArrayList<>();
    String next = after;
    for (ChangeNotices.Listed n : notices.ofCompany(caller.company().id(), from, PAGE)) {
      UUID packageId = n.packageId();
      Optional<OutboxStatus> status =
          packageId == null
              ? Optional.empty()
              : repository
                  .packageById(packageId)
                  .flatMap(p -> outbox.find(p.outboxKey()))
                  .map(OutboxEntry::status);
      if (status.isPresent() && status.get() instanceof OutboxStatus.Pending) {
        break;
      }
      next = new RelayCursor(n.createdAt(), n.id()).encode();
      boolean updated = status.isPresent() && status.get() instanceof OutboxStatus.Committed;
      out.add(
          new RelayedNotice(
              n.id(),
              n.applicationId(),
              n.kind(),
              n.createdAt(),
              updated ? packageId : null,
              next));
    }
    return new SharingResult.Done<>(new Page<>(out, next));
  }

  /** Marks one of the company's notices handled on its server; 404 for anyone else's. */
  SharingResult<ChangeNotices.Notice> acknowledge(Caller caller, UUID noticeId) {
    return notices.acknowledge(caller.company().id(), null, noticeId);
  }

  /** The states of those of the named applications that are the company's. */
  SharingResult<List<State>> states(Caller caller, StateQuery query) {
    List<UUID> ids = query.applicationIds();
    if (ids == null || ids.size() > MAX_STATES || ids.stream().anyMatch(Objects::isNull)) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "relay.invalid-query");
    }
    List<State> out = new ArrayList<>();
    for (UUID id : ids) {
      ownApplication(caller, id)
          .ifPresent(a -> out.add(new State(a.id(), a.state().name().toLowerCase(Locale.ROOT))));
    }
    return new SharingResult.Done<>(out);
  }

  /** One of the company's packages; 404 for anyone else's, and for one not committed yet. */
  SharingResult<Delivery> delivery(Caller caller, UUID packageId) {
    Optional<SharingRepository.PackageRow> row =
        repository.packageById(packageId).filter(p -> p.companyId().equals(caller.company().id()));
    Optional<Application> a = row.flatMap(p -> ownApplication(caller, p.applicationId()));
    Optional<Applications.Committed> committed = row.flatMap(applications::committed);
    byte[] sealed = row.map(SharingRepository.PackageRow::sealed).orElse(null);
    if (a.isEmpty() || committed.isEmpty() || sealed == null) {
      return SharingResult.refused(HttpStatus.NOT_FOUND, "relay.package-not-found");
    }
    Application app = a.get();
    List<String> txs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    keys.add("sharing/apply/" + app.ref());
    keys.addAll(repository.shareKeys(app.id()));
    for (String key : keys) {
      outbox
          .find(key)
          .map(OutboxEntry::status)
          .filter(OutboxStatus.Committed.class::isInstance)
          .map(s -> ((OutboxStatus.Committed) s).txId().hex())
          .ifPresent(txs::add);
    }
    log.info("relay: package {} delivered to company {}", packageId, caller.company().id());
    return new SharingResult.Done<>(
        new Delivery(
            packageId,
            app.id(),
            app.ref(),
            app.purpose(),
            app.consentVersion(),
            app.appliedAt(),
            HEX.formatHex(app.salt()),
            channels.of(app.companyId()),
            committed.get().status().txId().hex(),
            txs,
            Base64.getEncoder().encodeToString(sealed)));
  }

  /** Takes the company's decision of one of its applications (see the class comment). */
  SharingResult<Decided> decide(Caller caller, UUID applicationId, DecisionReport body) {
    Optional<Application> found = ownApplication(caller, applicationId);
    if (found.isEmpty()) {
      return SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.application-not-found");
    }
    Application a = found.get();
    boolean approve = "approve".equals(body.decision());
    if (!approve && !"reject".equals(body.decision())) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "sharing.unknown-decision");
    }
    ApplicationState state = approve ? ApplicationState.APPROVED : ApplicationState.REJECTED;
    if (a.state() == state) {
      return new SharingResult.Done<>(decided(a.id(), state)); // reported again: nothing to do
    }
    if (a.state() == ApplicationState.WITHDRAWN) {
      return SharingResult.refused(HttpStatus.GONE, "sharing.withdrawn");
    }
    if (a.state() != ApplicationState.APPLIED) {
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.already-decided");
    }
    return channels.model() == SharingChannels.Model.A
        ? decideByTransaction(caller, a, approve, body)
        : decideByStatement(caller, a, approve, body);
  }

  /** Model a: the company's decide, signed by its node, on this node's replica of its channel. */
  private SharingResult<Decided> decideByTransaction(
      Caller caller, Application a, boolean approve, DecisionReport body) {
    String channel = channels.of(a.companyId());
    Optional<TransactionRecord> tx = Optional.empty();
    if (ledger.holds(channel)) {
      ledger.sync(channel);
      try {
        tx =
            ledger.transaction(
                channel, Hash.ofHex(Objects.requireNonNullElse(body.transaction(), "")));
      } catch (IllegalArgumentException e) {
        tx = Optional.empty();
      }
    }
    if (tx.isEmpty()
        || !tx.get().receipt().accepted()
        || !tx.get().transaction().body().contractId().equals(SharingRegistry.ID)
        || !tx.get().transaction().body().method().equals(SharingRegistry.DECIDE)
        || !tx.get().transaction().body().signer().equals(caller.member().key())
        || !Arrays.equals(
            tx.get().transaction().body().args(), SharingCalls.decide(a.ref(), approve))) {
      log.warn("relay: decision of application {} not found on the ledger as reported", a.id());
      return SharingResult.refused(
          HttpStatus.UNPROCESSABLE_CONTENT, "relay.decision-not-on-ledger");
    }
    String txId = tx.get().transaction().id().hex();
    return inTransaction(
        a,
        approve,
        () ->
            repository.decideByCompanyServer(a.id(), state(approve), clock.instant(), txId, null));
  }

  /**
   * Model b: the company's signed statement about the package it holds; this server records decide
   * on the consortium-wide channel, where the company appears only as a commitment.
   */
  private SharingResult<Decided> decideByStatement(
      Caller caller, Application a, boolean approve, DecisionReport body) {
    Optional<Applications.Committed> current = applications.committedPackage(a);
    byte[] hash;
    Signature statement;
    try {
      hash = HEX.parseHex(Objects.requireNonNullElse(body.packageHash(), ""));
      statement =
          new Signature(
              Base64.getDecoder().decode(Objects.requireNonNullElse(body.statement(), "")));
    } catch (IllegalArgumentException e) {
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "relay.statement-invalid");
    }
    if (current.isEmpty()
        || !MessageDigest.isEqual(current.get().row().packageHash(), hash)
        || !RelaySignatures.verifies(
            caller.member().key(),
            RelaySignatures.decisionMessage(a.ref(), ReceivedPackages.word(approve), hash),
            statement)) {
      log.warn("relay: decision statement of application {} refused", a.id());
      return SharingResult.refused(HttpStatus.UNPROCESSABLE_CONTENT, "relay.statement-invalid");
    }
    return inTransaction(
        a,
        approve,
        () -> {
          repository.decideByCompanyServer(
              a.id(), state(approve), clock.instant(), null, statement.bytes());
          Applications.enqueueDecide(outbox, channels.of(a.companyId()), a.ref(), approve);
        });
  }

  private SharingResult<Decided> inTransaction(Application a, boolean approve, Runnable write) {
    return Objects.requireNonNull(
        transaction.execute(
            status -> {
              Application locked = repository.lockApplication(a.id()).orElseThrow();
              if (locked.state() != ApplicationState.APPLIED) {
                return SharingResult.<Decided>refused(
                    HttpStatus.CONFLICT, "sharing.already-decided");
              }
              write.run();
              log.info(
                  "relay: company {} decided application {}: {}",
                  a.companyId(),
                  a.id(),
                  ReceivedPackages.word(approve));
              return new SharingResult.Done<>(decided(a.id(), state(approve)));
            }));
  }

  private static ApplicationState state(boolean approve) {
    return approve ? ApplicationState.APPROVED : ApplicationState.REJECTED;
  }

  private static Decided decided(UUID id, ApplicationState state) {
    return new Decided(id, state.name().toLowerCase(Locale.ROOT));
  }

  private Optional<Application> ownApplication(Caller caller, UUID applicationId) {
    return repository
        .application(applicationId)
        .filter(a -> a.companyId().equals(caller.company().id()));
  }
}
