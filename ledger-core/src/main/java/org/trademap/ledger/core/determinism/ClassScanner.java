package org.trademap.ledger.core.determinism;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads one class file and reports every symbolic reference its code and declarations make to a
 * {@link Sink}. It decides nothing itself except what needs no policy: native methods and
 * finalizers. Annotations are not reported: they are never executed.
 */
final class ClassScanner extends ClassVisitor {

  /** Where a scanned class file's references go. Sites are method names or header markers. */
  interface Sink {

    /** A type used as a super type, in a descriptor, by {@code new}, a cast or a constant. */
    void type(String site, String type);

    /** A field access or method call (also a method handle's target). */
    void member(String site, boolean field, String owner, String name, String descriptor);

    /** The bootstrap method of an {@code invokedynamic} or of a dynamic constant. */
    void bootstrap(String site, Handle bootstrap, boolean dynamicConstant);

    /** A {@code putfield} or {@code putstatic}. */
    void fieldWrite(String site, boolean isStatic, String owner, String name, String descriptor);

    /** Something refused without consulting the policy. */
    void violation(String site, String reference, String reason);
  }

  /** Site name of the class header (super class and interfaces). */
  static final String CLASS_SITE = "<class>";

  private final Sink sink;
  private String name = "";
  private @Nullable String superName;
  private String[] interfaces = new String[0];
  private final Set<String> fields = new HashSet<>();
  private final Set<String> methods = new HashSet<>();

  private ClassScanner(Sink sink) {
    super(Opcodes.ASM9);
    this.sink = sink;
  }

  /** Scans {@code classFile}, reporting to {@code sink}, and returns the class's outline. */
  static ClassOutline scan(byte[] classFile, Sink sink) {
    ClassScanner scanner = new ClassScanner(sink);
    new ClassReader(classFile).accept(scanner, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new ClassOutline(
        scanner.name,
        scanner.superName,
        List.of(scanner.interfaces),
        Set.copyOf(scanner.fields),
        Set.copyOf(scanner.methods));
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      @Nullable String signature,
      @Nullable String superName,
      String @Nullable [] interfaces) {
    this.name = name;
    this.superName = superName;
    if (superName != null) {
      sink.type(CLASS_SITE, superName);
    }
    if (interfaces != null) {
      this.interfaces = interfaces.clone();
      for (String type : interfaces) {
        sink.type(CLASS_SITE, type);
      }
    }
  }

  @Override
  public @Nullable FieldVisitor visitField(
      int access,
      String name,
      String descriptor,
      @Nullable String signature,
      @Nullable Object value) {
    fields.add(name);
    types("<field " + name + ">", Type.getType(descriptor));
    return null;
  }

  @Override
  public MethodVisitor visitMethod(
      int access,
      String name,
      String descriptor,
      @Nullable String signature,
      String @Nullable [] exceptions) {
    methods.add(name + descriptor);
    types(name, Type.getMethodType(descriptor));
    if (exceptions != null) {
      for (String type : exceptions) {
        sink.type(name, type);
      }
    }
    if ((access & Opcodes.ACC_NATIVE) != 0) {
      sink.violation(name, this.name + "." + name + descriptor, Policy.NATIVE);
    }
    if (name.equals("finalize") && descriptor.equals("()V")) {
      sink.violation(name, this.name + "." + name + descriptor, Policy.FINALIZER);
    }
    return new CodeScanner(name);
  }

  /** Reports the class and interface types in {@code type}: array elements, method signatures. */
  private void types(String site, Type type) {
    switch (type.getSort()) {
      case Type.ARRAY -> types(site, type.getElementType());
      case Type.OBJECT -> sink.type(site, type.getInternalName());
      case Type.METHOD -> {
        for (Type argument : type.getArgumentTypes()) {
          types(site, argument);
        }
        types(site, type.getReturnType());
      }
      default -> {
        // primitive types and void need no permission
      }
    }
  }

  /** Reports a type given as an internal name or, for arrays, as a descriptor. */
  private void typeName(String site, String internalNameOrArray) {
    types(site, Type.getObjectType(internalNameOrArray));
  }

  /** The references made by one method's instructions. */
  private final class CodeScanner extends MethodVisitor {
    private final String site;

    CodeScanner(String site) {
      super(Opcodes.ASM9);
      this.site = site;
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      typeName(site, type);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      member(true, owner, name, descriptor);
      if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
        sink.fieldWrite(site, opcode == Opcodes.PUTSTATIC, owner, name, descriptor);
      }
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      member(false, owner, name, descriptor);
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      types(site, Type.getMethodType(descriptor));
      sink.bootstrap(site, bootstrap, false);
      for (Object argument : arguments) {
        constant(argument);
      }
    }

    @Override
    public void visitLdcInsn(Object value) {
      if (value instanceof Type type && type.getSort() == Type.METHOD) {
        // a MethodType constant is a reflective object in its own right
        sink.type(site, "java/lang/invoke/MethodType");
      } else if (value instanceof Handle) {
        sink.type(site, "java/lang/invoke/MethodHandle");
      }
      constant(value);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      types(site, Type.getType(descriptor));
    }

    @Override
    public void visitTryCatchBlock(
        Label start, Label end, Label handler, @Nullable String exceptionType) {
      if (exceptionType != null) {
        sink.type(site, exceptionType);
      }
    }

    private void member(boolean field, String owner, String name, String descriptor) {
      if (owner.startsWith("[")) {
        // calls on arrays (clone, Object methods) resolve to java/lang/Object
        typeName(site, owner);
        sink.member(site, field, "java/lang/Object", name, descriptor);
      } else {
        sink.member(site, field, owner, name, descriptor);
      }
      types(site, field ? Type.getType(descriptor) : Type.getMethodType(descriptor));
    }

    private void constant(Object value) {
      switch (value) {
        case Type type -> types(site, type);
        case Handle handle ->
            member(
                handle.getTag() <= Opcodes.H_PUTSTATIC,
                handle.getOwner(),
                handle.getName(),
                handle.getDesc());
        case ConstantDynamic dynamic -> {
          sink.bootstrap(site, dynamic.getBootstrapMethod(), true);
          types(site, Type.getType(dynamic.getDescriptor()));
          for (int i = 0; i < dynamic.getBootstrapMethodArgumentCount(); i++) {
            constant(dynamic.getBootstrapMethodArgument(i));
          }
        }
        default -> {
          // strings and numbers are plain values
        }
      }
    }
  }
}
