package org.trademap.server.identity;

import java.util.List;

/** Whether a new password may be used, and if not, every rule it breaks. */
public sealed interface PasswordVerdict {

  /** The password may be used. */
  record Acceptable() implements PasswordVerdict {}

  /**
   * The password breaks these rules, in the order of {@link Reason}; never empty.
   *
   * @param reasons the broken rules
   */
  record Rejected(List<Reason> reasons) implements PasswordVerdict {
    public Rejected {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one reason");
      }
    }
  }

  /** A broken rule, with a stable code that is also the key of its sentence in the messages. */
  enum Reason {
    /** Shorter than the minimum length ({@code {0}} in the message). */
    TOO_SHORT("password.too-short"),
    /** Longer than the maximum length ({@code {0}} in the message). */
    TOO_LONG("password.too-long"),
    /** On the list of common and breached passwords, ignoring case. */
    COMMON("password.common"),
    /**
     * Contains the user's name, part of their email address or the name of this service, ignoring
     * case.
     */
    CONTAINS_IDENTITY("password.contains-identity");

    private final String code;

    Reason(String code) {
      this.code = code;
    }

    /** The stable code, e.g. {@code password.too-short}. */
    public String code() {
      return code;
    }
  }
}
