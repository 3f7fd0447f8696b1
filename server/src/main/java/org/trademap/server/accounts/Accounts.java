package org.trademap.server.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
import org.trademap.server.identity.PasswordHasher;
import org.trademap.server.identity.PasswordOwner;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.identity.PasswordVerdict;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;
import org.trademap.server.mail.Mailer;
import org.trademap.server.mail.SendResult;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.FieldRules;
import org.trademap.server.onboarding.Validation;

/**
 * Signs people up, verifies their email addresses and resends verification links.
 *
 * <p>No method's outcome tells whether an address has an account: {@link #signUp} accepts a taken
 * address like a new one (and mails its owner a notice instead of a link), and {@link
 * #resendVerification} always succeeds. The password is hashed for every valid sign-up, taken
 * address or not, so the time taken does not tell either. Logs name accounts by id only.
 */
@Service
public final class Accounts {
  static final String VERIFY_TEMPLATE = "verify-email";
  static final String EXISTS_TEMPLATE = "account-exists";
  static final String VERIFY_PATH = "/verify-email?token=";

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);

  private final AccountRepository repository;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final TokenService tokens;
  private final Mailer mailer;
  private final AccountsProperties properties;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<String, Object> validity;

  Accounts(
      DataSource dataSource,
      PasswordPolicy policy,
      PasswordHasher hasher,
      TokenService tokens,
      Mailer mailer,
      AccountsProperties properties,
      IdentityProperties identity,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new AccountRepository(dataSource);
    this.policy = policy;
    this.hasher = hasher;
    this.tokens = tokens;
    this.mailer = mailer;
    this.properties = properties;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.validity = validity(identity.tokens().ttl(TokenPurpose.EMAIL_VERIFICATION));
  }

  /** How long the link is valid, for the mail: whole hours when it is, else minutes. */
  static Map<String, Object> validity(java.time.Duration ttl) {
    return ttl.toMinutesPart() == 0 && ttl.toSecondsPart() == 0
        ? Map.of("validHours", ttl.toHours())
        : Map.of("validMinutes", Math.max(1, ttl.toMinutes()));
  }

  /**
   * The account's email address and when it was confirmed, for the account's own pages (My Page
   * shows "signed in as"); empty for an unknown account.
   */
  public Optional<EmailAddress> emailAddress(UUID accountId) {
    return repository
        .findById(accountId)
        .map(account -> new EmailAddress(account.email(), account.emailVerifiedAt()));
  }

  /**
   * An account's email address.
   *
   * @param address the address as given, domain in lower case
   * @param verifiedAt when the address was confirmed, or null while unconfirmed
   */
  public record EmailAddress(String address, @Nullable Instant verifiedAt) {
    @Override
    public String toString() {
      return "EmailAddress[address=(hidden), verifiedAt=" + verifiedAt + "]";
    }
  }

  /**
   * Signs up a new account with role {@link Role#USER} and mails the verification link; if the
   * address already has an account, mails its owner a notice instead. Both are {@link
   * SignUpResult.Accepted}, also when the mail was held back by the rate limit.
   *
   * @param kind {@code person} or {@code legal-entity}
   * @param email the address
   * @param password the new password; never stored or logged, only its Argon2id hash
   * @param locale the language of the mail
   */
  public SignUpResult signUp(
      @Nullable String kind, @Nullable String email, @Nullable String password, Locale locale) {
    List<SignUpResult.FieldProblem> errors = new ArrayList<>();
    Optional<AccountKind> accountKind = AccountKind.ofApiName(kind);
    if (accountKind.isEmpty()) {
      errors.add(
          new SignUpResult.FieldProblem(
              "kind", kind == null ? FieldError.Code.REQUIRED.key() : "kind.unknown"));
    }
    Validation<String> address = FieldRules.email("email", email);
    address.errors().forEach(e -> errors.add(new SignUpResult.FieldProblem(e.field(), e.key())));
    errors.addAll(passwordProblems(policy, password, email == null ? "" : email));
    if (!errors.isEmpty()
        || !(address instanceof Validation.Valid<String> valid)
        || accountKind.isEmpty()
        || password == null) {
      return new SignUpResult.Invalid(errors);
    }
    String to = valid.value();
    Instant now = clock.instant();
    Account account =
        new Account(
            UUID.randomUUID(),
            accountKind.get(),
            to,
            hasher.hash(password),
            Role.USER,
            AccountStatus.ACTIVE,
            null,
            now);
    Optional<IssuedToken> token =
        inTransaction(
            () -> {
              if (!repository.insertIfEmailFree(account)) {
                return Optional.empty();
              }
              IssuedToken issued = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);
              repository.insertToken(account.id(), issued.stored());
              return Optional.of(issued);
            });
    if (token.isPresent()) {
      log.info("account {} signed up", account.id());
      mailLink(account.id(), to, token.get(), locale);
    } else {
      Optional<Account> existing = repository.findByEmail(to);
      log.info(
          "sign-up with the address of account {}; its owner is notified",
          existing.map(a -> a.id().toString()).orElse("(removed)"));
      report(
          existing.map(Account::id).orElse(null),
          mailer.renderAndSend(
              to, EXISTS_TEMPLATE, Map.of("link", properties.link("/"), "email", to), locale));
    }
    return new SignUpResult.Accepted();
  }

  /**
   * What the password policy says about a new password for the address: nothing if it is
   * acceptable, else one {@code password} problem for each broken rule ({@code field.required} if
   * it is missing).
   */
  static List<SignUpResult.FieldProblem> passwordProblems(
      PasswordPolicy policy, @Nullable String password, String email) {
    if (password == null || password.isEmpty()) {
      return List.of(new SignUpResult.FieldProblem("password", FieldError.Code.REQUIRED.key()));
    }
    if (policy.check(password, PasswordOwner.ofEmail(email))
        instanceof PasswordVerdict.Rejected rejected) {
      return rejected.reasons().stream()
          .map(r -> new SignUpResult.FieldProblem("password", r.code()))
          .toList();
    }
    return List.of();
  }

  /**
   * Confirms the address of the account the token was issued to. Of two concurrent presentations of
   * the same token exactly one succeeds; the other is {@link VerificationResult.Reason#USED}.
   * Tokens of any other purpose are {@link VerificationResult.Reason#INVALID}.
   */
  public VerificationResult verifyEmail(@Nullable String rawToken) {
    if (rawToken == null) {
      return new VerificationResult.Refused(VerificationResult.Reason.INVALID);
    }
    return inTransaction(
        () ->
            switch (PresentedToken.check(
                repository, tokens, TokenPurpose.EMAIL_VERIFICATION, rawToken)) {
              case PresentedToken.Refused(VerificationResult.Reason reason) ->
                  new VerificationResult.Refused(reason);
              case PresentedToken.Valid(String hash, UUID accountId) -> {
                Instant now = clock.instant();
                if (!repository.markTokenUsed(hash, now)) {
                  log.info("email verification refused: token used concurrently");
                  yield new VerificationResult.Refused(VerificationResult.Reason.USED);
                }
                repository.markEmailVerified(accountId, now);
                log.info("account {} verified its email address", accountId);
                yield new VerificationResult.Verified(accountId);
              }
            });
  }

  /**
   * Mails a new verification link if the address belongs to an active account that is not yet
   * verified, and invalidates that account's older links; does nothing otherwise. The caller
   * answers the same in every case.
   */
  public void resendVerification(@Nullable String email, Locale locale) {
    if (!(FieldRules.email("email", email) instanceof Validation.Valid<String> valid)) {
      return;
    }
    Optional<Account> account = repository.findByEmail(valid.value());
    if (account.isEmpty()
        || account.get().emailVerified()
        || account.get().status() != AccountStatus.ACTIVE) {
      return;
    }
    Account owner = account.get();
    IssuedToken token =
        inTransaction(
            () -> {
              repository.invalidateUnusedTokens(
                  owner.id(), TokenPurpose.EMAIL_VERIFICATION, clock.instant());
              IssuedToken issued = tokens.issue(TokenPurpose.EMAIL_VERIFICATION);
              repository.insertToken(owner.id(), issued.stored());
              return issued;
            });
    log.info("new verification link for account {}", owner.id());
    mailLink(owner.id(), owner.email(), token, locale);
  }

  private void mailLink(UUID accountId, String to, IssuedToken token, Locale locale) {
    String link = properties.link(VERIFY_PATH + token.rawToken());
    Map<String, Object> model = new java.util.HashMap<>(validity);
    model.put("link", link);
    report(accountId, mailer.renderAndSend(to, VERIFY_TEMPLATE, model, locale));
  }

  private static void report(@Nullable UUID accountId, SendResult result) {
    if (result instanceof SendResult.RateLimited) {
      log.info("mail to account {} held back by the rate limit", accountId);
    }
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    T result = transaction.execute(status -> work.get());
    if (result == null) {
      throw new IllegalStateException("the transaction returned nothing");
    }
    return result;
  }
}
