package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Streams the events of an {@code events.jsonl} file one line at a time, so that exports of
 * millions of events can be read and verified in constant memory. Obtain one from {@link
 * EvidenceExport#readEvents} and close it, preferably with try-with-resources.
 *
 * <p>{@link #hasNext} and {@link #next} throw {@link MalformedEvidenceException} for a line that is
 * not a canonical event line, and {@link UncheckedIOException} if reading fails. Not thread-safe.
 */
public final class EvidenceReader implements Iterator<EvidenceEvent>, Closeable {
  private final String fileName;
  private final LineSource lines;
  private @Nullable EvidenceEvent next;
  private boolean finished;

  private EvidenceReader(String fileName, InputStream in) {
    this.fileName = fileName;
    this.lines = new LineSource(in);
  }

  /**
   * Opens {@code file} for reading.
   *
   * @throws IllegalArgumentException if the file does not exist
   * @throws UncheckedIOException if it cannot be opened
   */
  static EvidenceReader open(Path file) {
    return new EvidenceReader(String.valueOf(file.getFileName()), openFile(file));
  }

  /**
   * Opens {@code file}, an evidence file, as a stream.
   *
   * @throws IllegalArgumentException if the file does not exist
   * @throws UncheckedIOException if it cannot be opened
   */
  static InputStream openFile(Path file) {
    requireNonNull(file, "file");
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("evidence file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open evidence file " + file, e);
    }
  }

  /**
   * Whether another event follows; reads ahead one line.
   *
   * @throws MalformedEvidenceException if the next line is not a canonical event line
   */
  @Override
  public boolean hasNext() {
    if (next == null && !finished) {
      next = readNext();
      finished = next == null;
    }
    return next != null;
  }

  /**
   * The next event, in file order.
   *
   * @throws NoSuchElementException after the last event
   * @throws MalformedEvidenceException if the next line is not a canonical event line
   */
  @Override
  public EvidenceEvent next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more events in " + fileName);
    }
    EvidenceEvent event = requireNonNull(next);
    next = null;
    return event;
  }

  /** The number of lines read so far, which for a well-formed file is the last event's position. */
  public long linesRead() {
    return lines.lineNumber();
  }

  private @Nullable EvidenceEvent readNext() {
    try {
      if (!lines.next()) {
        return null;
      }
      return EvidenceLines.parseEvent(lines.bytes(), 0, lines.length());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + fileName, e);
    } catch (IllegalArgumentException e) {
      // Stop here: after a malformed line the positions of later lines mean nothing.
      finished = true;
      throw new MalformedEvidenceException(
          fileName, lines.lineNumber(), String.valueOf(e.getMessage()));
    }
  }

  /** Closes the file. */
  @Override
  public void close() {
    try {
      lines.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + fileName, e);
    }
  }
}
