package dev.accessgov.cli;

import static java.util.Objects.requireNonNull;

/**
 * A failure the user can act on, printed as one line on standard error with no stack trace, ending
 * the command with {@link #exitCode()}.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  /** A failure with this message and exit status (one of {@link ExitCodes}). */
  CliException(String message, int exitCode) {
    super(requireNonNull(message, "message"));
    this.exitCode = exitCode;
  }

  /** A failure of the command line or its input: {@link ExitCodes#USAGE}. */
  static CliException usage(String message) {
    return new CliException(message, ExitCodes.USAGE);
  }

  /** The exit status the command ends with. */
  int exitCode() {
    return exitCode;
  }
}
