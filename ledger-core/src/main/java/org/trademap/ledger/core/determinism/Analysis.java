package org.trademap.ledger.core.determinism;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;

/**
 * One run of the determinism check over a contract class and every class of its own code that it
 * reaches: classes of its package (nested classes included) and classes loaded from the same code
 * source (the same jar or directory). Own code is scanned; everything else is judged by {@link
 * Policy}. Calls on own classes that the class does not declare are resolved up its hierarchy, so
 * that {@code this.wait()} is judged as {@code Object.wait()}.
 */
final class Analysis implements ClassScanner.Sink {

  /** Packages that can never be part of a contract's code source. */
  private static final List<String> PLATFORM_PREFIXES =
      List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

  private final ClassLoader loader;
  private final String root;
  private final String rootPackage;
  private final @Nullable String codeSource;

  private final Map<String, Boolean> ownCode = new HashMap<>();
  private final Map<String, ClassOutline> outlines = new HashMap<>();
  private final Set<String> unreadable = new HashSet<>();
  private final Set<String> queued = new HashSet<>();
  private final Queue<String> queue = new ArrayDeque<>();
  private final List<InheritedUse> inheritedUses = new ArrayList<>();
  private final Set<Violation> violations = new LinkedHashSet<>();
  private String current = "";

  /** A field or method named through an own class, resolved once every own class is scanned. */
  private record InheritedUse(
      String className, String site, boolean field, String owner, String name, String descriptor) {}

  private Analysis(Class<?> type) {
    if (type.isArray() || type.isPrimitive() || type.isHidden()) {
      throw new IllegalArgumentException("not a class with a class file: " + type.getName());
    }
    ClassLoader classLoader = type.getClassLoader();
    this.loader = classLoader != null ? classLoader : ClassLoader.getSystemClassLoader();
    this.root = type.getName().replace('.', '/');
    this.rootPackage = Policy.packageOf(root);
    URL location = loader.getResource(root + ".class");
    String file = root + ".class";
    this.codeSource =
        location != null && location.toString().endsWith(file)
            ? location.toString().substring(0, location.toString().length() - file.length())
            : null;
  }

  /** Every violation in {@code type} and the own code it reaches, in the order found. */
  static List<Violation> of(Class<?> type) {
    return new Analysis(type).run();
  }

  private List<Violation> run() {
    enqueue(root);
    String next;
    while ((next = queue.poll()) != null) {
      byte[] classFile = read(next);
      current = next;
      if (classFile == null) {
        unreadable.add(next);
        report(ClassScanner.CLASS_SITE, next, Policy.UNREADABLE);
      } else {
        outlines.put(next, ClassScanner.scan(classFile, this));
      }
    }
    for (InheritedUse use : inheritedUses) {
      resolve(use);
    }
    return List.copyOf(violations);
  }

  @Override
  public void type(String site, String type) {
    if (isOwnCode(type)) {
      enqueue(type);
      return;
    }
    String refusal = Policy.typeRefusal(type);
    if (refusal != null) {
      report(site, type, refusal);
    }
  }

  @Override
  public void member(String site, boolean field, String owner, String name, String descriptor) {
    if (isOwnCode(owner)) {
      enqueue(owner);
      inheritedUses.add(new InheritedUse(current, site, field, owner, name, descriptor));
      return;
    }
    String refusal = Policy.typeRefusal(owner);
    if (refusal != null) {
      report(site, owner, refusal);
      return;
    }
    refusal = Policy.memberRefusal(owner, name, descriptor);
    if (refusal != null) {
      report(site, reference(field, owner, name, descriptor), refusal);
    }
  }

  @Override
  public void bootstrap(String site, Handle bootstrap, boolean dynamicConstant) {
    if (!Policy.allowedBootstrap(bootstrap, dynamicConstant)) {
      report(
          site,
          reference(false, bootstrap.getOwner(), bootstrap.getName(), bootstrap.getDesc()),
          Policy.BOOTSTRAP);
    }
  }

  @Override
  public void fieldWrite(
      String site, boolean isStatic, String owner, String name, String descriptor) {
    if (isStatic && !(site.equals("<clinit>") && owner.equals(current))) {
      report(site, reference(true, owner, name, descriptor), Policy.STATIC_STATE);
    } else if (!isStatic
        && owner.equals(root)
        && !(site.equals("<init>") && current.equals(root))) {
      report(site, reference(true, owner, name, descriptor), Policy.CONTRACT_STATE);
    }
  }

  @Override
  public void violation(String site, String reference, String reason) {
    report(site, reference, reason);
  }

  private void report(String site, String reference, String reason) {
    violations.add(new Violation(current.replace('/', '.'), site, reference, reason));
  }

  private void enqueue(String type) {
    if (queued.add(type)) {
      queue.add(type);
    }
  }

  private boolean isOwnCode(String type) {
    return ownCode.computeIfAbsent(type, this::locate);
  }

  private boolean locate(String type) {
    for (String prefix : PLATFORM_PREFIXES) {
      if (type.startsWith(prefix)) {
        return false;
      }
    }
    if (Policy.packageOf(type).equals(rootPackage)) {
      return true;
    }
    if (codeSource == null) {
      return false;
    }
    URL location = loader.getResource(type + ".class");
    return location != null && location.toString().equals(codeSource + type + ".class");
  }

  private byte @Nullable [] read(String type) {
    try (InputStream in = loader.getResourceAsStream(type + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the class file of " + type, e);
    }
  }

  /**
   * Judges a member named through an own class. If an own class on the way up declares it, its code
   * was scanned; otherwise it is inherited from a library type, whose rules apply.
   */
  private void resolve(InheritedUse use) {
    Set<String> declarers = new LinkedHashSet<>();
    collectLibraryDeclarers(use, use.owner(), new HashSet<>(), declarers);
    for (String declarer : declarers) {
      // a refused super type was already reported where the own class names it
      if (Policy.typeRefusal(declarer) != null) {
        continue;
      }
      String refusal = Policy.memberRefusal(declarer, use.name(), use.descriptor());
      if (refusal != null) {
        violations.add(
            new Violation(
                use.className().replace('/', '.'),
                use.site(),
                reference(use.field(), declarer, use.name(), use.descriptor()),
                refusal));
      }
    }
  }

  private void collectLibraryDeclarers(
      InheritedUse use, String type, Set<String> seen, Set<String> declarers) {
    if (!seen.add(type) || unreadable.contains(type)) {
      return;
    }
    ClassOutline outline = outlines.get(type);
    if (outline == null) {
      declarers.add(type);
      return;
    }
    if (outline.declares(use.field(), use.name(), use.descriptor())) {
      return;
    }
    String superName = outline.superName();
    if (superName != null) {
      collectLibraryDeclarers(use, superName, seen, declarers);
    }
    for (String implemented : outline.interfaces()) {
      collectLibraryDeclarers(use, implemented, seen, declarers);
    }
  }

  private static String reference(boolean field, String owner, String name, String descriptor) {
    return owner + "." + name + (field ? ":" : "") + descriptor;
  }
}
