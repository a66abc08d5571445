package dev.accessgov.jdbc;

import dev.accessgov.ProviderException;
import dev.accessgov.jdbc.internal.SqlErrors;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The embedded store's claim on its directory: an operating-system lock on {@code access.lock},
 * held while the store is open and released by the kernel when the process dies, however it dies.
 * It makes "one process at a time" a fact the store can rely on (an embedded store's leases, for
 * one, belong to no one once it is opened again).
 */
final class ProcessLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ProcessLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static ProcessLock acquire(Path dir) {
    Path file = dir.resolve("access.lock");
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw held(dir, null);
      }
      return new ProcessLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw held(dir, e);
    } catch (IOException e) {
      close(channel);
      throw new ProviderException(
          SqlErrors.PROVIDER_ID,
          "open",
          0,
          null,
          null,
          false,
          "cannot lock " + file + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      close(channel);
      throw e;
    }
  }

  private static ProviderException held(Path dir, @Nullable Throwable cause) {
    return new ProviderException(
        SqlErrors.PROVIDER_ID,
        "open",
        0,
        null,
        null,
        false,
        "the embedded store in "
            + dir
            + " is open in another process (or store) already; one"
            + " process at a time may use it",
        cause);
  }

  private static void close(@Nullable FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was locked through it.
      }
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it as well.
    }
    close(channel);
  }
}
