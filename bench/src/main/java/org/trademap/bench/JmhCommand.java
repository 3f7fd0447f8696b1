package org.trademap.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * {@code BenchMain jmh}: runs this module's JMH benchmarks the way {@code org.openjdk.jmh.Main}
 * does, but returns an exit status instead of exiting, and defaults to a short run.
 */
final class JmhCommand {
  /** Options applied unless the command line gives the same option. */
  static final List<List<String>> DEFAULTS =
      List.of(
          List.of("-f", "1"),
          List.of("-wi", "2"),
          List.of("-i", "3"),
          List.of("-w", "1s"),
          List.of("-r", "2s"));

  private JmhCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) {
    CommandLineOptions options;
    try {
      options = new CommandLineOptions(withDefaults(args).toArray(String[]::new));
    } catch (CommandLineOptionException e) {
      err.println("jmh: " + e.getMessage());
      err.print(BenchMain.USAGE_TEXT);
      return BenchMain.USAGE;
    }
    try {
      Runner runner = new Runner(options);
      if (options.shouldHelp()) {
        options.showHelp();
      } else if (options.shouldList()) {
        runner.list();
      } else if (options.shouldListWithParams()) {
        runner.listWithParams(options);
      } else if (options.shouldListProfilers()) {
        options.listProfilers();
      } else if (options.shouldListResultFormats()) {
        options.listResultFormats();
      } else {
        runner.run();
      }
      return BenchMain.OK;
    } catch (NoBenchmarksException e) {
      err.println("jmh: no benchmark matches " + options.getIncludes());
      return BenchMain.FAILED;
    } catch (RunnerException e) {
      err.println("jmh failed: " + e.getMessage());
      e.printStackTrace(err);
      return BenchMain.FAILED;
    } catch (IOException e) {
      err.println("jmh failed: " + e);
      return BenchMain.FAILED;
    }
  }

  /** The arguments with each {@link #DEFAULTS} option put in front unless already given. */
  static List<String> withDefaults(List<String> args) {
    List<String> all = new ArrayList<>();
    for (List<String> option : DEFAULTS) {
      if (!gives(args, option.getFirst())) {
        all.addAll(option);
      }
    }
    all.addAll(args);
    return all;
  }

  /** Whether {@code flag} is given, as {@code -f 2}, {@code -f2} or {@code -f=2}. */
  private static boolean gives(List<String> args, String flag) {
    for (String a : args) {
      if (a.equals(flag)) {
        return true;
      }
      if (a.length() > flag.length() && a.startsWith(flag)) {
        char next = a.charAt(flag.length());
        if (Character.isDigit(next) || next == '=') {
          return true;
        }
      }
    }
    return false;
  }
}
