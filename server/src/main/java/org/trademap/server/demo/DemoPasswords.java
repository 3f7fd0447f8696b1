package org.trademap.server.demo;

import java.security.SecureRandom;
import org.trademap.server.identity.PasswordOwner;
import org.trademap.server.identity.PasswordPolicy;
import org.trademap.server.identity.PasswordVerdict;

/**
 * Random passwords for the demo accounts: 24 characters in groups of four from 57 letters and
 * digits that cannot be mistaken for each other (no 0, O, 1, l, I), about 140 bits, checked against
 * the password policy like any other new password.
 */
final class DemoPasswords {
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final int GROUPS = 6;
  private static final int GROUP_LENGTH = 4;
  private static final int ATTEMPTS = 100;

  private final PasswordPolicy policy;
  private final SecureRandom random;

  DemoPasswords(PasswordPolicy policy, SecureRandom random) {
    this.policy = policy;
    this.random = random;
  }

  /** A new password the policy accepts for the address, e.g. {@code Xk7p-…-9fQa}. */
  String forAddress(String email) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String password = next();
      if (policy.check(password, PasswordOwner.ofEmail(email))
          instanceof PasswordVerdict.Acceptable) {
        return password;
      }
    }
    throw new IllegalStateException(
        "the password policy refused " + ATTEMPTS + " random passwords of 24 characters");
  }

  private String next() {
    StringBuilder password = new StringBuilder();
    for (int group = 0; group < GROUPS; group++) {
      if (group > 0) {
        password.append('-');
      }
      for (int i = 0; i < GROUP_LENGTH; i++) {
        password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
    }
    return password.toString();
  }
}
