package org.trademap.server.accounts;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Whether an account stands for a natural person or for a company (legal entity). */
public enum AccountKind {
  /** A natural person acting for themselves. */
  PERSON("person"),
  /** A company, acting through its representative. */
  LEGAL_ENTITY("legal-entity");

  private final String apiName;

  AccountKind(String apiName) {
    this.apiName = apiName;
  }

  /** The name in the JSON API, e.g. {@code legal-entity}. */
  public String apiName() {
    return apiName;
  }

  /** The kind with this API name, ignoring case; empty for anything else. */
  public static Optional<AccountKind> ofApiName(@Nullable String name) {
    if (name == null) {
      return Optional.empty();
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    for (AccountKind kind : values()) {
      if (kind.apiName.equals(lower)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
