package org.trademap.server.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sign-in details of the demo accounts, as written to {@code <data-dir>/demo-credentials.txt}.
 *
 * @param signInUrl where to sign in: {@code trademap.accounts.link-base} + {@code /login}
 * @param seededAt when the accounts were made
 * @param accounts the accounts in the order they were made
 */
record DemoCredentials(String signInUrl, Instant seededAt, List<Account> accounts) {
  /** The file's name in the data directory. */
  static final String FILE_NAME = "demo-credentials.txt";

  DemoCredentials {
    accounts = List.copyOf(accounts);
  }

  /**
   * One demo account.
   *
   * @param title what it is, e.g. {@code Person (natural person)}
   * @param email its address
   * @param password its password
   * @param totpSecret the base32 key of its authenticator (staff accounts), or null
   * @param done what was done for it, one item each
   * @param toDo what is left of its onboarding, one item each
   */
  record Account(
      String title,
      String email,
      String password,
      @Nullable String totpSecret,
      List<String> done,
      List<String> toDo) {
    Account {
      done = List.copyOf(done);
      toDo = List.copyOf(toDo);
    }

    /** An account that signs in with its password alone. */
    Account(String title, String email, String password, List<String> done, List<String> toDo) {
      this(title, email, password, null, done, toDo);
    }

    /** Hides the address and the password, which must never reach a log. */
    @Override
    public String toString() {
      return "Account[" + title + "]";
    }
  }

  /** The text of the file. */
  String text() {
    StringBuilder text = new StringBuilder();
    text.append("TradeMap demo accounts\n")
        .append("======================\n\n")
        .append("Made ")
        .append(seededAt)
        .append(" on the first start with this data directory (trademap.demo.seed=true).\n")
        .append(
            "The back-office staff sign in with the password and a code from an authenticator\n")
        .append("app that holds their TOTP key.\n")
        .append("The people and the company are fictitious. Sign in at ")
        .append(signInUrl)
        .append("\n");
    for (Account account : accounts) {
      text.append("\n")
          .append(account.title())
          .append("\n  email:    ")
          .append(account.email())
          .append("\n  password: ")
          .append(account.password())
          .append("\n");
      if (account.totpSecret() != null) {
        text.append("  TOTP key: ")
            .append(account.totpSecret())
            .append(" (add it to an authenticator app: the second factor at sign-in)\n");
      }
      text.append("  done:\n");
      account.done().forEach(item -> text.append("    - ").append(item).append("\n"));
      text.append("  still to do:\n");
      account.toDo().forEach(item -> text.append("    - ").append(item).append("\n"));
    }
    text.append(
        "\nTradeMap never seeds this data directory again, and never rewrites this file.\n");
    return text.toString();
  }

  /** Hides the addresses and the passwords, which must never reach a log. */
  @Override
  public String toString() {
    return "DemoCredentials[" + accounts.size() + " accounts]";
  }

  /**
   * Writes the file atomically: a temporary file in the same directory (mode 600 where the file
   * system has POSIX permissions, so the passwords are never readable by others, not even for a
   * moment), then a move onto the final name.
   *
   * @return the file
   */
  Path writeTo(Path directory) {
    Path file = directory.resolve(FILE_NAME);
    try {
      Path temporary =
          posix(directory)
              ? Files.createTempFile(
                  directory,
                  "." + FILE_NAME,
                  ".tmp",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(directory, "." + FILE_NAME, ".tmp");
      try {
        Files.writeString(temporary, text(), StandardCharsets.UTF_8);
        try {
          Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the demo credentials file failed", e);
    }
    return file;
  }

  private static boolean posix(Path directory) {
    return directory.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
