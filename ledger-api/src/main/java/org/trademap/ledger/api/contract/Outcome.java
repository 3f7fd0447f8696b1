package org.trademap.ledger.api.contract;

import java.util.Arrays;

/** What a contract returns: accepted with a result value, or rejected with a code and sentence. */
public sealed interface Outcome {

  static Outcome accepted(byte[] value) {
    return new Accepted(value);
  }

  static Outcome accepted() {
    return new Accepted(new byte[0]);
  }

  static Outcome rejected(String code, String message) {
    return new Rejected(code, message);
  }

  /** The transaction took effect. */
  record Accepted(byte[] value) implements Outcome {
    public Accepted {
      value = value.clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Accepted a && Arrays.equals(value, a.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Accepted[" + value.length + " bytes]";
    }
  }

  /**
   * The contract refused; nothing it wrote is kept.
   *
   * @param code stable machine-readable code, e.g. {@code kyc.subject-exists}
   * @param message one sentence for people, without personal data
   */
  record Rejected(String code, String message) implements Outcome {
    public Rejected {
      if (code.isBlank() || message.isBlank()) {
        throw new IllegalArgumentException("a rejection needs a code and a sentence");
      }
    }
  }
}
