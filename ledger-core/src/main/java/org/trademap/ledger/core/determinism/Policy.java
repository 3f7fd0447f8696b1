package org.trademap.ledger.core.determinism;

import static java.util.Map.entry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/**
 * Which JVM types and members a contract may use, and why the others are refused. The rules are
 * described in {@link DeterminismChecker}; this class only encodes them. Names are JVM internal
 * names ({@code java/lang/String}); nested types are judged with their top-level type unless they
 * are named explicitly.
 */
final class Policy {

  static final String CLOCK = "reads a clock";
  static final String RANDOMNESS = "uses randomness";
  static final String CONCURRENCY = "uses threads or concurrency";
  static final String IO = "performs I/O";
  static final String REFLECTION = "uses reflection or dynamic class loading";
  static final String ENVIRONMENT = "reads or changes the process environment";
  static final String MACHINE_DEFAULTS =
      "depends on the default locale, charset or time zone of the machine";
  static final String IDENTITY = "depends on identity hash codes, which differ between runs";
  static final String GARBAGE_COLLECTION = "depends on garbage collection";
  static final String FLOATING_POINT =
      "may round differently on other JVMs or CPUs (StrictMath gives the same result everywhere)";
  static final String ASSERTIONS = "depends on whether the node runs with assertions enabled (-ea)";
  static final String NODE_FACADE = "reaches outside the transaction through the node facade";
  static final String NOT_ALLOWED = "not on the allowlist of deterministic APIs";
  static final String BOOTSTRAP =
      "uses a bootstrap method other than those of lambdas, string concatenation, records and"
          + " switches";
  static final String NATIVE = "declares a native method, whose code cannot be checked";
  static final String FINALIZER =
      "declares a finalizer, which runs when the garbage collector chooses";
  static final String STATIC_STATE =
      "writes a static field outside class initialisation, so state would survive between"
          + " transactions";
  static final String CONTRACT_STATE =
      "writes a field of the contract outside its constructor, so state would survive between"
          + " transactions";
  static final String UNREADABLE = "class file cannot be read, so it cannot be checked";

  /** Types refused whatever member is used, by exact (possibly nested) or top-level name. */
  private static final Map<String, String> DENIED_TYPES =
      Map.ofEntries(
          entry("java/lang/Thread", CONCURRENCY),
          entry("java/lang/ThreadLocal", CONCURRENCY),
          entry("java/lang/InheritableThreadLocal", CONCURRENCY),
          entry("java/lang/ThreadGroup", CONCURRENCY),
          entry("java/lang/ScopedValue", CONCURRENCY),
          entry("java/lang/Runtime", ENVIRONMENT),
          entry("java/lang/Process", ENVIRONMENT),
          entry("java/lang/ProcessBuilder", ENVIRONMENT),
          entry("java/lang/ProcessHandle", ENVIRONMENT),
          entry("java/lang/SecurityManager", ENVIRONMENT),
          entry("java/lang/System$Logger", IO),
          entry("java/lang/System$LoggerFinder", IO),
          entry("java/lang/ClassLoader", REFLECTION),
          entry("java/lang/Module", REFLECTION),
          entry("java/lang/ModuleLayer", REFLECTION),
          entry("java/lang/Package", REFLECTION),
          entry("java/lang/StackWalker", REFLECTION),
          entry("java/lang/ClassValue", REFLECTION),
          entry("java/util/Random", RANDOMNESS),
          entry("java/util/SplittableRandom", RANDOMNESS),
          entry("java/util/concurrent/ThreadLocalRandom", RANDOMNESS),
          entry("java/security/SecureRandom", RANDOMNESS),
          entry("java/util/Timer", CONCURRENCY),
          entry("java/util/TimerTask", CONCURRENCY),
          entry("java/util/ServiceLoader", REFLECTION),
          entry("java/util/Date", CLOCK),
          entry("java/util/Calendar", CLOCK),
          entry("java/util/GregorianCalendar", CLOCK),
          entry("java/util/Scanner", MACHINE_DEFAULTS),
          entry("java/util/Formatter", MACHINE_DEFAULTS),
          entry("java/util/ResourceBundle", IO),
          entry("java/util/PropertyResourceBundle", IO),
          entry("java/util/ListResourceBundle", IO),
          entry("java/util/WeakHashMap", GARBAGE_COLLECTION),
          entry("java/util/IdentityHashMap", IDENTITY),
          entry("java/time/Clock", CLOCK),
          entry("java/time/InstantSource", CLOCK),
          entry("java/nio/MappedByteBuffer", IO));

  /** Packages refused as a whole, with their sub-packages; the first matching prefix wins. */
  private static final List<Map.Entry<String, String>> DENIED_PREFIXES =
      List.of(
          entry("java/util/concurrent/", CONCURRENCY),
          entry("java/util/random/", RANDOMNESS),
          entry("java/util/logging/", IO),
          entry("java/util/prefs/", IO),
          entry("java/io/", IO),
          entry("java/nio/file/", IO),
          entry("java/nio/channels/", IO),
          entry("java/net/", IO),
          entry("javax/net/", IO),
          entry("java/lang/reflect/", REFLECTION),
          entry("java/lang/invoke/", REFLECTION),
          entry("java/lang/runtime/", REFLECTION),
          entry("java/lang/instrument/", REFLECTION),
          entry("java/lang/ref/", GARBAGE_COLLECTION),
          entry("java/lang/management/", ENVIRONMENT),
          entry("org/trademap/ledger/api/node/", NODE_FACADE));

  private static final Set<String> JAVA_LANG_TYPES =
      Set.of(
          "Object",
          "String",
          "StringBuilder",
          "CharSequence",
          "Comparable",
          "Iterable",
          "AutoCloseable",
          "Appendable",
          "Cloneable",
          "Record",
          "Enum",
          "Boolean",
          "Byte",
          "Short",
          "Integer",
          "Long",
          "Float",
          "Double",
          "Number",
          "Character",
          "Void",
          "Math",
          "StrictMath",
          "Throwable",
          "Class",
          "System");

  private static final Set<String> ALLOWED_PACKAGES =
      Set.of(
          "java/util",
          "java/util/function",
          "java/util/stream",
          "java/util/regex",
          "java/math",
          "java/nio/charset",
          "java/time",
          "java/time/temporal",
          "java/time/format",
          "java/time/chrono");

  private static final Set<String> NIO_TYPES =
      Set.of(
          "Buffer",
          "ByteBuffer",
          "CharBuffer",
          "ShortBuffer",
          "IntBuffer",
          "LongBuffer",
          "FloatBuffer",
          "DoubleBuffer",
          "ByteOrder",
          "BufferOverflowException",
          "BufferUnderflowException",
          "ReadOnlyBufferException",
          "InvalidMarkException");

  /** The members of {@code java/lang/Class} that tell about a type without reflecting on it. */
  private static final Set<String> CLASS_MEMBERS =
      Set.of(
          "getName",
          "getSimpleName",
          "getTypeName",
          "getCanonicalName",
          "getPackageName",
          "isInstance",
          "cast",
          "isAssignableFrom",
          "isArray",
          "isPrimitive",
          "isInterface",
          "isEnum",
          "isRecord",
          "getComponentType",
          "componentType",
          "arrayType",
          "descriptorString",
          "describeConstable",
          "toString",
          "equals",
          "hashCode");

  /** Math functions whose result the JDK lets vary by one ulp between implementations. */
  private static final Set<String> INEXACT_MATH =
      Set.of(
          "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sinh", "cosh", "tanh", "exp",
          "expm1", "log", "log10", "log1p", "pow", "cbrt", "hypot");

  private Policy() {}

  /** Why a contract may not use {@code type} at all, or {@code null} if it may. */
  static @Nullable String typeRefusal(String type) {
    String top = topLevel(type);
    String denied = DENIED_TYPES.get(type);
    if (denied == null) {
      denied = DENIED_TYPES.get(top);
    }
    if (denied != null) {
      return denied;
    }
    if (type.equals("java/io/Serializable")) {
      return null;
    }
    for (Map.Entry<String, String> prefix : DENIED_PREFIXES) {
      if (type.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return allowedType(top) ? null : NOT_ALLOWED;
  }

  private static boolean allowedType(String top) {
    String pkg = packageOf(top);
    String simple = top.substring(top.lastIndexOf('/') + 1);
    if (pkg.equals("java/lang")) {
      return JAVA_LANG_TYPES.contains(simple)
          || simple.endsWith("Exception")
          || simple.endsWith("Error");
    }
    if (pkg.equals("java/nio")) {
      return NIO_TYPES.contains(simple);
    }
    return ALLOWED_PACKAGES.contains(pkg)
        || top.startsWith("java/lang/constant/")
        || top.startsWith("org/trademap/ledger/api/");
  }

  /**
   * Why a contract may not use the member {@code name} (a method or field, with its descriptor) of
   * {@code owner}, a type it may use; {@code null} if it may.
   */
  static @Nullable String memberRefusal(String owner, String name, String descriptor) {
    String universal = universalRefusal(name, descriptor);
    if (universal != null) {
      return universal;
    }
    String specific =
        switch (owner) {
          case "java/lang/System" -> systemRefusal(name);
          case "java/lang/Class" -> classRefusal(name);
          case "java/lang/Math" ->
              name.equals("random")
                  ? RANDOMNESS
                  : INEXACT_MATH.contains(name) ? FLOATING_POINT : null;
          case "java/lang/StrictMath" -> name.equals("random") ? RANDOMNESS : null;
          case "java/lang/Integer" -> name.equals("getInteger") ? ENVIRONMENT : null;
          case "java/lang/Long" -> name.equals("getLong") ? ENVIRONMENT : null;
          case "java/lang/Boolean" -> name.equals("getBoolean") ? ENVIRONMENT : null;
          case "java/lang/String" -> stringRefusal(name, descriptor);
          case "java/util/UUID" -> name.equals("randomUUID") ? RANDOMNESS : null;
          case "java/util/Collections" -> name.equals("shuffle") ? RANDOMNESS : null;
          case "java/util/Arrays" -> name.startsWith("parallel") ? CONCURRENCY : null;
          case "java/util/Objects" -> name.equals("toIdentityString") ? IDENTITY : null;
          case "java/util/Locale", "java/util/TimeZone" ->
              name.equals("getDefault") || name.equals("setDefault") ? MACHINE_DEFAULTS : null;
          case "java/time/ZoneId" -> name.equals("systemDefault") ? MACHINE_DEFAULTS : null;
          case "java/time/format/DateTimeFormatter" ->
              name.startsWith("ofLocalized")
                      || (name.equals("ofPattern")
                          && descriptor.equals(
                              "(Ljava/lang/String;)Ljava/time/format/DateTimeFormatter;"))
                  ? MACHINE_DEFAULTS
                  : null;
          case "java/time/format/DateTimeFormatterBuilder" ->
              name.equals("toFormatter") && descriptor.startsWith("()") ? MACHINE_DEFAULTS : null;
          case "java/time/format/DecimalStyle" ->
              name.equals("ofDefaultLocale") ? MACHINE_DEFAULTS : null;
          case "java/nio/charset/Charset" ->
              name.equals("defaultCharset") ? MACHINE_DEFAULTS : null;
          case "java/nio/ByteOrder" -> name.equals("nativeOrder") ? ENVIRONMENT : null;
          case "org/trademap/ledger/api/crypto/KeyPair" ->
              name.equals("generate") ? RANDOMNESS : null;
          default -> null;
        };
    if (specific != null) {
      return specific;
    }
    if (owner.startsWith("java/time/") && (name.equals("now") || name.equals("dateNow"))) {
      return CLOCK;
    }
    if (owner.startsWith("java/util/") && name.equals("parallelStream")) {
      return CONCURRENCY;
    }
    if (owner.startsWith("java/util/stream/") && name.equals("parallel")) {
      return CONCURRENCY;
    }
    return null;
  }

  /**
   * Members of {@code java/lang/Object} and {@code Throwable}, whatever type they are called on.
   */
  private static @Nullable String universalRefusal(String name, String descriptor) {
    boolean monitor =
        (name.equals("wait")
                && (descriptor.equals("()V")
                    || descriptor.equals("(J)V")
                    || descriptor.equals("(JI)V")))
            || ((name.equals("notify") || name.equals("notifyAll")) && descriptor.equals("()V"));
    if (monitor) {
      return CONCURRENCY;
    }
    if (name.equals("finalize") && descriptor.equals("()V")) {
      return GARBAGE_COLLECTION;
    }
    if (name.equals("printStackTrace")) {
      return IO;
    }
    return null;
  }

  private static @Nullable String systemRefusal(String name) {
    return switch (name) {
      case "arraycopy" -> null;
      case "currentTimeMillis", "nanoTime" -> CLOCK;
      case "identityHashCode" -> IDENTITY;
      case "in",
          "out",
          "err",
          "setIn",
          "setOut",
          "setErr",
          "console",
          "inheritedChannel",
          "getLogger" ->
          IO;
      case "load", "loadLibrary", "mapLibraryName" -> REFLECTION;
      default -> ENVIRONMENT;
    };
  }

  private static @Nullable String classRefusal(String name) {
    if (name.equals("desiredAssertionStatus")) {
      return ASSERTIONS;
    }
    return CLASS_MEMBERS.contains(name) ? null : REFLECTION;
  }

  private static @Nullable String stringRefusal(String name, String descriptor) {
    boolean usesDefaults =
        switch (name) {
          case "toLowerCase", "toUpperCase" -> descriptor.equals("()Ljava/lang/String;");
          case "format" -> descriptor.startsWith("(Ljava/lang/String;");
          case "formatted" -> true;
          case "getBytes" -> descriptor.equals("()[B");
          case "<init>" -> descriptor.equals("([B)V") || descriptor.equals("([BII)V");
          default -> false;
        };
    return usesDefaults ? MACHINE_DEFAULTS : null;
  }

  /**
   * Whether a contract may use {@code bootstrap}: for {@code invokedynamic} only the bootstraps
   * javac emits for lambdas, string concatenation, records and pattern switches; for dynamic
   * constants only {@code ConstantBootstraps.invoke}, whose target is checked like any call.
   */
  static boolean allowedBootstrap(Handle bootstrap, boolean dynamicConstant) {
    if (bootstrap.getTag() != Opcodes.H_INVOKESTATIC) {
      return false;
    }
    String member = bootstrap.getOwner() + "." + bootstrap.getName();
    if (dynamicConstant) {
      return member.equals("java/lang/invoke/ConstantBootstraps.invoke");
    }
    return switch (member) {
      case "java/lang/invoke/LambdaMetafactory.metafactory",
          "java/lang/invoke/LambdaMetafactory.altMetafactory",
          "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
          "java/lang/invoke/StringConcatFactory.makeConcat",
          "java/lang/runtime/ObjectMethods.bootstrap",
          "java/lang/runtime/SwitchBootstraps.typeSwitch",
          "java/lang/runtime/SwitchBootstraps.enumSwitch" ->
          true;
      default -> false;
    };
  }

  static String topLevel(String type) {
    int dollar = type.indexOf('$', type.lastIndexOf('/') + 1);
    return dollar < 0 ? type : type.substring(0, dollar);
  }

  static String packageOf(String type) {
    int slash = type.lastIndexOf('/');
    return slash < 0 ? "" : type.substring(0, slash);
  }
}
