package org.trademap.ledger.core.determinism;

import java.io.Serializable;

/**
 * One use of a non-deterministic or unlisted API found in a contract's code.
 *
 * @param className binary name of the class whose code makes the reference, e.g. {@code
 *     org.example.KycContract$Helper}
 * @param methodName the method making it ({@code <init>} for constructors, {@code <clinit>} for
 *     static initialisers, {@code lambda$invoke$0} for a lambda body written in {@code invoke}),
 *     {@code <class>} for the class header or {@code <field NAME>} for a field declaration
 * @param reference what is used, in JVM notation: a type ({@code java/util/Random}), a method
 *     ({@code java/lang/System.currentTimeMillis()J}) or a field ({@code
 *     java/lang/System.out:Ljava/io/PrintStream;})
 * @param reason why it is refused, e.g. {@code reads a clock}
 */
public record Violation(String className, String methodName, String reference, String reason)
    implements Serializable {

  public Violation {
    if (className.isEmpty() || methodName.isEmpty() || reference.isEmpty() || reason.isEmpty()) {
      throw new IllegalArgumentException(
          "a violation names the class, method, reference and reason");
    }
  }

  /** The violation as one line for people: where, what, and why. */
  @Override
  public String toString() {
    return className + "." + methodName + " uses " + reference + ": " + reason;
  }
}
