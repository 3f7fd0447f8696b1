package org.trademap.server.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a new password (at sign-up, change or reset) may be used, after OWASP ASVS 5.0
 * V6.2:
 *
 * <ul>
 *   <li>at least {@code trademap.identity.password.min-length} (default 12) and at most {@code
 *       max-length} (default 128) characters, counted as Unicode code points after NFC;
 *   <li>not on the list of common and breached passwords (ignoring case);
 *   <li>not containing the user's name, the local part of their email address or a word of this
 *       service (ignoring case); only fragments of three or more characters count, since shorter
 *       ones would refuse too many unrelated passwords.
 * </ul>
 *
 * <p>There are no composition rules (no "one digit, one capital"): any printable or unprintable
 * character, spaces included, is allowed. The password is never trimmed or truncated.
 */
public final class PasswordPolicy {
  private static final int MIN_FRAGMENT = 3;
  private static final Pattern EMAIL_SEPARATORS = Pattern.compile("[._+\\-]+");
  private static final Pattern NAME_SEPARATORS = Pattern.compile("[\\s\\-'’.,]+");

  private final IdentityProperties.Password settings;
  private final CommonPasswords common;
  private final List<String> contextWords;

  /** A policy with the given settings and the bundled common-password list. */
  public PasswordPolicy(IdentityProperties.Password settings) {
    this(settings, CommonPasswords.bundled(settings.minLength()));
  }

  PasswordPolicy(IdentityProperties.Password settings, CommonPasswords common) {
    this.settings = settings;
    this.common = common;
    this.contextWords =
        settings.contextWords().stream()
            .map(Unicode::folded)
            .filter(w -> Unicode.length(w) >= MIN_FRAGMENT)
            .toList();
  }

  /**
   * The shortest acceptable length, for the sentence of {@link PasswordVerdict.Reason#TOO_SHORT}.
   */
  public int minLength() {
    return settings.minLength();
  }

  /** The longest acceptable length, for the sentence of {@link PasswordVerdict.Reason#TOO_LONG}. */
  public int maxLength() {
    return settings.maxLength();
  }

  /** Checks a new password for its owner. */
  public PasswordVerdict check(String password, PasswordOwner owner) {
    List<PasswordVerdict.Reason> reasons = new ArrayList<>();
    int length = Unicode.length(password);
    if (length < settings.minLength()) {
      reasons.add(PasswordVerdict.Reason.TOO_SHORT);
    }
    if (length > settings.maxLength()) {
      reasons.add(PasswordVerdict.Reason.TOO_LONG);
    }
    if (common.contains(password)) {
      reasons.add(PasswordVerdict.Reason.COMMON);
    }
    if (containsIdentity(Unicode.folded(password), owner)) {
      reasons.add(PasswordVerdict.Reason.CONTAINS_IDENTITY);
    }
    return reasons.isEmpty()
        ? new PasswordVerdict.Acceptable()
        : new PasswordVerdict.Rejected(reasons);
  }

  private boolean containsIdentity(String foldedPassword, PasswordOwner owner) {
    for (String fragment : fragments(owner)) {
      if (foldedPassword.contains(fragment)) {
        return true;
      }
    }
    return false;
  }

  private Set<String> fragments(PasswordOwner owner) {
    Set<String> fragments = new LinkedHashSet<>(contextWords);
    String email = Unicode.folded(owner.email().strip());
    int at = email.lastIndexOf('@');
    String local = at >= 0 ? email.substring(0, at) : email;
    addWithParts(fragments, local, EMAIL_SEPARATORS);
    for (String name : owner.names()) {
      addWithParts(fragments, Unicode.folded(name.strip()), NAME_SEPARATORS);
    }
    return fragments;
  }

  private static void addWithParts(Set<String> fragments, String text, Pattern separators) {
    add(fragments, text);
    separators.splitAsStream(text).forEach(part -> add(fragments, part));
  }

  private static void add(Set<String> fragments, String fragment) {
    if (Unicode.length(fragment) >= MIN_FRAGMENT) {
      fragments.add(fragment);
    }
  }
}
