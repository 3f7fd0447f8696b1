package org.trademap.ledger.core.determinism;

import java.util.List;

/**
 * Thrown when a node is asked to accept a contract whose code could behave differently on different
 * nodes. The message lists every violation, one per line.
 */
public final class NonDeterministicContractException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Violation> violations;

  public NonDeterministicContractException(String contractClass, List<Violation> violations) {
    super(message(contractClass, violations));
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, in the order the check found them. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String contractClass, List<Violation> violations) {
    StringBuilder message =
        new StringBuilder(contractClass)
            .append(" is not deterministic (")
            .append(violations.size())
            .append(violations.size() == 1 ? " violation):" : " violations):");
    for (Violation violation : violations) {
      message.append('\n').append("  - ").append(violation);
    }
    return message.toString();
  }
}
