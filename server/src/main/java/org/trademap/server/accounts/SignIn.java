package org.trademap.server.accounts;

import java.net.InetAddress;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.trademap.server.identity.LoginThrottle;
import org.trademap.server.identity.PasswordHasher;
import org.trademap.server.identity.ThrottleDecision;
import org.trademap.server.identity.TotpCheck;

/**
 * Checks credentials for the login page and {@code POST /api/v1/sessions}, behind the {@link
 * LoginThrottle}.
 *
 * <p>An unknown address, a wrong password, a throttled attempt and a disabled account all end in
 * the same {@link Refused}, after the same work: one Argon2id verification (against a dummy hash
 * when there is no account or the attempt is throttled). Only someone who knows the password learns
 * more: that the address still needs confirming ({@link EmailUnverified}), that a code is needed
 * ({@link SecondFactorNeeded}), or that the account's role needs a second factor it has not
 * enrolled ({@link SecondFactorMissing}).
 *
 * <p>Failures are counted per normalised address and source address; a completed login (every
 * factor the account has) makes the source trusted for the account, so that a lockout caused by
 * someone else's guessing does not lock its owner out (see {@link LoginThrottle}).
 */
@Service
final class SignIn {
  /** Addresses are at most 254 characters; longer input is cut for the throttle's key. */
  private static final int MAX_KEY_LENGTH = 254;

  private static final Logger log = LoggerFactory.getLogger(SignIn.class);

  /** What became of a login step. */
  sealed interface Outcome {}

  /**
   * Every factor checked: the person is signed in.
   *
   * @param user who
   */
  record Completed(SignedIn user) implements Outcome {}

  /**
   * The password is right and the account has a second factor: a code must follow.
   *
   * @param pending what the second step needs
   */
  record SecondFactorNeeded(Pending pending) implements Outcome {}

  /** Unknown address, wrong password or code, throttled, or disabled: all answered alike. */
  record Refused() implements Outcome {}

  /** The password is right but the address was never confirmed. */
  record EmailUnverified() implements Outcome {}

  /** The password is right but the account's role needs a second factor, and it has none. */
  record SecondFactorMissing() implements Outcome {}

  /**
   * A login whose password was right, waiting for the one-time code.
   *
   * @param user who will be signed in
   * @param throttleKey the address as typed, which the throttle counts failures under
   */
  record Pending(SignedIn user, String throttleKey) {
    @Override
    public String toString() {
      return "Pending[user=" + user + ", throttleKey=(hidden)]";
    }
  }

  private final AccountRepository accounts;
  private final PasswordHasher hasher;
  private final LoginThrottle throttle;
  private final SecondFactors secondFactors;

  SignIn(
      DataSource dataSource,
      PasswordHasher hasher,
      LoginThrottle throttle,
      SecondFactors secondFactors) {
    this.accounts = new AccountRepository(dataSource);
    this.hasher = hasher;
    this.throttle = throttle;
    this.secondFactors = secondFactors;
  }

  /** The first step: address and password. */
  Outcome password(@Nullable String email, @Nullable String password, InetAddress source) {
    String key = throttleKey(email);
    String typed = password == null ? "" : password;
    if (!(throttle.check(key, source) instanceof ThrottleDecision.Allowed)) {
      hasher.verifyDummy(typed);
      log.info("login throttled");
      return new Refused();
    }
    Optional<Account> found = key.isEmpty() ? Optional.empty() : accounts.findByEmail(key);
    if (found.isEmpty()) {
      hasher.verifyDummy(typed);
      throttle.recordFailure(key, source);
      log.info("login refused");
      return new Refused();
    }
    Account account = found.get();
    if (!hasher.verify(typed, account.passwordHash())) {
      throttle.recordFailure(key, source);
      log.info("login to account {} refused: wrong password", account.id());
      return new Refused();
    }
    if (account.status() != AccountStatus.ACTIVE) {
      log.info("login to account {} refused: {}", account.id(), account.status());
      return new Refused();
    }
    if (!account.emailVerified()) {
      log.info("login to account {} refused: email address not confirmed", account.id());
      return new EmailUnverified();
    }
    if (hasher.needsRehash(account.passwordHash())) {
      accounts.updatePasswordHash(account.id(), hasher.hash(typed));
      log.info("password hash of account {} upgraded", account.id());
    }
    SignedIn user = new SignedIn(account.id(), account.kind(), account.role());
    if (secondFactors.enabled(account.id())) {
      return new SecondFactorNeeded(new Pending(user, key));
    }
    if (account.role().requiresSecondFactor()) {
      log.info("login to account {} refused: its role needs a second factor", account.id());
      return new SecondFactorMissing();
    }
    throttle.recordCompletedLogin(key, source);
    return new Completed(user);
  }

  /** The second step: the one-time code, throttled like the password. */
  Outcome secondFactor(Pending pending, @Nullable String code, InetAddress source) {
    UUID accountId = pending.user().accountId();
    if (!(throttle.check(pending.throttleKey(), source) instanceof ThrottleDecision.Allowed)) {
      log.info("second factor of account {} throttled", accountId);
      return new Refused();
    }
    TotpCheck check = secondFactors.verify(accountId, code == null ? "" : code);
    if (!(check instanceof TotpCheck.Accepted)) {
      throttle.recordFailure(pending.throttleKey(), source);
      log.info(
          "second factor of account {} refused: {}", accountId, check.getClass().getSimpleName());
      return new Refused();
    }
    throttle.recordCompletedLogin(pending.throttleKey(), source);
    return new Completed(pending.user());
  }

  /**
   * Asks a signed-in person to prove it is still them before a sensitive change (switching the
   * second factor off): the password and, if the account has a second factor, a current code. Both
   * are throttled and counted like a login.
   */
  boolean reauthenticate(
      SignedIn user, @Nullable String password, @Nullable String code, InetAddress source) {
    Optional<Account> found = accounts.findById(user.accountId());
    String typed = password == null ? "" : password;
    if (found.isEmpty()) {
      hasher.verifyDummy(typed);
      return false;
    }
    String key = throttleKey(found.get().email());
    if (!(throttle.check(key, source) instanceof ThrottleDecision.Allowed)) {
      hasher.verifyDummy(typed);
      log.info("re-authentication of account {} throttled", user.accountId());
      return false;
    }
    boolean passwordRight = hasher.verify(typed, found.get().passwordHash());
    boolean codeRight =
        !secondFactors.enabled(user.accountId())
            || (passwordRight
                && secondFactors.verify(user.accountId(), code == null ? "" : code)
                    instanceof TotpCheck.Accepted);
    if (!passwordRight || !codeRight) {
      throttle.recordFailure(key, source);
      log.info("re-authentication of account {} refused", user.accountId());
      return false;
    }
    return true;
  }

  static String throttleKey(@Nullable String email) {
    String key = email == null ? "" : email.strip();
    return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
  }
}
