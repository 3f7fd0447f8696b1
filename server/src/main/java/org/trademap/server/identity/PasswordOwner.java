package org.trademap.server.identity;

import java.util.List;

/**
 * Who a new password is for: what the password must not contain.
 *
 * @param email the account's email address; its local part (before the last {@code @}) and the
 *     parts of it between dots, dashes, underscores and plus signs count
 * @param names the person's surname and given names, or the company's name; each name and each of
 *     its words count
 */
public record PasswordOwner(String email, List<String> names) {
  public PasswordOwner {
    names = List.copyOf(names);
  }

  /** An owner known only by an email address (e.g. at sign-up, before the profile exists). */
  public static PasswordOwner ofEmail(String email) {
    return new PasswordOwner(email, List.of());
  }
}
