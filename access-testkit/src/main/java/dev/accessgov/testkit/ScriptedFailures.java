package dev.accessgov.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The failures a vendor emulator was told to give its next requests, in order: each for requests of
 * any HTTP method ({@value #ANY}) or of one. The emulators of the provider modules (Okta, Entra,
 * Google) keep their own failure types and share this script. Thread-safe.
 *
 * @param <F> the emulator's kind of failure
 */
public final class ScriptedFailures<F> {
  /** The method that matches every request. */
  public static final String ANY = "*";

  private record Scripted<F>(String method, F failure) {}

  private final Deque<Scripted<F>> script = new ArrayDeque<>();

  /** Scripts the next {@code times} requests with {@code method} (or {@link #ANY}) to fail so. */
  public synchronized void add(int times, String method, F failure) {
    requireNonNull(method, "method");
    requireNonNull(failure, "failure");
    for (int i = 0; i < times; i++) {
      script.add(new Scripted<>(method, failure));
    }
  }

  /**
   * The first scripted failure for a request with {@code method}, taken off the script; or null.
   */
  public synchronized @Nullable F next(String method) {
    return next(method, f -> true);
  }

  /**
   * Like {@link #next(String)}, skipping failures {@code applies} rejects (e.g. failures only a
   * whole HTTP request can have, for a batch sub-request).
   */
  public synchronized @Nullable F next(String method, Predicate<F> applies) {
    for (var it = script.iterator(); it.hasNext(); ) {
      Scripted<F> s = it.next();
      if ((s.method().equals(ANY) || s.method().equals(method)) && applies.test(s.failure())) {
        it.remove();
        return s.failure();
      }
    }
    return null;
  }

  /** Forgets every scripted failure. */
  public synchronized void clear() {
    script.clear();
  }
}
