package dev.accessgov;

/**
 * The library was wired or configured wrongly: a catalog that references an unknown provider, a
 * role without groups, a privileged role without expiry, a builder missing a required part. Thrown
 * at build time, so a bad configuration stops the application at start-up instead of at the first
 * grant.
 */
public class AccessConfigurationException extends AccessException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message says what to fix. */
  public AccessConfigurationException(String message) {
    super(message);
  }
}
