package org.trademap.server.kyc.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The directory of sealed document files: one file per document, named by its random storage name
 * (a UUID, no extension). Writes are atomic (a temporary file, forced to disk, then renamed), so a
 * crash leaves either the whole file or none under the final name. Files and the directory are
 * readable by the owner only where the file system has POSIX permissions.
 */
final class DocumentFiles {
  private static final String TEMPORARY = ".tmp";

  private final Path directory;
  private final boolean posix;

  DocumentFiles(Path directory) {
    this.directory = directory.toAbsolutePath().normalize();
    this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.isDirectory(this.directory)) {
        Files.createDirectories(this.directory, attributes("rwx------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the document directory " + this.directory, e);
    }
  }

  Path directory() {
    return directory;
  }

  Path path(UUID storageName) {
    return directory.resolve(storageName.toString());
  }

  /**
   * Writes a new file atomically.
   *
   * @throws UncheckedIOException if writing fails (nothing is left under the name then) or the name
   *     is taken
   */
  void write(UUID storageName, byte[] content) {
    Path target = path(storageName);
    Path temporary = directory.resolve(storageName + TEMPORARY);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
              attributes("rw-------"))) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString());
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      forceDirectory();
    } catch (IOException e) {
      deleteQuietly(temporary);
      throw new UncheckedIOException("cannot write document file " + storageName, e);
    }
  }

  /** The file's content; empty if there is no such file. */
  Optional<byte[]> read(UUID storageName) {
    try {
      return Optional.of(Files.readAllBytes(path(storageName)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read document file " + storageName, e);
    }
  }

  /** Deletes the file if it exists; true if it did. */
  boolean delete(UUID storageName) {
    try {
      return Files.deleteIfExists(path(storageName));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete document file " + storageName, e);
    }
  }

  /**
   * Deletes the files last modified before {@code cutoff} that are temporary files of unfinished
   * writes, or document files whose storage name {@code referenced} does not know. Other files are
   * left alone.
   *
   * @return how many files were deleted
   */
  int sweep(Predicate<UUID> referenced, Instant cutoff) {
    int deleted = 0;
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path file : entries.toList()) {
        String name = file.getFileName().toString();
        boolean orphan =
            name.endsWith(TEMPORARY)
                || (isStorageName(name) && !referenced.test(UUID.fromString(name)));
        if (orphan && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
          deleted += Files.deleteIfExists(file) ? 1 : 0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sweep the document directory " + directory, e);
    }
    return deleted;
  }

  private static boolean isStorageName(String name) {
    return DocumentId.parse(name).isPresent();
  }

  private void forceDirectory() {
    // Makes the rename durable. Not every platform can open a directory; the rename stays atomic.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Best effort.
    }
  }

  private FileAttribute<?>[] attributes(String permissions) {
    return posix
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
        }
        : new FileAttribute<?>[0];
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more to do; a later sweep removes it.
    }
  }
}
