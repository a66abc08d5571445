package dev.accessgov.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into {@code '\n'}-terminated lines without decoding them, so that JSON
 * parsing sees the exact bytes (and rejects invalid UTF-8) and no {@code String} is made per line.
 * A last line without a terminator is still a line.
 *
 * <p>Lines longer than {@value #MAX_LINE} bytes are refused: a file without line breaks must not
 * make the reader buffer all of it. It is the limit the writer keeps ({@link
 * EvidenceEvent#MAX_LINE_BYTES}), so nothing a store sealed is refused here.
 */
final class LineSource implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  /** The longest line accepted, in bytes. */
  static final int MAX_LINE = EvidenceEvent.MAX_LINE_BYTES;

  private final InputStream in;
  private final byte[] chunk = new byte[CHUNK];
  private int chunkPos;
  private int chunkLimit;
  private byte[] line = new byte[1024];
  private int lineLength;
  private long lineNumber;

  LineSource(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next line into {@link #bytes()}, without its terminator.
   *
   * @return false at the end of the stream
   * @throws IllegalArgumentException if the line is longer than {@value #MAX_LINE} bytes; {@link
   *     #lineNumber} is then that line's number
   */
  boolean next() throws IOException {
    lineLength = 0;
    boolean sawAny = false;
    while (true) {
      if (chunkPos == chunkLimit) {
        int n = in.read(chunk, 0, CHUNK);
        if (n < 0) {
          if (sawAny) {
            lineNumber++;
          }
          return sawAny;
        }
        chunkPos = 0;
        chunkLimit = n;
      }
      sawAny = true;
      int start = chunkPos;
      int end = start;
      while (end < chunkLimit && chunk[end] != '\n') {
        end++;
      }
      append(start, end);
      chunkPos = end < chunkLimit ? end + 1 : end;
      if (end < chunkLimit) {
        lineNumber++;
        return true;
      }
    }
  }

  /** The current line's bytes, valid for {@code [0, length())} until the next {@link #next}. */
  byte[] bytes() {
    return line;
  }

  /** The current line's length in bytes. */
  int length() {
    return lineLength;
  }

  /** The 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  private void append(int start, int end) {
    int n = end - start;
    if (n > MAX_LINE - lineLength) {
      lineNumber++;
      throw new IllegalArgumentException("the line is longer than " + MAX_LINE + " bytes");
    }
    if (lineLength + n > line.length) {
      line = Arrays.copyOf(line, Math.min(MAX_LINE, Math.max(line.length * 2, lineLength + n)));
    }
    System.arraycopy(chunk, start, line, lineLength, n);
    lineLength += n;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
