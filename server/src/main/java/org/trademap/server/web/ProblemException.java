package org.trademap.server.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A request that fails with a stable problem code. API clients receive it as {@code
 * application/problem+json} with {@code type https://trademap.dev/problems/<code>}, browsers as the
 * HTML error page.
 *
 * <p>The title comes from {@code problem.<code>.title} in the messages; the detail is either given
 * here (for sentences that come from elsewhere, such as a contract's rejection) or comes from
 * {@code problem.<code>.detail} with {@link #detailArguments()}.
 */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;
  private final @Nullable String detail;
  private final Object[] detailArguments;
  private final Map<String, Object> properties;

  private ProblemException(
      HttpStatus status,
      String code,
      @Nullable String detail,
      Object[] detailArguments,
      Map<String, Object> properties) {
    super(status.value() + " " + code, null, false, false);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.detailArguments = detailArguments.clone();
    this.properties = properties;
  }

  /** A problem whose detail is {@code problem.<code>.detail} with the given arguments. */
  public static ProblemException of(HttpStatus status, String code, Object... detailArguments) {
    return new ProblemException(status, code, null, detailArguments, Map.of());
  }

  /** A problem with a sentence that does not come from the messages. */
  public static ProblemException withDetail(HttpStatus status, String code, String detail) {
    return new ProblemException(status, code, detail, new Object[0], Map.of());
  }

  /** A copy with one more member in the problem document (e.g. {@code txId}). */
  public ProblemException with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(properties);
    more.put(name, value);
    return new ProblemException(status, code, detail, detailArguments, more);
  }

  public HttpStatus status() {
    return status;
  }

  /** The stable machine-readable code, e.g. {@code ledger.nonce-reused}. */
  public String code() {
    return code;
  }

  /** The sentence for people when it does not come from the messages. */
  public @Nullable String detail() {
    return detail;
  }

  public Object[] detailArguments() {
    return detailArguments.clone();
  }

  /** Extra members of the problem document, in insertion order. */
  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }
}
