package dev.accessgov.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Where {@code --out} writes: never over an existing file or directory unless {@code --force} is
 * given, and never through a symbolic link, neither the target nor its parent directory (with or
 * without {@code --force}): a link planted where an auditor writes a report could otherwise make
 * access-cli overwrite a file of the link's choosing.
 */
final class OutputPaths {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private OutputPaths() {}

  /**
   * Refuses {@code out} when it or its parent is a symbolic link, or when it exists and {@code
   * force} is not given.
   *
   * @throws CliException (usage) saying why
   */
  static void check(Path out, boolean force) {
    if (Files.isSymbolicLink(out)) {
      throw CliException.usage(
          "--out " + out + " is a symbolic link; access-cli does not follow it");
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null && Files.isSymbolicLink(parent)) {
      throw CliException.usage(
          "the directory of --out " + out + " is a symbolic link; access-cli does not follow it");
    }
    if (!force && Files.exists(out, NOFOLLOW)) {
      throw CliException.usage(out + " already exists; give --force to overwrite it");
    }
  }

  /** Writes {@code text} to the file {@code out} (UTF-8), as {@link #check} allows. */
  static void writeFile(Path out, String text, boolean force) {
    check(out, force);
    if (Files.isDirectory(out, NOFOLLOW)) {
      throw CliException.usage("--out must be a file; " + out + " is a directory");
    }
    try {
      if (force) {
        Files.deleteIfExists(out); // deletes a link itself, never its target
      }
      Files.write(
          out,
          text.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          NOFOLLOW);
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(out + " already exists; give --force to overwrite it");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    }
  }

  /**
   * Has {@code write} fill the directory {@code out}, as {@link #check} allows: a new directory is
   * filled under a fresh name beside it and then moved into place, so nothing is written through a
   * link placed there meanwhile; with {@code force}, an existing directory is written into.
   */
  static void writeDirectory(Path out, boolean force, Consumer<Path> write) {
    check(out, force);
    if (Files.exists(out, NOFOLLOW)) {
      if (!Files.isDirectory(out, NOFOLLOW)) {
        throw CliException.usage("--out must be a directory; " + out + " is a file");
      }
      write.accept(out);
      return;
    }
    Path parent = out.toAbsolutePath().getParent();
    Path temp;
    try {
      Files.createDirectories(parent);
      temp = Files.createTempDirectory(parent, ".access-cli-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out, e);
    }
    try {
      write.accept(temp);
      Files.move(temp, out);
    } catch (FileAlreadyExistsException e) {
      throw CliException.usage(out + " already exists; give --force to overwrite it");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out, e);
    } finally {
      deleteTree(temp);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir, NOFOLLOW)) {
      return;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Best effort: a leftover temporary directory is harmless.
    }
  }
}
