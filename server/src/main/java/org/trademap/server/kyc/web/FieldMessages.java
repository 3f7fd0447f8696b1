package org.trademap.server.kyc.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.trademap.server.onboarding.FieldError;
import org.trademap.server.onboarding.ReviewFlag;

/**
 * The sentences the onboarding forms show next to their fields: refused fields by the stable key of
 * their {@link FieldError} ({@code kycdata.error.<key>} with its arguments), flagged fields by the
 * reason of their {@link ReviewFlag} ({@code pages.review.<reason>}). Field paths are those of the
 * form's inputs, e.g. {@code person.surname} or {@code owners[1].dateOfBirth}.
 */
@Component
class FieldMessages {
  private final MessageSource messages;

  FieldMessages(MessageSource messages) {
    this.messages = messages;
  }

  /** The sentences of the errors, by field path (without {@code strip} in front), in order. */
  Map<String, List<String>> errors(List<FieldError> errors, String strip, Locale locale) {
    Map<String, List<String>> byField = new LinkedHashMap<>();
    for (FieldError error : errors) {
      byField
          .computeIfAbsent(stripped(error.field(), strip), f -> new ArrayList<>())
          .add(
              messages.getMessage(
                  "kycdata.error." + error.key(), error.arguments().toArray(), locale));
    }
    return byField;
  }

  /** The sentence of each flagged field (one per field), by field path without {@code strip}. */
  Map<String, String> flags(List<ReviewFlag> flags, String strip, Locale locale) {
    Map<String, String> byField = new LinkedHashMap<>();
    for (ReviewFlag flag : flags) {
      byField.putIfAbsent(
          stripped(flag.field(), strip),
          messages.getMessage("pages.review." + flag.reason(), null, locale));
    }
    return byField;
  }

  /** The fields of the errors (paths without {@code strip}). */
  static Set<String> fields(List<FieldError> errors, String strip) {
    Set<String> fields = new LinkedHashSet<>();
    errors.forEach(e -> fields.add(stripped(e.field(), strip)));
    return fields;
  }

  private static String stripped(String field, String strip) {
    return field.startsWith(strip) ? field.substring(strip.length()) : field;
  }
}
