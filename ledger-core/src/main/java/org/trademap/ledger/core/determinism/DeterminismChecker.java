package org.trademap.ledger.core.determinism;

import java.util.List;
import org.trademap.ledger.api.contract.Contract;

/**
 * Refuses smart contracts whose code could behave differently on different nodes.
 *
 * <p>The check reads the class file of the contract through the contract's own class loader and
 * visits, with ASM, every instruction of every method: method calls, field reads and writes, {@code
 * new}, casts and {@code instanceof}, caught exception types, class constants, {@code
 * invokedynamic} bootstrap methods with their arguments (so a method reference such as {@code
 * System::currentTimeMillis} is seen), dynamic constants, and the super class, interfaces and field
 * and method descriptors. It follows, transitively, every class of the contract's package (nested
 * and inner classes included) and every class loaded from the contract's code source (the same jar
 * or directory) that the contract reaches, so a helper class cannot smuggle a clock in. Everything
 * else it reaches is a library type, judged by the policy below. A member named through an own
 * class but inherited from a library type (as in {@code this.wait()}) is judged as a member of that
 * library type.
 *
 * <h2>Policy</h2>
 *
 * An allowlist of library packages and types, with a denylist of members inside them:
 *
 * <ul>
 *   <li>{@code java.lang}: {@code Object} (not {@code wait}, {@code notify}, {@code notifyAll},
 *       {@code finalize}), {@code String} (not the forms that use the default locale or charset:
 *       {@code toLowerCase()}, {@code toUpperCase()}, {@code format(String, ...)}, {@code
 *       formatted}, {@code getBytes()}, {@code new String(byte[])}), {@code StringBuilder}, {@code
 *       CharSequence}, {@code Comparable}, {@code Iterable}, {@code AutoCloseable}, {@code
 *       Appendable}, {@code Cloneable}, {@code Record}, {@code Enum}, the boxed primitives and
 *       {@code Number} (not {@code Integer.getInteger}, {@code Long.getLong}, {@code
 *       Boolean.getBoolean}, which read system properties), {@code Character}, {@code Void}, {@code
 *       StrictMath} and {@code Math} (not {@code random}, and not the functions whose result the
 *       JDK lets vary between implementations, such as {@code sin} or {@code pow}: use {@code
 *       StrictMath}), {@code Throwable} and every {@code java.lang} exception and error (not {@code
 *       printStackTrace}); of {@code Class} only the members that describe a type ({@code getName},
 *       {@code isInstance}, {@code cast}, …) and of {@code System} only {@code arraycopy}.
 *   <li>{@code java.lang.invoke} and {@code java.lang.runtime} only as the bootstrap methods javac
 *       emits: {@code LambdaMetafactory}, {@code StringConcatFactory}, {@code ObjectMethods}
 *       (records) and {@code SwitchBootstraps}, plus {@code ConstantBootstraps.invoke} for the
 *       constants of pattern switches; {@code java.lang.constant} (nominal descriptors).
 *   <li>{@code java.util} with {@code function}, {@code stream} and {@code regex}: collections,
 *       {@code Optional}, {@code Arrays}, {@code Objects}, {@code HexFormat}, {@code Base64}, … but
 *       not {@code Random}, {@code SplittableRandom}, {@code UUID.randomUUID}, {@code
 *       Collections.shuffle}, {@code concurrent}, {@code random}, {@code Timer}, {@code
 *       ServiceLoader}, {@code Date}, {@code Calendar}, {@code TimeZone.getDefault}, {@code
 *       Locale.getDefault}, {@code Scanner}, {@code Formatter}, {@code ResourceBundle}, {@code
 *       WeakHashMap}, {@code IdentityHashMap}, {@code Objects.toIdentityString}, {@code logging},
 *       {@code prefs}, parallel streams or {@code Arrays.parallel*}.
 *   <li>{@code java.math}; {@code java.nio.charset} (not {@code Charset.defaultCharset}); the heap
 *       buffers of {@code java.nio} and {@code ByteOrder} (not {@code nativeOrder}).
 *   <li>{@code java.time} with {@code temporal}, {@code format} and {@code chrono}, but not {@code
 *       Clock}, {@code InstantSource}, any member named {@code now} or {@code dateNow}, {@code
 *       ZoneId.systemDefault}, nor the formatters that use the default locale.
 *   <li>{@code java.io.Serializable}, as a marker.
 *   <li>{@code org.trademap.ledger.api} and its sub-packages, but not {@code KeyPair.generate}
 *       (randomness) nor the node facade {@code org.trademap.ledger.api.node}.
 *   <li>The contract's own package and code source, which are checked in turn.
 * </ul>
 *
 * Everything else is refused, with the reason named: clocks ({@code System.currentTimeMillis},
 * {@code nanoTime}, any {@code now}, {@code Clock}), randomness ({@code Random}, {@code
 * SecureRandom}, {@code ThreadLocalRandom}, {@code Math.random}, {@code UUID.randomUUID}), threads
 * and concurrency ({@code Thread}, {@code ExecutorService}, {@code java.util.concurrent}, {@code
 * Object.wait} and {@code notify}; {@code synchronized} itself is harmless), I/O ({@code java.io}
 * except {@code Serializable}, {@code java.nio.file}, {@code java.nio.channels}, {@code java.net}),
 * reflection and dynamic loading ({@code java.lang.reflect}, {@code Class.forName}, {@code
 * getDeclaredMethods} and the like, {@code ClassLoader}, method handles outside the bootstraps
 * above), the process environment ({@code System.getenv}, {@code getProperty}, {@code exit}, {@code
 * Runtime}, {@code ProcessBuilder}), identity hash codes ({@code System.identityHashCode}), the
 * machine's default locale, charset and time zone, garbage collection ({@code java.lang.ref},
 * {@code WeakHashMap}), assertions ({@code assert} compiles to {@code
 * Class.desiredAssertionStatus}, and {@code -ea} may differ between nodes), and anything else: "not
 * on the allowlist of deterministic APIs".
 *
 * <p>Beyond API use, the check refuses native methods (their code cannot be checked), finalizers,
 * writes to static fields outside class initialisation, and writes to the contract's own fields
 * outside its constructor: the node keeps one contract instance, so such state would survive from
 * one transaction to the next and differ between a node that restarted and one that did not.
 *
 * <p>What the check cannot see: it assumes every node runs the same JDK (hash iteration orders and
 * time-zone rules are the JDK's), and it does not track values, so identity hash codes reached
 * through {@code Object.hashCode} or {@code Object.toString} are not caught: iterating a {@code
 * HashMap} whose keys hash by identity (enums, classes without {@code hashCode}) or printing an
 * object without its own {@code toString}. Prefer {@code TreeMap}, {@code EnumMap} or {@code
 * LinkedHashMap}, and records. Mutating a collection held in a static final field is not caught
 * either.
 */
public final class DeterminismChecker {

  private DeterminismChecker() {}

  /**
   * Every violation in the contract class and the own code it reaches, in the order found; empty if
   * the contract is deterministic as far as the policy can tell.
   *
   * @throws IllegalArgumentException if the class has no class file (arrays, primitives, hidden
   *     classes)
   * @throws java.io.UncheckedIOException if a class file exists but cannot be read
   */
  public static List<Violation> check(Class<? extends Contract> contractClass) {
    return Analysis.of(contractClass);
  }

  /**
   * Accepts a deterministic class, or refuses it listing every violation. The node calls this
   * before it accepts a contract.
   *
   * @throws NonDeterministicContractException if the check finds any violation
   */
  public static void requireDeterministic(Class<?> contractClass) {
    List<Violation> violations = Analysis.of(contractClass);
    if (!violations.isEmpty()) {
      throw new NonDeterministicContractException(contractClass.getName(), violations);
    }
  }
}
