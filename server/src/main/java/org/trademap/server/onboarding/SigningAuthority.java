package org.trademap.server.onboarding;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the person acting for a legal entity may sign for it, as the commercial register records it.
 * The person acting is identified with their own {@link PersonalData}.
 */
public enum SigningAuthority {
  /** Sole signature (Einzelunterschrift). */
  SOLE_SIGNATURE,
  /** Joint signature with one other authorised signatory (Kollektivunterschrift zu zweien). */
  JOINT_SIGNATURE_BY_TWO,
  /** Sole power of procuration (Einzelprokura). */
  SOLE_PROCURATION,
  /** Joint power of procuration with one other (Kollektivprokura zu zweien). */
  JOINT_PROCURATION_BY_TWO,
  /** A power of attorney granted by the entity outside the register (Vollmacht). */
  POWER_OF_ATTORNEY;

  /** The authority whose {@link #name()} is exactly {@code text} (spaces at the ends ignored). */
  public static Optional<SigningAuthority> parse(@Nullable String text) {
    if (text == null) {
      return Optional.empty();
    }
    String name = TextRules.stripSpaces(text);
    for (SigningAuthority authority : values()) {
      if (authority.name().equals(name)) {
        return Optional.of(authority);
      }
    }
    return Optional.empty();
  }
}
