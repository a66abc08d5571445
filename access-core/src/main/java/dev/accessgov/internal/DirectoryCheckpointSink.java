package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.spi.CheckpointSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** {@link CheckpointSink#directory}: one file per checkpoint, and {@code latest.checkpoint}. */
public final class DirectoryCheckpointSink implements CheckpointSink {
  /** The file that holds the latest published checkpoint. */
  public static final String LATEST = "latest.checkpoint";

  private final Path directory;

  /** A sink writing into {@code directory}. */
  public DirectoryCheckpointSink(Path directory) {
    this.directory = requireNonNull(directory, "directory");
  }

  @Override
  public synchronized void publish(Checkpoint checkpoint) {
    requireNonNull(checkpoint, "checkpoint");
    try {
      Files.createDirectories(directory);
      String name = checkpoint.size() + "-" + checkpoint.time().toEpochMilli() + ".checkpoint";
      write(directory.resolve(name), checkpoint.note());
      Optional<Checkpoint> latest = latest();
      if (latest.isEmpty() || Checkpoint.AS_SIGNED.compare(checkpoint, latest.get()) > 0) {
        write(directory.resolve(LATEST), checkpoint.note());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish the checkpoint to " + directory, e);
    }
  }

  @Override
  public Optional<Checkpoint> latest() {
    Path file = directory.resolve(LATEST);
    try {
      return Optional.of(Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path target, String text) throws IOException {
    EvidenceExport.writeAtomically(target, text);
  }

  @Override
  public String toString() {
    return "CheckpointSink.directory(" + directory + ")";
  }
}
