package org.trademap.server.sharing;

import org.springframework.http.HttpStatus;

/**
 * What a sharing action came to: done with a value, or refused with a stable problem code (nothing
 * changed).
 *
 * @param <T> the value's type
 */
sealed interface SharingResult<T> {

  /**
   * Done.
   *
   * @param value the result
   */
  record Done<T>(T value) implements SharingResult<T> {}

  /**
   * Refused; nothing changed.
   *
   * @param status the HTTP status it maps to
   * @param code the problem code
   */
  record Refused<T>(HttpStatus status, String code) implements SharingResult<T> {}

  static <T> SharingResult<T> refused(HttpStatus status, String code) {
    return new Refused<>(status, code);
  }
}
