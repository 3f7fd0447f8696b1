package org.trademap.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A benchmark's options as {@code --name value} or {@code --name=value}, in the order given. */
final class Args {
  private Args() {}

  /**
   * One option.
   *
   * @param name its name, e.g. {@code --out}
   * @param value its value: always there for the options that take one, else null
   * @param typed the argument as typed, for error messages
   */
  record Option(String name, @Nullable String value, String typed) {
    /** The value of an option that takes one. */
    String given() {
      return Objects.requireNonNull(value, name);
    }
  }

  /**
   * Splits the arguments into options; an option named in {@code withValue} takes the next argument
   * as its value unless it has one after {@code =}.
   *
   * @throws UsageException if such an option is the last argument
   */
  static List<Option> split(List<String> args, Set<String> withValue) throws UsageException {
    List<Option> options = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (withValue.contains(name) && value == null) {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        value = args.get(++i);
      }
      options.add(new Option(name, value, arg));
    }
    return options;
  }
}
