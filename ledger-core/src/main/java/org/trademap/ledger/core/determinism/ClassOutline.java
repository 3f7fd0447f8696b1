package org.trademap.ledger.core.determinism;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the checker needs to resolve inherited members of a scanned class: its super types and the
 * members it declares ({@code methods} as name followed by descriptor).
 */
record ClassOutline(
    String name,
    @Nullable String superName,
    List<String> interfaces,
    Set<String> fields,
    Set<String> methods) {

  boolean declares(boolean field, String member, String descriptor) {
    return field ? fields.contains(member) : methods.contains(member + descriptor);
  }
}
