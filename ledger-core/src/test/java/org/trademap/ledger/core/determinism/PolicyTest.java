package org.trademap.ledger.core.determinism;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;

/** The policy's decisions for APIs the fixture contracts do not exercise. */
class PolicyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "java/lang/String",
        "java/lang/StringBuilder",
        "java/lang/Integer",
        "java/lang/IllegalArgumentException",
        "java/lang/MatchException",
        "java/lang/NoSuchFieldError",
        "java/lang/Character$UnicodeBlock",
        "java/lang/Enum$EnumDesc",
        "java/lang/constant/ClassDesc",
        "java/io/Serializable",
        "java/util/TreeMap",
        "java/util/Map$Entry",
        "java/util/HexFormat",
        "java/util/Base64$Encoder",
        "java/util/function/Function",
        "java/util/stream/Collectors",
        "java/util/regex/Pattern",
        "java/math/BigDecimal",
        "java/nio/ByteBuffer",
        "java/nio/charset/StandardCharsets",
        "java/time/LocalDate",
        "java/time/format/DateTimeFormatter",
        "org/trademap/ledger/api/crypto/Hash",
        "org/trademap/ledger/api/contract/Outcome$Rejected"
      })
  void allowsDeterministicTypes(String type) {
    assertThat(Policy.typeRefusal(type)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          java/time/Clock                          | reads a clock
          java/util/Date                           | reads a clock
          java/util/concurrent/ThreadLocalRandom   | uses randomness
          java/util/random/RandomGenerator         | uses randomness
          java/util/concurrent/atomic/AtomicLong   | uses threads or concurrency
          java/lang/Thread$Builder                 | uses threads or concurrency
          java/util/Timer                          | uses threads or concurrency
          java/io/File                             | performs I/O
          java/nio/channels/FileChannel            | performs I/O
          java/net/URI                             | performs I/O
          java/util/logging/Logger                 | performs I/O
          java/lang/System$Logger                  | performs I/O
          java/lang/reflect/Field                  | uses reflection or dynamic class loading
          java/lang/invoke/MethodHandles           | uses reflection or dynamic class loading
          java/lang/invoke/MethodHandles$Lookup    | uses reflection or dynamic class loading
          java/lang/ClassLoader                    | uses reflection or dynamic class loading
          java/util/ServiceLoader                  | uses reflection or dynamic class loading
          java/lang/Runtime                        | reads or changes the process environment
          java/lang/ProcessBuilder$Redirect        | reads or changes the process environment
          java/lang/ref/WeakReference              | depends on garbage collection
          java/util/WeakHashMap                    | depends on garbage collection
          java/util/IdentityHashMap                | depends on identity hash codes, which differ between runs
          java/util/Scanner                        | depends on the default locale, charset or time zone of the machine
          org/trademap/ledger/api/node/Ledger      | reaches outside the transaction through the node facade
          java/lang/Runnable                       | not on the allowlist of deterministic APIs
          java/security/MessageDigest              | not on the allowlist of deterministic APIs
          java/nio/file/Path                       | performs I/O
          java/time/zone/ZoneRulesProvider         | not on the allowlist of deterministic APIs
          sun/misc/Unsafe                          | not on the allowlist of deterministic APIs
          org/trademap/ledger/core/node/Node       | not on the allowlist of deterministic APIs
          """)
  void refusesTypesWithTheirReason(String type, String reason) {
    assertThat(Policy.typeRefusal(type)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          java/lang/System                       | arraycopy        | (Ljava/lang/Object;ILjava/lang/Object;II)V
          java/lang/Object                       | hashCode         | ()I
          java/lang/Object                       | getClass         | ()Ljava/lang/Class;
          java/lang/Class                        | getSimpleName    | ()Ljava/lang/String;
          java/lang/Math                         | sqrt             | (D)D
          java/lang/Math                         | floorMod         | (JJ)J
          java/lang/StrictMath                   | pow              | (DD)D
          java/lang/String                       | toLowerCase      | (Ljava/util/Locale;)Ljava/lang/String;
          java/lang/String                       | format           | (Ljava/util/Locale;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;
          java/lang/String                       | getBytes         | (Ljava/nio/charset/Charset;)[B
          java/lang/Enum                         | valueOf          | (Ljava/lang/Class;Ljava/lang/String;)Ljava/lang/Enum;
          java/util/UUID                         | nameUUIDFromBytes | ([B)Ljava/util/UUID;
          java/util/Locale                       | forLanguageTag   | (Ljava/lang/String;)Ljava/util/Locale;
          java/util/List                         | stream           | ()Ljava/util/stream/Stream;
          java/time/Instant                      | ofEpochMilli     | (J)Ljava/time/Instant;
          java/time/ZoneId                       | of               | (Ljava/lang/String;)Ljava/time/ZoneId;
          java/time/format/DateTimeFormatter     | ofPattern        | (Ljava/lang/String;Ljava/util/Locale;)Ljava/time/format/DateTimeFormatter;
          org/trademap/ledger/api/crypto/KeyPair | fromPrivateKey   | ([B)Lorg/trademap/ledger/api/crypto/KeyPair;
          """)
  void allowsDeterministicMembers(String owner, String name, String descriptor) {
    assertThat(Policy.memberRefusal(owner, name, descriptor)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          java/lang/System                   | nanoTime          | ()J                                   | reads a clock
          java/time/LocalDate                | now               | ()Ljava/time/LocalDate;               | reads a clock
          java/time/chrono/IsoChronology     | dateNow           | ()Ljava/time/LocalDate;               | reads a clock
          java/lang/StrictMath               | random            | ()D                                   | uses randomness
          java/util/Collections              | shuffle           | (Ljava/util/List;)V                   | uses randomness
          org/trademap/ledger/api/crypto/KeyPair | generate      | (Ljava/security/SecureRandom;)Lorg/trademap/ledger/api/crypto/KeyPair; | uses randomness
          java/util/List                     | wait              | ()V                                   | uses threads or concurrency
          java/lang/Object                   | notify            | ()V                                   | uses threads or concurrency
          java/util/ArrayList                | parallelStream    | ()Ljava/util/stream/Stream;           | uses threads or concurrency
          java/util/stream/IntStream         | parallel          | ()Ljava/util/stream/IntStream;        | uses threads or concurrency
          java/util/Arrays                   | parallelSort      | ([I)V                                 | uses threads or concurrency
          java/lang/IllegalStateException    | printStackTrace   | ()V                                   | performs I/O
          java/lang/System                   | err               | Ljava/io/PrintStream;                 | performs I/O
          java/lang/Class                    | getDeclaredFields | ()[Ljava/lang/reflect/Field;          | uses reflection or dynamic class loading
          java/lang/Class                    | getClassLoader    | ()Ljava/lang/ClassLoader;             | uses reflection or dynamic class loading
          java/lang/System                   | loadLibrary       | (Ljava/lang/String;)V                 | uses reflection or dynamic class loading
          java/lang/System                   | getProperty       | (Ljava/lang/String;)Ljava/lang/String; | reads or changes the process environment
          java/lang/System                   | exit              | (I)V                                  | reads or changes the process environment
          java/lang/Integer                  | getInteger        | (Ljava/lang/String;)Ljava/lang/Integer; | reads or changes the process environment
          java/nio/ByteOrder                 | nativeOrder       | ()Ljava/nio/ByteOrder;                | reads or changes the process environment
          java/util/Objects                  | toIdentityString  | (Ljava/lang/Object;)Ljava/lang/String; | depends on identity hash codes, which differ between runs
          java/lang/Object                   | finalize          | ()V                                   | depends on garbage collection
          java/time/ZoneId                   | systemDefault     | ()Ljava/time/ZoneId;                  | depends on the default locale, charset or time zone of the machine
          java/util/TimeZone                 | getDefault        | ()Ljava/util/TimeZone;                | depends on the default locale, charset or time zone of the machine
          java/util/Locale                   | getDefault        | ()Ljava/util/Locale;                  | depends on the default locale, charset or time zone of the machine
          java/nio/charset/Charset           | defaultCharset    | ()Ljava/nio/charset/Charset;          | depends on the default locale, charset or time zone of the machine
          java/lang/String                   | format            | (Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String; | depends on the default locale, charset or time zone of the machine
          java/lang/String                   | getBytes          | ()[B                                  | depends on the default locale, charset or time zone of the machine
          java/lang/String                   | <init>            | ([B)V                                 | depends on the default locale, charset or time zone of the machine
          java/time/format/DateTimeFormatter | ofPattern         | (Ljava/lang/String;)Ljava/time/format/DateTimeFormatter; | depends on the default locale, charset or time zone of the machine
          java/lang/Math                     | pow               | (DD)D                                 | may round differently on other JVMs or CPUs (StrictMath gives the same result everywhere)
          """)
  void refusesMembersWithTheirReason(String owner, String name, String descriptor, String reason) {
    assertThat(Policy.memberRefusal(owner, name, descriptor)).isEqualTo(reason);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          java/lang/invoke/LambdaMetafactory  | metafactory
          java/lang/invoke/LambdaMetafactory  | altMetafactory
          java/lang/invoke/StringConcatFactory | makeConcatWithConstants
          java/lang/runtime/ObjectMethods     | bootstrap
          java/lang/runtime/SwitchBootstraps  | typeSwitch
          java/lang/runtime/SwitchBootstraps  | enumSwitch
          """)
  void allowsTheBootstrapsJavacEmits(String owner, String name) {
    assertThat(Policy.allowedBootstrap(staticHandle(owner, name), false)).isTrue();
  }

  @Test
  void refusesOtherBootstraps() {
    assertThat(
            Policy.allowedBootstrap(
                staticHandle("java/lang/invoke/ConstantBootstraps", "invoke"), false))
        .isFalse();
    assertThat(
            Policy.allowedBootstrap(
                staticHandle("java/lang/invoke/ConstantBootstraps", "fieldVarHandle"), true))
        .isFalse();
    assertThat(
            Policy.allowedBootstrap(
                new Handle(
                    Opcodes.H_NEWINVOKESPECIAL,
                    "java/lang/invoke/LambdaMetafactory",
                    "metafactory",
                    "()V",
                    false),
                false))
        .isFalse();
  }

  @Test
  void allowsConstantBootstrapsInvokeForDynamicConstants() {
    assertThat(
            Policy.allowedBootstrap(
                staticHandle("java/lang/invoke/ConstantBootstraps", "invoke"), true))
        .isTrue();
  }

  private static Handle staticHandle(String owner, String name) {
    return new Handle(Opcodes.H_INVOKESTATIC, owner, name, "()V", false);
  }
}
