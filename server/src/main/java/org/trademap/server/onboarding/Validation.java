package org.trademap.server.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of validating input: either a value (possibly flagged for review) or the errors that
 * refused it. Bad input is always answered with {@link Invalid}, never with an exception.
 *
 * @param <T> the type of the validated value
 */
public sealed interface Validation<T> permits Validation.Valid, Validation.Invalid {

  /**
   * The input was accepted.
   *
   * @param value the validated, normalised value
   * @param reviewFlags findings a compliance officer should look at; empty for most input
   * @param <T> the type of the value
   */
  record Valid<T>(T value, List<ReviewFlag> reviewFlags) implements Validation<T> {
    /** Checks the value and copies the flags. */
    public Valid {
      Objects.requireNonNull(value, "value");
      reviewFlags = List.copyOf(reviewFlags);
    }

    /** An accepted value with nothing to review. */
    public Valid(T value) {
      this(value, List.of());
    }

    /** Whether a compliance officer should look at the value before it is relied upon. */
    public boolean flaggedForReview() {
      return !reviewFlags.isEmpty();
    }
  }

  /**
   * The input was refused.
   *
   * @param errors every rule the input failed, at least one
   * @param <T> the type the value would have had
   */
  record Invalid<T>(List<FieldError> errors) implements Validation<T> {
    /** Copies the errors and checks there is at least one. */
    public Invalid {
      errors = List.copyOf(errors);
      if (errors.isEmpty()) {
        throw new IllegalArgumentException("an Invalid needs at least one error");
      }
    }
  }

  /** Whether the input was accepted. */
  default boolean isValid() {
    return this instanceof Valid<T>;
  }

  /** The errors; empty when the input was accepted. */
  default List<FieldError> errors() {
    return switch (this) {
      case Valid<T> _ -> List.of();
      case Invalid<T> i -> i.errors();
    };
  }

  /** The review flags; empty when the input was refused. */
  default List<ReviewFlag> reviewFlags() {
    return switch (this) {
      case Valid<T> v -> v.reviewFlags();
      case Invalid<T> _ -> List.of();
    };
  }

  /** The same outcome with the value transformed; errors and flags are kept. */
  default <U> Validation<U> map(Function<? super T, ? extends U> function) {
    return switch (this) {
      case Valid<T> v -> new Valid<>(function.apply(v.value()), v.reviewFlags());
      case Invalid<T> i -> new Invalid<>(i.errors());
    };
  }

  /**
   * Runs a further check on an accepted value. The flags of both steps are kept; a refusal by
   * either step is the result.
   */
  default <U> Validation<U> flatMap(Function<? super T, Validation<U>> next) {
    return switch (this) {
      case Valid<T> v -> {
        Validation<U> result = next.apply(v.value());
        yield switch (result) {
          case Valid<U> w -> {
            List<ReviewFlag> flags = new ArrayList<>(v.reviewFlags());
            flags.addAll(w.reviewFlags());
            yield new Valid<>(w.value(), flags);
          }
          case Invalid<U> i -> i;
        };
      }
      case Invalid<T> i -> new Invalid<>(i.errors());
    };
  }
}
