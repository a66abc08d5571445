package dev.accessgov.cli;

import dev.accessgov.report.internal.Credentials;

/**
 * Takes credentials out of a message before access-cli prints it: a driver or pool may quote the
 * JDBC URL, or the part of it it could not parse, and a URL may carry a password in its user-info
 * ({@code jdbc:postgresql://user:secret@host/db}) or as a parameter ({@code ?password=secret},
 * {@code ;PASSWORD=secret}). The password is replaced by {@code ***}; the user name is kept. The
 * rules are access-report's, which states a report's store by them too.
 */
final class Redact {
  private Redact() {}

  /** {@code message} with every password of a JDBC URL in it replaced by {@code ***}. */
  static String credentials(String message) {
    return Credentials.redact(message);
  }
}
