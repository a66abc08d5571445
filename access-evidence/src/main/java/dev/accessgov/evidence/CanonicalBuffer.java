package dev.accessgov.evidence;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The per-thread output buffer of {@link CanonicalJson}. Hashing and exporting read the bytes in
 * place through {@link #array()} so that the hot path (one event after another) allocates neither a
 * new buffer nor a copy per event.
 *
 * <p>The contents are only valid until the next canonical write on the same thread.
 */
final class CanonicalBuffer extends ByteArrayOutputStream {
  private static final int INITIAL_CAPACITY = 1024;

  // A rare huge event should not pin a huge array to the thread for ever.
  private static final int RETAINED_CAPACITY = 64 * 1024;

  private static final ThreadLocal<CanonicalBuffer> PER_THREAD =
      ThreadLocal.withInitial(CanonicalBuffer::new);

  private CanonicalBuffer() {
    super(INITIAL_CAPACITY);
  }

  /** This thread's buffer, emptied. */
  static CanonicalBuffer acquire() {
    CanonicalBuffer buffer = PER_THREAD.get();
    if (buffer.buf.length > RETAINED_CAPACITY) {
      buffer = new CanonicalBuffer();
      PER_THREAD.set(buffer);
    }
    buffer.reset();
    return buffer;
  }

  /** The backing array; bytes {@code [0, size())} are the content. */
  byte[] array() {
    return buf;
  }

  /** Whether the content equals {@code bytes[offset, offset + length)}. */
  boolean contentEquals(byte[] bytes, int offset, int length) {
    return Arrays.equals(buf, 0, count, bytes, offset, offset + length);
  }
}
