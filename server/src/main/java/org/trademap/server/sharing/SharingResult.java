package org.trademap.server.sharing;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.trademap.server.web.ProblemException;

/**
 * What an account-opening action, or one of the company's own checks ({@link
 * org.trademap.server.sharing.ownchecks}), came to: done with a value, or refused with a stable
 * problem code and any extra members of its problem document (nothing changed).
 *
 * @param <T> the value's type
 */
public sealed interface SharingResult<T> {

  /**
   * Done.
   *
   * @param value the result
   * @param <T> the value's type
   */
  record Done<T>(T value) implements SharingResult<T> {}

  /**
   * Refused; nothing changed.
   *
   * @param status the HTTP status it maps to
   * @param code the problem code
   * @param properties extra members of the problem document (e.g. {@code errors}, {@code field}),
   *     usually none
   * @param <T> the type of the value it would have had
   */
  record Refused<T>(HttpStatus status, String code, Map<String, Object> properties)
      implements SharingResult<T> {

    /** Copies the extra members. */
    public Refused {
      properties = Map.copyOf(properties);
    }
  }

  /**
   * Refused with no extra members.
   *
   * @param status the HTTP status it maps to
   * @param code the problem code
   * @param <T> the type of the value it would have had
   * @return the refusal
   */
  static <T> SharingResult<T> refused(HttpStatus status, String code) {
    return new Refused<>(status, code, Map.of());
  }

  /**
   * Refused with extra members of the problem document.
   *
   * @param status the HTTP status it maps to
   * @param code the problem code
   * @param properties the extra members
   * @param <T> the type of the value it would have had
   * @return the refusal
   */
  static <T> SharingResult<T> refused(
      HttpStatus status, String code, Map<String, Object> properties) {
    return new Refused<>(status, code, properties);
  }

  /**
   * The value of a done result; a refusal is thrown as the {@link ProblemException} with its
   * status, code and extra members, for the API and pages to answer with.
   *
   * @param result the result
   * @param <T> the value's type
   * @return the value
   * @throws ProblemException if it was refused
   */
  static <T> T unwrap(SharingResult<T> result) {
    return switch (result) {
      case Done<T>(T value) -> value;
      case Refused<T>(HttpStatus status, String code, Map<String, Object> properties) -> {
        ProblemException problem = ProblemException.of(status, code);
        for (Map.Entry<String, Object> member : properties.entrySet()) {
          problem = problem.with(member.getKey(), member.getValue());
        }
        throw problem;
      }
    };
  }
}
