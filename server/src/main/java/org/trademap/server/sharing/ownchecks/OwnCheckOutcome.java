package org.trademap.server.sharing.ownchecks;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * What an own-check action came to: done with a value, or refused with a stable problem code and
 * its extra members (nothing changed).
 *
 * @param <T> the value's type
 */
sealed interface OwnCheckOutcome<T> {

  /**
   * Done.
   *
   * @param value the result
   */
  record Done<T>(T value) implements OwnCheckOutcome<T> {}

  /**
   * Refused; nothing changed.
   *
   * @param status the HTTP status
   * @param code the problem code
   * @param properties extra members of the problem (e.g. {@code errors}, {@code field})
   */
  record Refused<T>(HttpStatus status, String code, Map<String, Object> properties)
      implements OwnCheckOutcome<T> {
    public Refused {
      properties = Map.copyOf(properties);
    }
  }

  static <T> OwnCheckOutcome<T> refused(HttpStatus status, String code) {
    return new Refused<>(status, code, Map.of());
  }
}
