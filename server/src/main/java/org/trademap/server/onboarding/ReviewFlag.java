package org.trademap.server.onboarding;

import java.util.Objects;

/**
 * An accepted value that a compliance officer should look at, e.g. a name that mixes Latin with
 * Cyrillic letters and may be a look-alike of another name.
 *
 * @param field the path of the field, as in {@link FieldError#field()}
 * @param reason the stable code of the finding, one of the {@code REASON_*} constants
 * @param detail what was found, for the reviewer (e.g. {@code Cyrillic, Latin}); never shown as
 *     markup
 */
public record ReviewFlag(String field, String reason, String detail) {
  /** Letters from scripts that are not normally mixed in one name (UTS #39 restriction level). */
  public static final String REASON_MIXED_SCRIPT = "name.mixed-script";

  /** Digits from more than one numbering system. */
  public static final String REASON_MIXED_NUMBERS = "name.mixed-numbers";

  /** The same combining mark twice in a row, which renders like one. */
  public static final String REASON_REPEATED_MARK = "name.repeated-mark";

  /** Checks the components. */
  public ReviewFlag {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }
}
