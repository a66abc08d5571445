package dev.accessgov.spi;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.internal.DirectoryCheckpointSink;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Publishes each signed checkpoint outside the store, where whoever can write the store cannot
 * reach: a directory on another volume or host, an object store with retention, later an HTTP
 * witness. Before signing, the library checks that the log still contains and extends the {@link
 * #latest} published checkpoint, and refuses to sign otherwise ({@link
 * dev.accessgov.EvidenceIntegrityException}); so a store cut back or rewritten is caught at the
 * next checkpoint, and auditors verify against the published checkpoints (``access-cli verify
 * --since``).
 *
 * <p><b>Guarantee:</b> {@link #publish} returns only once the checkpoint is durable where it is
 * published; {@link #latest} returns the published checkpoint with the largest size (the latest
 * signed among those of that size), from any process. Implementations are thread-safe.
 */
public interface CheckpointSink {
  /**
   * Publishes {@code checkpoint}; publishing the same checkpoint again is harmless.
   *
   * @throws java.io.UncheckedIOException if it could not be made durable; the checkpoint is then
   *     stored but not published, and the next checkpoint publishes again
   */
  void publish(Checkpoint checkpoint);

  /** The published checkpoint with the largest size, the latest signed of that size; or none. */
  Optional<Checkpoint> latest();

  /** Publishes nothing: only the store keeps checkpoints. */
  static CheckpointSink none() {
    return new CheckpointSink() {
      @Override
      public void publish(Checkpoint checkpoint) {}

      @Override
      public Optional<Checkpoint> latest() {
        return Optional.empty();
      }

      @Override
      public String toString() {
        return "CheckpointSink.none()";
      }
    };
  }

  /**
   * Publishes each checkpoint as a file {@code <size>-<epoch millis>.checkpoint} holding its signed
   * note, in {@code directory} (created if needed), written to a temporary file and renamed, and
   * keeps {@code latest.checkpoint} pointing at the latest. An auditor can copy the directory, or
   * any one file, and pass it to {@code access-cli verify --since}.
   */
  static CheckpointSink directory(Path directory) {
    return new DirectoryCheckpointSink(directory);
  }
}
