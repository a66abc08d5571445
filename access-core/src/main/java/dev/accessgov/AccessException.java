package dev.accessgov;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception this library throws on purpose. Subclasses say what the caller can do
 * about it: fix the configuration ({@link AccessConfigurationException}), change the request
 * ({@link InvalidRequestException}, {@link PolicyViolationException}), look again ({@link
 * NotFoundException}, {@link StateConflictException}) or retry later ({@link ProviderException}
 * with {@link ProviderException#retryable()}). Messages never contain secrets.
 */
public class AccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that names the offending value and what would be accepted. */
  public AccessException(String message) {
    super(message);
  }

  /** As {@link #AccessException(String)}, keeping the underlying cause. */
  public AccessException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
