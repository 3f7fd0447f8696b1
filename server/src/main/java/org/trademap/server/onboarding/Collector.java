package org.trademap.server.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gathers the outcomes of the field checks of one form so that every refused field is reported at
 * once, then builds the value only if none was refused.
 */
final class Collector {
  private final List<FieldError> errors = new ArrayList<>();
  private final List<ReviewFlag> flags = new ArrayList<>();

  /** The accepted value of one field, or {@code null} when it was refused. */
  <T> @Nullable T take(Validation<T> outcome) {
    return switch (outcome) {
      case Validation.Valid<T> v -> {
        flags.addAll(v.reviewFlags());
        yield v.value();
      }
      case Validation.Invalid<T> i -> {
        errors.addAll(i.errors());
        yield null;
      }
    };
  }

  void addAll(List<FieldError> more) {
    errors.addAll(more);
  }

  void add(FieldError error) {
    errors.add(error);
  }

  /** The errors found so far, of which there must be at least one. */
  <T> Validation<T> refuse() {
    return new Validation.Invalid<>(errors);
  }

  /**
   * The value built from the accepted fields, or every error found. {@code value} runs only when no
   * field was refused, so every {@link #take} before it returned a value.
   */
  <T> Validation<T> build(Supplier<T> value) {
    if (!errors.isEmpty()) {
      return new Validation.Invalid<>(errors);
    }
    return new Validation.Valid<>(value.get(), flags);
  }
}
