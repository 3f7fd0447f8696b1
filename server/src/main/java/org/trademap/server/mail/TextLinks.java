package org.trademap.server.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a plain-text body into text and {@code http(s)} links, so the dev inbox can make links
 * clickable while the template still escapes every character (no HTML is built by hand).
 */
final class TextLinks {
  private static final Pattern URL =
      Pattern.compile("https?://[^\\s<>\"'`]+", Pattern.CASE_INSENSITIVE);
  private static final String TRAILING_PUNCTUATION = ".,;:!?)]}";

  /** A run of text, or a link whose text is its address. */
  record Segment(String text, boolean link) {}

  private TextLinks() {}

  static List<Segment> split(String text) {
    List<Segment> segments = new ArrayList<>();
    Matcher m = URL.matcher(text);
    int plainFrom = 0;
    while (m.find()) {
      int end = m.end();
      while (end > m.start() && TRAILING_PUNCTUATION.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      String url = text.substring(m.start(), end);
      if (url.indexOf("://") + 3 >= url.length()) {
        continue;
      }
      if (m.start() > plainFrom) {
        segments.add(new Segment(text.substring(plainFrom, m.start()), false));
      }
      segments.add(new Segment(url, true));
      plainFrom = end;
    }
    if (plainFrom < text.length()) {
      segments.add(new Segment(text.substring(plainFrom), false));
    }
    return segments;
  }
}
