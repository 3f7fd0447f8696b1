package org.trademap.server.accounts;

import java.util.List;

/** What became of a sign-up. */
public sealed interface SignUpResult {

  /**
   * The sign-up was taken: either a new account was created and its verification link mailed, or
   * the address already had an account and its owner was told by mail. The caller answers both the
   * same way.
   */
  record Accepted() implements SignUpResult {}

  /**
   * The input was refused.
   *
   * @param errors every field that was refused and why, at least one
   */
  record Invalid(List<FieldProblem> errors) implements SignUpResult {
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an Invalid needs at least one error");
      }
    }
  }

  /**
   * One refused field.
   *
   * @param field the JSON member, e.g. {@code password}
   * @param code the stable code, e.g. {@code password.common} or {@code email.invalid}
   */
  record FieldProblem(String field, String code) {}
}
