package org.trademap.ledger.core.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Command options as {@code --name value} or {@code --name=value}; some may repeat. */
final class Options {
  private final Map<String, List<String>> values = new HashMap<>();

  private Options() {}

  /**
   * Parses the arguments.
   *
   * @throws IllegalArgumentException naming an unknown option, a missing value or a repeat
   */
  static Options parse(String[] args, Set<String> known, Set<String> repeatable) {
    Options o = new Options();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'");
      }
      String name;
      String value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(2, eq);
        value = a.substring(eq + 1);
      } else {
        name = a.substring(2);
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        value = args[++i];
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      List<String> list = o.values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!list.isEmpty() && !repeatable.contains(name)) {
        throw new IllegalArgumentException("--" + name + " is given twice");
      }
      list.add(value);
    }
    return o;
  }

  @Nullable String get(String name) {
    List<String> list = values.get(name);
    return list == null ? null : list.get(0);
  }

  String get(String name, String fallback) {
    String v = get(name);
    return v == null ? fallback : v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** An integer option within bounds. */
  int integer(String name, int fallback, int min, int max) {
    String v = get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException(
            "--" + name + " must be from " + min + " to " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number, not '" + v + "'", e);
    }
  }
}
