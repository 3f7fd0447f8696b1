package org.trademap.server.sharing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.contracts.sharing.SharingCalls;
import org.trademap.contracts.sharing.SharingRecords;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.TransactionRecord;
import org.trademap.server.accounts.SignedIn;
import org.trademap.server.ledgergateway.LedgerGateway;
import org.trademap.server.ledgergateway.NodeIdentity;
import org.trademap.server.ledgergateway.outbox.Outbox;
import org.trademap.server.ledgergateway.outbox.OutboxEntry;
import org.trademap.server.ledgergateway.outbox.OutboxStatus;

/**
 * The company's side of account opening on a securities company's own server (role {@code company},
 * ADR 0035): the packages its relay client received, verified on this company's own node before
 * anything is shown (②-C: the {@code share} on this node's replica of the application's channel
 * after a read barrier; the sealed bytes open with the company's own key; each recorded step's
 * signature), and its decisions — in trust model a a {@code decide} on its relationship channel
 * through this server's outbox, so signed by the company's node key; in model b a decision
 * statement signed by the node key, which the consortium records.
 */
@Service
class ReceivedPackages {
  private static final Logger log = LoggerFactory.getLogger(ReceivedPackages.class);
  private static final HexFormat HEX = HexFormat.of();

  private final ReceivedRepository repository;
  private final Companies companies;
  private final SharingChannels channels;
  private final LedgerChecks checks;
  private final LedgerGateway ledger;
  private final NodeIdentity identity;
  private final Outbox outbox;
  private final TransactionTemplate transaction;
  private final Clock clock;

  ReceivedPackages(
      DataSource dataSource,
      Companies companies,
      SharingChannels channels,
      LedgerChecks checks,
      LedgerGateway ledger,
      NodeIdentity identity,
      Outbox outbox,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new ReceivedRepository(dataSource);
    this.companies = companies;
    this.channels = channels;
    this.checks = checks;
    this.ledger = ledger;
    this.identity = identity;
    this.outbox = outbox;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  /** The applications of the staff member's company, newest first. */
  SharingResult<List<Applications.View>> inbox(SignedIn staff) {
    Optional<String> company = Applications.companyOf(companies, staff);
    if (company.isEmpty()) {
      return SharingResult.refused(HttpStatus.FORBIDDEN, "auth.forbidden");
    }
    return new SharingResult.Done<>(
        repository.ofCompany(company.get()).stream().map(r -> view(r, recorded(r))).toList());
  }

  /** Opens a received package after verifying it on this node's own replica; else 404 / 409. */
  SharingResult<Applications.Opened> open(SignedIn staff, UUID applicationId) {
    Optional<ReceivedRepository.Received> found = ownApplication(staff, applicationId);
    if (found.isEmpty()) {
      return SharingResult.refused(HttpStatus.NOT_FOUND, "sharing.application-not-found");
    }
    ReceivedRepository.Received r = found.get();
    byte[] sealed = r.sealed();
    if (r.state() == ApplicationState.WITHDRAWN || sealed == null) {
      return SharingResult.refused(HttpStatus.GONE, "sharing.withdrawn");
    }
    if (!ledger.holds(r.channel())) {
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.company-channel-missing");
    }
    // A read that decides: after a read barrier, this node's replica holds every committed share.
    ledger.sync(r.channel());
    byte[] commitment = SharingCalls.recipientCommitment(r.salt(), r.companyId());
    Optional<TransactionRecord> shareTx = transaction(r.channel(), r.shareTx());
    Optional<SharingRecords.Share> share =
        PackageVerifier.share(shareTx, r.ref(), commitment, sealed);
    if (share.isEmpty() || shareTx.isEmpty()) {
      return altered(r);
    }
    Optional<KycPackage> opened =
        PackageVerifier.unseal(companies.keys(r.companyId()), r.ref(), r.companyId(), sealed);
    if (opened.isEmpty()) {
      return altered(r);
    }
    KycPackage kycPackage = opened.get();
    // The check history is on the consortium-wide channel: this node holds it in model b only.
    boolean historyHere = channels.model() == SharingChannels.Model.B;
    if (historyHere && !checks.matches(kycPackage.subjectRef(), kycPackage.checks())) {
      log.warn("application {}: the package's check history differs from the ledger", r.ref());
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.history-altered");
    }
    Recorded recorded = recorded(r);
    if (recorded.missing()) {
      return altered(r);
    }
    List<Applications.SignedStep> steps =
        PackageVerifier.steps(ledger.genesis(), recorded.transactions());
    if (steps.stream().anyMatch(step -> !step.signatureValid())) {
      log.warn("application {}: a ledger step's signature does not verify", r.applicationId());
      return SharingResult.refused(HttpStatus.CONFLICT, "sharing.signature-invalid");
    }
    log.info(
        "company staff {} opened the verified package of application {} on the company's node",
        staff.accountId(),
        r.applicationId());
    return new SharingResult.Done<>(
        new Applications.Opened(
            view(r, recorded),
            new Applications.Verification(
                r.shareTx(),
                shareTx.get().height(),
                HEX.formatHex(share.get().packageHash()),
                HEX.formatHex(commitment),
                historyHere ? kycPackage.checks().size() : 0),
            kycPackage,
            steps));
  }

  /**
   * Records the company's decision; {@link Applications#decide} has verified the package, the
   * approver and the decision, and the own checks of an approval, before it calls this.
   */
  SharingResult<Applications.View> decide(
      SignedIn staff, UUID applicationId, Applications.Decision d) {
    return Objects.requireNonNull(
        transaction.execute(
            status -> {
              ReceivedRepository.Received r = repository.lock(applicationId).orElseThrow();
              if (r.state() != ApplicationState.APPLIED) {
                return SharingResult.<Applications.View>refused(
                    HttpStatus.CONFLICT, "sharing.already-decided");
              }
              byte[] sealedReason =
                  companies.seal(
                      r.companyId(),
                      Applications.REASON_PURPOSE + ":" + r.applicationId(),
                      d.reason().getBytes(StandardCharsets.UTF_8));
              byte[] statement = null;
              byte[] sealed = r.sealed();
              if (sealed == null) {
                return SharingResult.<Applications.View>refused(
                    HttpStatus.GONE, "sharing.withdrawn");
              }
              if (channels.model() == SharingChannels.Model.A) {
                // On the relationship channel, signed by this (the company's) node key.
                Applications.enqueueDecide(outbox, r.channel(), r.ref(), d.approve());
              } else {
                statement =
                    identity
                        .sign(
                            RelaySignatures.decisionMessage(
                                r.ref(), word(d.approve()), Applications.sha256(sealed)))
                        .bytes();
              }
              repository.decide(
                  r.applicationId(),
                  d.approve() ? ApplicationState.APPROVED : ApplicationState.REJECTED,
                  staff.accountId(),
                  clock.instant(),
                  sealedReason,
                  statement);
              log.info(
                  "company staff {} decided application {}: {}",
                  staff.accountId(),
                  r.applicationId(),
                  word(d.approve()));
              ReceivedRepository.Received now = repository.find(applicationId).orElseThrow();
              return new SharingResult.Done<>(view(now, recorded(now)));
            }));
  }

  /** The decision's reason, for the company that decided. */
  Optional<String> decisionReason(SignedIn staff, UUID applicationId) {
    return ownApplication(staff, applicationId)
        .flatMap(
            r ->
                repository
                    .decisionReason(applicationId)
                    .flatMap(
                        stored ->
                            companies.unseal(
                                r.companyId(),
                                Applications.REASON_PURPOSE + ":" + applicationId,
                                stored)))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }

  // ---- the relay client's side -----------------------------------------------------------------

  /** Whether the package was received already. */
  boolean has(UUID packageId) {
    return repository.has(packageId);
  }

  /** Stores a delivered package (a new application, or a newer package of one). */
  void store(ReceivedRepository.Received r) {
    repository.store(r);
  }

  /** The company's applications waiting for its decision. */
  List<UUID> waiting(String companyId) {
    return repository.ofCompany(companyId).stream()
        .filter(r -> r.state() == ApplicationState.APPLIED)
        .map(ReceivedRepository.Received::applicationId)
        .toList();
  }

  /**
   * Forgets the package of an application waiting for a decision that the person withdrew (the
   * consortium deleted the package too).
   */
  void withdrawn(UUID applicationId) {
    if (repository.withdraw(applicationId)) {
      log.info("application {} was withdrawn; its package is deleted here", applicationId);
    }
  }

  /** Decided applications the consortium has not taken yet, oldest first. */
  List<ReceivedRepository.Received> unreported() {
    return repository.unreported();
  }

  /** The consortium took the decision. */
  void reported(UUID applicationId) {
    repository.reported(applicationId, clock.instant());
  }

  /** The committed decide transaction of an application (model a), if committed. */
  Optional<Hash> committedDecision(ReceivedRepository.Received r) {
    return outbox
        .find(decideKey(r))
        .map(OutboxEntry::status)
        .flatMap(
            s -> s instanceof OutboxStatus.Committed c ? Optional.of(c.txId()) : Optional.empty());
  }

  static String word(boolean approve) {
    return approve ? "approve" : "reject";
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static String decideKey(ReceivedRepository.Received r) {
    return "sharing/decide/" + r.ref();
  }

  private Optional<ReceivedRepository.Received> ownApplication(SignedIn staff, UUID id) {
    return Applications.companyOf(companies, staff)
        .flatMap(c -> repository.find(id).filter(r -> r.companyId().equals(c)));
  }

  private Optional<TransactionRecord> transaction(String channel, String hex) {
    try {
      return ledger.transaction(channel, Hash.ofHex(hex));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The application's accepted transactions on this node's replica: the consortium's and this
   * company's decide; {@code missing} if one the consortium named is not here.
   */
  private record Recorded(List<TransactionRecord> transactions, boolean pending, boolean missing) {}

  private Recorded recorded(ReceivedRepository.Received r) {
    List<TransactionRecord> txs = new ArrayList<>();
    boolean missing = false;
    for (String hex : r.stepTxs()) {
      Optional<TransactionRecord> tx = transaction(r.channel(), hex);
      if (tx.isEmpty()) {
        missing = true;
      } else if (tx.get().receipt().accepted()) {
        txs.add(tx.get());
      }
    }
    boolean pending = false;
    Optional<OutboxEntry> decide = outbox.find(decideKey(r));
    if (decide.isPresent()) {
      switch (decide.get().status()) {
        case OutboxStatus.Pending p -> pending = true;
        case OutboxStatus.Rejected rejected -> {}
        case OutboxStatus.Committed c ->
            ledger
                .transaction(r.channel(), c.txId())
                .filter(tx -> tx.receipt().accepted())
                .ifPresent(txs::add);
      }
    }
    txs.sort(
        java.util.Comparator.comparingLong(TransactionRecord::height)
            .thenComparingInt(TransactionRecord::index));
    return new Recorded(txs, pending, missing);
  }

  private Applications.View view(ReceivedRepository.Received r, Recorded recorded) {
    String name = companies.find(r.companyId()).map(Company::name).orElse(r.companyId());
    return new Applications.View(
        r.applicationId(),
        r.companyId(),
        name,
        r.purpose(),
        r.consentVersion(),
        r.state().name().toLowerCase(Locale.ROOT),
        PackageVerifier.ledgerView(r.ref(), recorded.transactions(), recorded.pending()),
        r.appliedAt(),
        null,
        r.decidedAt());
  }

  private static <T> SharingResult<T> altered(ReceivedRepository.Received r) {
    log.warn("application {}: the package does not match this node's ledger", r.applicationId());
    return SharingResult.refused(HttpStatus.CONFLICT, "sharing.package-altered");
  }
}
