package org.trademap.server.vault;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.crypto.SecretKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the vault's KEK and pepper as {@link VaultProperties} says; in the generated mode creates
 * them on first start. Every failure is a {@link VaultKeyException} that names the setting, file or
 * variable to fix and never shows key material.
 */
final class VaultKeyLoader {
  static final String DIRECTORY = "vault";
  static final String KEK_FILE = "kek";
  static final String PEPPER_FILE = "pepper";
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Logger log = LoggerFactory.getLogger(VaultKeyLoader.class);

  private final VaultProperties properties;
  private final Path dataDir;
  private final Function<String, @Nullable String> environment;
  private final SecureRandom random;

  VaultKeyLoader(
      VaultProperties properties,
      Path dataDir,
      Function<String, @Nullable String> environment,
      SecureRandom random) {
    this.properties = properties;
    this.dataDir = dataDir;
    this.environment = environment;
    this.random = random;
  }

  /**
   * The configured keys.
   *
   * @param databaseHoldsKeys whether the database already holds wrapped data keys; then missing
   *     generated key files are an error, not a first start
   */
  VaultKeys load(BooleanSupplier databaseHoldsKeys) {
    return switch (properties.keySource()) {
      case GENERATED -> generated(databaseHoldsKeys);
      case KEYSTORE -> keystore(properties.keystore());
      case ENVIRONMENT -> environment(properties.environment());
    };
  }

  // ---- generated files under the data directory

  private VaultKeys generated(BooleanSupplier databaseHoldsKeys) {
    Path parent = dataDir.toAbsolutePath();
    Path dir = parent.resolve(DIRECTORY);
    Path kekFile = dir.resolve(KEK_FILE);
    Path pepperFile = dir.resolve(PEPPER_FILE);
    boolean kekExists = Files.exists(kekFile);
    boolean pepperExists = Files.exists(pepperFile);
    if (kekExists && pepperExists) {
      byte[] kek = readKeyFile(kekFile);
      byte[] pepper = readKeyFile(pepperFile);
      try {
        return new VaultKeys(
            VaultKeys.aesKey(exactly(kek, VaultKeys.KEK_BYTES, kekFile.toString())),
            atLeast(pepper, VaultKeys.MIN_PEPPER_BYTES, pepperFile.toString()));
      } finally {
        Arrays.fill(kek, (byte) 0);
        Arrays.fill(pepper, (byte) 0);
      }
    }
    if (kekExists || pepperExists) {
      throw new VaultKeyException(
          "The vault key directory "
              + dir
              + " holds only one of "
              + KEK_FILE
              + " and "
              + PEPPER_FILE
              + ". Restore the missing file from a backup of that directory.");
    }
    if (databaseHoldsKeys.getAsBoolean()) {
      throw new VaultKeyException(
          "The vault key files "
              + kekFile
              + " and "
              + pepperFile
              + " are missing, but the database holds personal data encrypted under them. Restore"
              + " them from a backup of that directory; new keys would leave the data unreadable.");
    }
    VaultKeys keys = VaultKeys.generate(random);
    try {
      createOwnerOnlyDirectory(parent, dir);
      writeKeyFile(dir, KEK_FILE, keys.kek().getEncoded());
      writeKeyFile(dir, PEPPER_FILE, keys.pepper());
    } catch (IOException e) {
      throw new VaultKeyException("Could not write the vault key files in " + dir, e);
    }
    log.info(
        "Generated a new vault key-encryption key {} and pepper in {} (mode 600). Back this"
            + " directory up apart from the database: without it the personal data cannot be read.",
        keys.kekId(),
        dir);
    return keys;
  }

  private static byte[] readKeyFile(Path file) {
    warnIfReadableByOthers(file);
    try {
      return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new VaultKeyException("Could not read the vault key file " + file, e);
    }
  }

  private static void warnIfReadableByOthers(Path file) {
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view == null) {
      return;
    }
    try {
      if (!OWNER_ONLY.containsAll(view.readAttributes().permissions())) {
        log.warn(
            "The vault key file {} is accessible to others than its owner: chmod 600 it", file);
      }
    } catch (IOException e) {
      log.warn("Could not read the permissions of the vault key file {}", file, e);
    }
  }

  private static void createOwnerOnlyDirectory(Path parent, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(parent);
    if (posix(parent)) {
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
      } catch (FileAlreadyExistsException e) {
        // Created concurrently; its files are still created owner-only.
      }
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Writes base64 of {@code raw} to a new owner-only file, atomically, and wipes {@code raw}. */
  private static void writeKeyFile(Path dir, String name, byte[] raw) throws IOException {
    byte[] text =
        (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(raw, (byte) 0);
    Path file = dir.resolve(name);
    Path temp =
        posix(dir)
            ? Files.createTempFile(
                dir, "." + name, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.write(temp, text);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file);
      }
    } finally {
      Arrays.fill(text, (byte) 0);
      Files.deleteIfExists(temp);
    }
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  // ---- PKCS12 keystore

  private VaultKeys keystore(VaultProperties.Keystore config) {
    Path path = config.path();
    if (path == null) {
      throw new VaultKeyException(
          "trademap.vault.key-source is keystore, but trademap.vault.keystore.path is not set.");
    }
    if (!Files.isRegularFile(path)) {
      throw new VaultKeyException(
          "The vault keystore " + path + " (trademap.vault.keystore.path) does not exist.");
    }
    String password = environment.apply(config.passwordVariable());
    if (password == null || password.isEmpty()) {
      throw new VaultKeyException(
          "The environment variable "
              + config.passwordVariable()
              + " (trademap.vault.keystore.password-variable) must hold the password of the vault"
              + " keystore "
              + path
              + ".");
    }
    char[] secret = password.toCharArray();
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try {
        store.load(in, secret);
      } catch (IOException | GeneralSecurityException e) {
        throw new VaultKeyException(
            "Could not open the vault keystore "
                + path
                + ": it is not a PKCS12 file or the password in "
                + config.passwordVariable()
                + " is wrong.",
            e);
      }
      byte[] kek = secretKey(store, config.kekAlias(), secret, path);
      byte[] pepper = secretKey(store, config.pepperAlias(), secret, path);
      try {
        return new VaultKeys(
            VaultKeys.aesKey(exactly(kek, VaultKeys.KEK_BYTES, entry(path, config.kekAlias()))),
            atLeast(pepper, VaultKeys.MIN_PEPPER_BYTES, entry(path, config.pepperAlias())));
      } finally {
        Arrays.fill(kek, (byte) 0);
        Arrays.fill(pepper, (byte) 0);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new VaultKeyException("Could not read the vault keystore " + path, e);
    } finally {
      Arrays.fill(secret, '\0');
    }
  }

  private static byte[] secretKey(KeyStore store, String alias, char[] password, Path path)
      throws GeneralSecurityException {
    Key key;
    try {
      key = store.getKey(alias, password);
    } catch (GeneralSecurityException e) {
      throw new VaultKeyException("Could not read the entry " + entry(path, alias), e);
    }
    if (!(key instanceof SecretKey secretKey)) {
      throw new VaultKeyException(
          "The vault keystore " + path + " has no secret-key entry named " + alias + ".");
    }
    byte[] raw = secretKey.getEncoded();
    if (raw == null) {
      throw new VaultKeyException("The entry " + entry(path, alias) + " cannot be exported.");
    }
    return raw;
  }

  private static String entry(Path path, String alias) {
    return alias + " of the vault keystore " + path;
  }

  // ---- environment variables

  private VaultKeys environment(VaultProperties.Environment config) {
    byte[] kek = fromEnvironment(config.kekVariable(), "kek-variable");
    byte[] pepper = fromEnvironment(config.pepperVariable(), "pepper-variable");
    try {
      return new VaultKeys(
          VaultKeys.aesKey(
              exactly(
                  kek, VaultKeys.KEK_BYTES, "the environment variable " + config.kekVariable())),
          atLeast(
              pepper,
              VaultKeys.MIN_PEPPER_BYTES,
              "the environment variable " + config.pepperVariable()));
    } finally {
      Arrays.fill(kek, (byte) 0);
      Arrays.fill(pepper, (byte) 0);
    }
  }

  private byte[] fromEnvironment(String variable, String property) {
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw new VaultKeyException(
          "trademap.vault.key-source is environment, but the environment variable "
              + variable
              + " (trademap.vault.environment."
              + property
              + ") is not set. Set it to a base64 key, e.g. from `openssl rand -base64 32`.");
    }
    return decode(value, "the environment variable " + variable);
  }

  // ---- checks shared by all sources

  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      // The exception's message may quote the offending character; it is not passed on.
      throw new VaultKeyException(where + " does not hold base64 (standard alphabet).");
    }
  }

  private static byte[] exactly(byte[] raw, int bytes, String where) {
    if (raw.length != bytes) {
      throw new VaultKeyException(
          where
              + " holds "
              + raw.length
              + " bytes; the key-encryption key must have "
              + bytes
              + ".");
    }
    return raw;
  }

  private static byte[] atLeast(byte[] raw, int bytes, String where) {
    if (raw.length < bytes) {
      throw new VaultKeyException(
          where + " holds " + raw.length + " bytes; the pepper must have at least " + bytes + ".");
    }
    return raw;
  }
}
