package dev.accessgov.jdbc.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Closes what a multi-instance test opened, last first, and goes on past failures: a killed
 * instance fails to close cleanly, which is the point of killing it.
 */
final class Closer implements AutoCloseable {
  private final List<AutoCloseable> opened = new ArrayList<>();

  /** Registers {@code c} to be closed; returns it. */
  <T extends AutoCloseable> T add(T c) {
    opened.add(c);
    return c;
  }

  @Override
  public void close() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (RuntimeException | Error e) {
        // a killed instance's pool or scheduler
      }
    }
    opened.clear();
  }
}
