package org.trademap.bench;

import org.jspecify.annotations.Nullable;

/** A benchmark could not run to its end; the message says why in one sentence. */
final class BenchFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BenchFailure(String message) {
    super(message);
  }

  BenchFailure(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
