package org.trademap.server.kyc.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/** How the onboarding pages write times: to the minute, in UTC, and saying so. */
final class Times {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** The time as {@code 2026-11-23 14:05 UTC}, or null for null. */
  static @Nullable String utc(@Nullable Instant time) {
    return time == null ? null : UTC.format(time);
  }
}
