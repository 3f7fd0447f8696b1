package org.trademap.server.sharing;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Times as the account-opening pages show them (public so templates can call it). */
public final class UtcTimes {
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private UtcTimes() {}

  /** The time in UTC to the minute, or null. */
  public static @Nullable String format(@Nullable Instant at) {
    return at == null ? null : UTC.format(at);
  }
}
