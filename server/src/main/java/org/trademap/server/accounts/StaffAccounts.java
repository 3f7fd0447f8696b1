package org.trademap.server.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.trademap.server.identity.IdentityProperties;
import org.trademap.server.identity.IssuedToken;
import org.trademap.server.identity.PasswordHasher;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.identity.Role;
import org.trademap.server.identity.TokenPurpose;
import org.trademap.server.identity.TokenService;
import org.trademap.server.identity.TotpSecret;
import org.trademap.server.mail.Mailer;
import org.trademap.server.mail.SendResult;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.FieldRules;
import org.trademap.server.onboarding.Validation;

/**
 * The back office's staff accounts: operators, supervisors and administrators. Nobody signs up for
 * one; an administrator invites the person by email address and role, and the person accepts the
 * mailed invitation ({@link TokenPurpose#INVITATION}) by choosing a password <em>and</em> enrolling
 * a TOTP authenticator in the same step. Until then the account has no password anybody knows and
 * an unconfirmed address, so it cannot sign in; afterwards it signs in only with both factors
 * ({@link Role#requiresSecondFactor()}, enforced by {@code SignIn}), and cannot switch the second
 * factor off. So a staff account never does anything without a second factor.
 *
 * <p>The first administrator comes from {@code trademap.staff.initial-administrator} ({@link
 * StaffProperties}): while no administrator exists, start-up invites that address. The demo seeds
 * its staff through the same two steps. Invitations and enrolments are published as {@link
 * StaffInvited} and {@link StaffEnrolled} for the audit log. Logs name accounts by id only.
 */
@Service
public final class StaffAccounts {
  /** The roles of staff accounts. */
  public static final Set<Role> ROLES =
      EnumSet.of(
          Role.KYC_OPERATOR,
          Role.KYC_SUPERVISOR,
          Role.ADMINISTRATOR,
          Role.COMPANY_REVIEWER,
          Role.COMPANY_APPROVER);

  static final String TEMPLATE = "staff-invitation";
  static final String PAGE_PATH = "/staff/invitation?token=";
  private static final Logger log = LoggerFactory.getLogger(StaffAccounts.class);

  /** What became of an invitation. */
  public sealed interface Invitation {}

  /**
   * The account is made and the invitation mailed.
   *
   * @param accountId the new account
   * @param role its role
   * @param expiresAt when the invitation link stops working
   */
  public record Invited(UUID accountId, Role role, Instant expiresAt) implements Invitation {}

  /**
   * The input was refused; nothing was made.
   *
   * @param errors the refused fields ({@code email}, {@code role})
   */
  public record InvitationInvalid(List<SignUpResult.FieldProblem> errors) implements Invitation {
    public InvitationInvalid {
      errors = List.copyOf(errors);
    }
  }

  /** The address already has an account; nothing was made. */
  public record AddressTaken() implements Invitation {}

  /** What became of accepting an invitation. */
  public sealed interface Acceptance {}

  /**
   * Password and second factor are set: the account can sign in.
   *
   * @param accountId the staff account
   */
  public record Accepted(UUID accountId) implements Acceptance {}

  /**
   * The link is refused (expired, used or unknown); nothing changed.
   *
   * @param reason why
   */
  public record LinkRefused(VerificationResult.Reason reason) implements Acceptance {}

  /**
   * The password is refused; nothing changed and the link still works.
   *
   * @param errors the broken rules, field {@code password}
   */
  public record PasswordRefused(List<SignUpResult.FieldProblem> errors) implements Acceptance {
    public PasswordRefused {
      errors = List.copyOf(errors);
    }
  }

  /** The code does not match the authenticator's secret; nothing changed, the link still works. */
  public record WrongCode() implements Acceptance {}

  /**
   * A staff account as the administrator's list shows it.
   *
   * @param accountId the account
   * @param email its address
   * @param role its role
   * @param enrolled whether the invitation was accepted (password and second factor set)
   * @param active whether it may sign in
   * @param createdAt when it was invited
   */
  public record StaffMember(
      UUID accountId,
      String email,
      Role role,
      boolean enrolled,
      boolean active,
      Instant createdAt) {
    @Override
    public String toString() {
      return "StaffMember[accountId=" + accountId + ", role=" + role + "]";
    }
  }

  private final AccountRepository repository;
  private final TokenService tokens;
  private final PasswordPolicy policy;
  private final PasswordHasher hasher;
  private final SecondFactors secondFactors;
  private final Mailer mailer;
  private final AccountsProperties properties;
  private final StaffProperties staff;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final Map<String, Object> validity;
  private final SecureRandom random = new SecureRandom();

  StaffAccounts(
      DataSource dataSource,
      TokenService tokens,
      PasswordPolicy policy,
      PasswordHasher hasher,
      SecondFactors secondFactors,
      Mailer mailer,
      AccountsProperties properties,
      StaffProperties staff,
      IdentityProperties identity,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions,
      ObjectProvider<Clock> clock) {
    this.repository = new AccountRepository(dataSource);
    this.tokens = tokens;
    this.policy = policy;
    this.hasher = hasher;
    this.secondFactors = secondFactors;
    this.mailer = mailer;
    this.properties = properties;
    this.staff = staff;
    this.events = events;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.validity = Accounts.validity(identity.tokens().ttl(TokenPurpose.INVITATION));
  }

  /** The role with this API name ({@code kyc-operator}, {@code kyc-supervisor}, …), if staff. */
  public static Optional<Role> roleOf(@Nullable String apiName) {
    return ROLES.stream().filter(r -> apiName(r).equals(apiName)).findFirst();
  }

  /** A role's API name: {@code KYC_OPERATOR} as {@code kyc-operator}. */
  public static String apiName(Role role) {
    return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Makes a staff account for the address and mails it the invitation link.
   *
   * @param invitedBy the administrator, or null for the server itself
   * @param email the address
   * @param role the role's API name
   * @param locale the language of the mail
   */
  public Invitation invite(
      @Nullable UUID invitedBy, @Nullable String email, @Nullable String role, Locale locale) {
    List<SignUpResult.FieldProblem> errors = new ArrayList<>();
    Validation<String> address = FieldRules.email("email", email);
    address.errors().forEach(e -> errors.add(new SignUpResult.FieldProblem(e.field(), e.key())));
    Optional<Role> staffRole = roleOf(role);
    if (staffRole.isEmpty()) {
      errors.add(
          new SignUpResult.FieldProblem(
              "role", role == null ? FieldError.Code.REQUIRED.key() : "role.unknown"));
    }
    if (!errors.isEmpty() || !(address instanceof Validation.Valid<String> valid)) {
      return new InvitationInvalid(errors);
    }
    Instant now = clock.instant();
    Account account =
        new Account(
            UUID.randomUUID(),
            AccountKind.PERSON,
            valid.value(),
            hasher.hash(unknowablePassword()),
            staffRole.orElseThrow(),
            AccountStatus.ACTIVE,
            null,
            now);
    Optional<IssuedToken> token =
        Objects.requireNonNull(
            transaction.execute(
                status -> {
                  if (!repository.insertIfEmailFree(account)) {
                    return Optional.<IssuedToken>empty();
                  }
                  IssuedToken issued = tokens.issue(TokenPurpose.INVITATION);
                  repository.insertToken(account.id(), issued.stored());
                  events.publishEvent(
                      new StaffInvited(invitedBy, account.id(), account.role(), now));
                  return Optional.of(issued);
                }));
    if (token.isEmpty()) {
      log.info("staff invitation refused: the address has an account");
      return new AddressTaken();
    }
    log.info("staff account {} ({}) invited by {}", account.id(), account.role(), invitedBy);
    Map<String, Object> model = new HashMap<>(validity);
    model.put("link", properties.link(PAGE_PATH + token.get().rawToken()));
    model.put("role", apiName(account.role()));
    if (mailer.renderAndSend(account.email(), TEMPLATE, model, locale)
        instanceof SendResult.RateLimited) {
      log.info("invitation mail to account {} held back by the rate limit", account.id());
    }
    return new Invited(account.id(), account.role(), token.get().stored().expiresAt());
  }

  /** Whether the invitation link works now, without using it (for the page that asks). */
  public Optional<VerificationResult.Reason> refusal(@Nullable String rawToken) {
    if (rawToken == null) {
      return Optional.of(VerificationResult.Reason.INVALID);
    }
    return switch (PresentedToken.check(repository, tokens, TokenPurpose.INVITATION, rawToken)) {
      case PresentedToken.Refused(VerificationResult.Reason reason) -> Optional.of(reason);
      case PresentedToken.Valid valid -> Optional.empty();
    };
  }

  /**
   * Accepts an invitation: in one transaction uses the link, sets the password, confirms the
   * address (the link proved control of it) and enrols the authenticator whose secret the person
   * proved with a current code. A refused password or code changes nothing and leaves the link
   * usable.
   *
   * @param rawToken the token from the link
   * @param password the new password, checked against the policy
   * @param secret the authenticator's secret
   * @param code a current code from the authenticator
   */
  public Acceptance accept(
      @Nullable String rawToken,
      @Nullable String password,
      TotpSecret secret,
      @Nullable String code) {
    if (rawToken == null) {
      return new LinkRefused(VerificationResult.Reason.INVALID);
    }
    PresentedToken presented =
        PresentedToken.check(repository, tokens, TokenPurpose.INVITATION, rawToken);
    if (!(presented instanceof PresentedToken.Valid(String tokenHash, UUID accountId))) {
      return new LinkRefused(((PresentedToken.Refused) presented).reason());
    }
    Optional<Account> account = repository.findById(accountId);
    if (account.isEmpty()
        || account.get().status() != AccountStatus.ACTIVE
        || !ROLES.contains(account.get().role())) {
      return new LinkRefused(VerificationResult.Reason.INVALID);
    }
    List<SignUpResult.FieldProblem> problems =
        Accounts.passwordProblems(policy, password, account.get().email());
    if (!problems.isEmpty() || password == null) {
      return new PasswordRefused(problems);
    }
    String hash = hasher.hash(password);
    Instant now = clock.instant();
    Acceptance result =
        transaction.execute(
            status -> {
              if (!repository.markTokenUsed(tokenHash, now)) {
                return new LinkRefused(VerificationResult.Reason.USED);
              }
              Acceptance enrolled =
                  switch (secondFactors.enable(accountId, secret, code == null ? "" : code)) {
                    case ENABLED -> new Accepted(accountId);
                    case WRONG_CODE -> new WrongCode();
                    case ALREADY_ENABLED -> new LinkRefused(VerificationResult.Reason.USED);
                  };
              if (!(enrolled instanceof Accepted)) {
                status.setRollbackOnly();
                return enrolled;
              }
              repository.updatePasswordHash(accountId, hash);
              repository.markEmailVerified(accountId, now);
              events.publishEvent(new StaffEnrolled(accountId, now));
              return enrolled;
            });
    if (result == null) {
      throw new IllegalStateException("the transaction returned nothing");
    }
    if (result instanceof Accepted) {
      log.info("staff account {} accepted its invitation", accountId);
    }
    return result;
  }

  /** Every staff account, oldest first. */
  public List<StaffMember> staff() {
    return repository.findByRoles(ROLES).stream()
        .map(
            a ->
                new StaffMember(
                    a.id(),
                    a.email(),
                    a.role(),
                    a.emailVerified() && secondFactors.enabled(a.id()),
                    a.status() == AccountStatus.ACTIVE,
                    a.createdAt()))
        .toList();
  }

  /**
   * Invites {@code trademap.staff.initial-administrator} at start-up while no administrator exists
   * (accepted or not), so a fresh installation gets its first administrator without a default
   * password.
   */
  @EventListener(ApplicationReadyEvent.class)
  void inviteInitialAdministrator() {
    String email = staff.initialAdministrator();
    if (email == null || email.isBlank()) {
      return;
    }
    if (!repository.findByRoles(Set.of(Role.ADMINISTRATOR)).isEmpty()) {
      return;
    }
    switch (invite(null, email.strip(), apiName(Role.ADMINISTRATOR), Locale.ENGLISH)) {
      case Invited invited ->
          log.info(
              "initial administrator {} invited; the link is in the mail to"
                  + " trademap.staff.initial-administrator",
              invited.accountId());
      case InvitationInvalid invalid ->
          log.error(
              "trademap.staff.initial-administrator is not a valid address: {}",
              invalid.errors().stream().map(SignUpResult.FieldProblem::code).toList());
      case AddressTaken taken ->
          log.error(
              "trademap.staff.initial-administrator belongs to an existing account; no"
                  + " administrator was made");
    }
  }

  /** A password nobody knows: 256 random bits, thrown away after hashing. */
  private String unknowablePassword() {
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }
}
