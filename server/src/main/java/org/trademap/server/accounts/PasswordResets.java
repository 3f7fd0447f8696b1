package org.trademap.server.accounts;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.identity.IdentityProperties;
import org.trademap.server.identity.IssuedToken;
import org.trademap.server.identity.LoginThrottle;
import org.trademap.server.identity.PasswordHasher;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;
import org.trademap.server.mail.Mailer;
import org.trademap.server.mail.SendResult;
import org.trademap.server.onboarding.FieldRules;
import org.trademap.server.onboarding.Validation;

/**
 * Password reset by an emailed one-time link ({@link TokenPurpose#PASSWORD_RESET}).
 *
 * <p>{@link #request} answers nothing and takes the same time whatever the address: the lookup, the
 * token and the mail happen afterwards on a single background thread, in order, so neither the
 * answer nor its timing tells whether the address has an account. Unknown and disabled addresses
 * get no mail; the {@link Mailer}'s rate limit caps mails per address. A new link invalidates the
 * older unused ones.
 *
 * <p>{@link #reset} checks the new password against the policy before it uses the token (a refused
 * password leaves the link usable), then in one transaction uses the token, stores the new hash and
 * confirms the address (the link proved control of it). Afterwards every session and bearer token
 * of the account ends, and the login throttle forgets the account's failures.
 */
@Service
final class PasswordResets {
  static final String TEMPLATE = "password-reset";
  static final String PAGE_PATH = "/password-reset/new?token=";
  private static final int QUEUE_CAPACITY = 1_000;
  private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

  /** What became of a reset. */
  sealed interface Result {}

  /**
   * The password is changed.
   *
   * @param accountId whose
   */
  record Done(UUID accountId) implements Result {}

  /**
   * The link is refused; nothing changed.
   *
   * @param reason expired, used or invalid
   */
  record Refused(VerificationResult.Reason reason) implements Result {}

  /**
   * The new password is refused; nothing changed and the link still works.
   *
   * @param errors the broken rules, field {@code password}
   */
  record Invalid(List<SignUpResult.FieldProblem> errors) implements Result {}

  private final AccountRepository repository;
  private final TokenService tokens;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final Mailer mailer;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final AccountsProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<String, Object> validity;
  private final ThreadPoolExecutor mailing;

  PasswordResets(
      DataSource dataSource,
      TokenService tokens,
      PasswordPolicy policy,
      PasswordHasher hasher,
      Mailer mailer,
      Sessions sessions,
      LoginThrottle throttle,
      AccountsProperties properties,
      IdentityProperties identity,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new AccountRepository(dataSource);
    this.tokens = tokens;
    this.policy = policy;
    this.hasher = hasher;
    this.mailer = mailer;
    this.sessions = sessions;
    this.throttle = throttle;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.validity = Accounts.validity(identity.tokens().ttl(TokenPurpose.PASSWORD_RESET));
    this.mailing =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            Thread.ofVirtual().name("password-reset-mail").factory(),
            (task, executor) -> log.warn("password reset requests queue full; one dropped"));
  }

  /**
   * Mails a reset link if the address belongs to an active account; does nothing otherwise. Returns
   * at once: the work happens in the background, in the order of the requests.
   */
  void request(@Nullable String email, Locale locale) {
    if (!(FieldRules.email("email", email) instanceof Validation.Valid<String> valid)) {
      return;
    }
    String address = valid.value();
    mailing.execute(() -> mailLink(address, locale));
  }

  private void mailLink(String address, Locale locale) {
    try {
      Optional<Account> account = repository.findByEmail(address);
      if (account.isEmpty() || account.get().status() != AccountStatus.ACTIVE) {
        return;
      }
      Account owner = account.get();
      IssuedToken token = tokens.issue(TokenPurpose.PASSWORD_RESET);
      transaction.executeWithoutResult(
          status -> {
            repository.invalidateUnusedTokens(
                owner.id(), TokenPurpose.PASSWORD_RESET, clock.instant());
            repository.insertToken(owner.id(), token.stored());
          });
      Map<String, Object> model = new HashMap<>(validity);
      model.put("link", properties.link(PAGE_PATH + token.rawToken()));
      log.info("password reset link for account {}", owner.id());
      if (mailer.renderAndSend(owner.email(), TEMPLATE, model, locale)
          instanceof SendResult.RateLimited) {
        log.info("password reset mail to account {} held back by the rate limit", owner.id());
      }
    } catch (RuntimeException e) {
      log.error("password reset mail failed", e);
    }
  }

  /** Whether the link works now, without using it (for the page that asks for the password). */
  Optional<VerificationResult.Reason> refusal(@Nullable String rawToken) {
    if (rawToken == null) {
      return Optional.of(VerificationResult.Reason.INVALID);
    }
    return switch (PresentedToken.check(
        repository, tokens, TokenPurpose.PASSWORD_RESET, rawToken)) {
      case PresentedToken.Refused(VerificationResult.Reason reason) -> Optional.of(reason);
      case PresentedToken.Valid valid -> Optional.empty();
    };
  }

  /** Sets a new password with a reset link. */
  Result reset(@Nullable String rawToken, @Nullable String password) {
    if (rawToken == null) {
      return new Refused(VerificationResult.Reason.INVALID);
    }
    return switch (PresentedToken.check(
        repository, tokens, TokenPurpose.PASSWORD_RESET, rawToken)) {
      case PresentedToken.Refused(VerificationResult.Reason reason) -> new Refused(reason);
      case PresentedToken.Valid(String tokenHash, UUID accountId) ->
          reset(tokenHash, accountId, password);
    };
  }

  private Result reset(String tokenHash, UUID accountId, @Nullable String password) {
    Optional<Account> account = repository.findById(accountId);
    if (account.isEmpty() || account.get().status() != AccountStatus.ACTIVE) {
      return new Refused(VerificationResult.Reason.INVALID);
    }
    String email = account.get().email();
    List<SignUpResult.FieldProblem> problems = Accounts.passwordProblems(policy, password, email);
    if (!problems.isEmpty() || password == null) {
      return new Invalid(problems);
    }
    String hash = hasher.hash(password);
    Boolean changed =
        transaction.execute(
            status -> {
              Instant now = clock.instant();
              if (!repository.markTokenUsed(tokenHash, now)) {
                return false;
              }
              repository.updatePasswordHash(accountId, hash);
              repository.markEmailVerified(accountId, now);
              repository.invalidateUnusedTokens(accountId, TokenPurpose.PASSWORD_RESET, now);
              return true;
            });
    if (!Boolean.TRUE.equals(changed)) {
      return new Refused(VerificationResult.Reason.USED);
    }
    sessions.endAll(accountId);
    throttle.recordPasswordReset(email);
    log.info("account {} reset its password", accountId);
    return new Done(accountId);
  }

  /** Lets queued mails go out, then stops the background thread. */
  @PreDestroy
  void stop() throws InterruptedException {
    mailing.shutdown();
    if (!mailing.awaitTermination(10, TimeUnit.SECONDS)) {
      mailing.shutdownNow();
    }
  }
}
