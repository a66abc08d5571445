package dev.accessgov.cli;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.NotFoundException;
import dev.accessgov.ProviderException;
import dev.accessgov.evidence.MalformedEvidenceException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on standard error, {@code access-cli: <what went wrong>}, and
 * the exit status of {@link ExitCodes}. No stack trace reaches the terminal: an auditor needs to
 * know what to fix, not where the code was.
 */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    print(
        cmd.getErr(),
        e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    if (e instanceof CliException cli) {
      print(err, messageOf(cli));
      return cli.exitCode();
    }
    if (e instanceof NotFoundException || e instanceof MalformedEvidenceException) {
      print(err, messageOf(e));
      return ExitCodes.USAGE;
    }
    if (e instanceof AccessConfigurationException || e instanceof ProviderException) {
      // A newer schema, a locked file, an unreachable database: the store, not the command line.
      print(err, "the store cannot be used: " + e.getMessage() + rootCause(e));
      return ExitCodes.STORE;
    }
    if (e instanceof UncheckedIOException io) {
      Throwable cause = io.getCause(); // set by every constructor, but declared nullable
      print(err, io.getMessage() + (cause == null ? "" : ": " + messageOf(cause)));
      return ExitCodes.USAGE;
    }
    print(err, "internal error, please report it: " + e);
    return ExitCodes.INTERNAL;
  }

  /** What {@code e} says, or its kind when it says nothing. */
  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }

  /** The deepest cause's message, when it says more: a pool hides "connection refused". */
  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return root == e || message == null || messageOf(e).contains(message)
        ? ""
        : " (" + message + ")";
  }

  private static void print(PrintWriter err, String message) {
    // One line: a multi-line message (from a driver, say) would read as several errors.
    // No password of a JDBC URL, however a driver quotes it (Redact); control characters are
    // escaped by the writer (Terminal).
    err.println(
        "access-cli: " + Redact.credentials(message.strip().replaceAll("\\s*\\R\\s*", " ")));
    err.flush();
  }
}
