package org.trademap.server.kyc;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.accounts.AccountKind;
import org.trademap.server.vault.SubjectId;

/**
 * The consents of each account's subject: given one by one with the version of the text shown,
 * withdrawn by recording when, never deleted.
 */
@Service
public final class Consents {
  /** The form of a sharing consent's scope. */
  public static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private static final Logger log = LoggerFactory.getLogger(Consents.class);

  private final ConsentRepository repository;
  private final Subjects subjects;
  private final TransactionTemplate transaction;
  private final Clock clock;

  @Autowired
  Consents(
      DataSource dataSource,
      Subjects subjects,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this(dataSource, subjects, transactions, clock.getIfUnique(Clock::systemUTC));
  }

  /** For tests: consents in the given database with the given clock. */
  public Consents(
      DataSource dataSource,
      Subjects subjects,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.repository = new ConsentRepository(dataSource);
    this.subjects = subjects;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * Records that the account's person gives a consent to the current text of its kind. Giving the
   * same version again while it stands changes nothing.
   *
   * @param kindName the {@link ConsentKind#apiName()}
   * @param version the version of the text the person was shown; must be the current one
   * @param scope for {@code sharing}: what it covers ({@link #SCOPE}); absent for the other kinds
   */
  public ConsentResult give(
      UUID accountId,
      AccountKind accountKind,
      @Nullable String kindName,
      @Nullable String version,
      @Nullable String scope) {
    Optional<ConsentKind> known = ConsentKind.ofApiName(kindName);
    if (known.isEmpty()) {
      return new ConsentResult.Refused("consent.unknown-kind");
    }
    ConsentKind kind = known.get();
    if (!kind.currentVersion().equals(version)) {
      return new ConsentResult.Refused("consent.unknown-version");
    }
    Optional<String> refusal = checkScope(kind, scope);
    if (refusal.isPresent()) {
      return new ConsentResult.Refused(refusal.get());
    }
    String theScope = scope == null ? "" : scope;
    return inTransaction(
        () -> {
          Subject subject = subjects.of(accountId, accountKind);
          repository.lockSubject(subject.id());
          Optional<ConsentRepository.Row> latest = repository.latest(subject.id(), kind, theScope);
          if (latest.isPresent() && latest.get().consent().current()) {
            return new ConsentResult.Recorded(latest.get().consent(), false);
          }
          Consent given = new Consent(kind, theScope, kind.currentVersion(), clock.instant(), null);
          repository.insert(subject.id(), given);
          log.info("subject {} gave consent {} {}", subject.id(), kind.apiName(), given.version());
          return new ConsentResult.Recorded(given, true);
        });
  }

  /**
   * Records the withdrawal of the standing consent of this kind (and scope).
   *
   * @return {@link ConsentResult.Recorded} with the withdrawn consent, {@link
   *     ConsentResult.NotGiven} if none stands, {@link ConsentResult.Refused} for an unknown kind
   *     or a bad scope
   */
  public ConsentResult withdraw(
      UUID accountId, AccountKind accountKind, @Nullable String kindName, @Nullable String scope) {
    Optional<ConsentKind> known = ConsentKind.ofApiName(kindName);
    if (known.isEmpty()) {
      return new ConsentResult.Refused("consent.unknown-kind");
    }
    ConsentKind kind = known.get();
    Optional<String> refusal = checkScope(kind, scope);
    if (refusal.isPresent()) {
      return new ConsentResult.Refused(refusal.get());
    }
    String theScope = scope == null ? "" : scope;
    Optional<Subject> existing = subjects.forAccount(accountId);
    if (existing.isEmpty()) {
      return new ConsentResult.NotGiven();
    }
    SubjectId subject = existing.get().id();
    return inTransaction(
        () -> {
          repository.lockSubject(subject);
          Optional<ConsentRepository.Row> latest = repository.latest(subject, kind, theScope);
          if (latest.isEmpty() || !latest.get().consent().active()) {
            return new ConsentResult.NotGiven();
          }
          Consent standing = latest.get().consent();
          Instant now = clock.instant();
          repository.withdraw(latest.get().seq(), now);
          log.info("subject {} withdrew consent {}", subject, kind.apiName());
          return new ConsentResult.Recorded(
              new Consent(kind, theScope, standing.version(), standing.givenAt(), now), true);
        });
  }

  /** Every consent the account's person ever gave, oldest first, with their withdrawals. */
  public List<Consent> history(UUID accountId) {
    return subjects
        .forAccount(accountId)
        .map(subject -> repository.all(subject.id()))
        .orElse(List.of());
  }

  /** The newest consent of each kind and scope the account's person ever gave. */
  public List<Consent> latest(UUID accountId) {
    return latestOf(history(accountId));
  }

  /** The required kinds the subject has not given to the current text, or withdrew. */
  Set<ConsentKind> missingRequired(SubjectId subject) {
    return missingRequired(latestOf(repository.all(subject)));
  }

  static Set<ConsentKind> missingRequired(List<Consent> latest) {
    Set<ConsentKind> missing = EnumSet.noneOf(ConsentKind.class);
    for (ConsentKind kind : ConsentKind.values()) {
      if (kind.required() && latest.stream().noneMatch(c -> c.kind() == kind && c.current())) {
        missing.add(kind);
      }
    }
    return missing;
  }

  static List<Consent> latestOf(List<Consent> history) {
    Map<String, Consent> latest = new LinkedHashMap<>();
    for (Consent consent : history) {
      latest.put(consent.kind().name() + "|" + consent.scope(), consent);
    }
    return new ArrayList<>(latest.values());
  }

  private static Optional<String> checkScope(ConsentKind kind, @Nullable String scope) {
    if (!kind.scoped()) {
      return scope == null ? Optional.empty() : Optional.of("consent.scope-not-allowed");
    }
    if (scope == null || scope.isEmpty()) {
      return Optional.of("consent.scope-required");
    }
    return SCOPE.matcher(scope).matches() ? Optional.empty() : Optional.of("consent.scope-invalid");
  }

  private ConsentResult inTransaction(java.util.function.Supplier<ConsentResult> work) {
    return Objects.requireNonNull(transaction.execute(status -> work.get()));
  }
}
