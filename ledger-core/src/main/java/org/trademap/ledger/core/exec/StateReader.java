package org.trademap.ledger.core.exec;

import org.jspecify.annotations.Nullable;

/** Read access to committed state by store key. */
@FunctionalInterface
public interface StateReader {
  byte @Nullable [] get(byte[] key);
}
