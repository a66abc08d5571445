package dev.accessgov.testkit;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The secret canary of a test JVM whose loggers are all on: a surefire execution of its own sets
 * {@value #ENABLED}, slf4j-simple's default level to {@code trace} and its {@code logFile} (see
 * access-jira's or access-slack's pom). From {@link #start()} until {@link #close()} it keeps every
 * java.util.logging record (the root at ALL: also the JDK's {@code System.Logger} output), and what
 * is written to {@code System.out} and {@code System.err}; a test adds what it saw through {@link
 * #saw(Throwable)} and {@link #saw(Object)}. {@link #leaks(Collection)} then says where a secret
 * showed in any of it or in the SLF4J log file, with the text before it and every secret masked.
 * Not thread-safe, except that records and output may arrive from any thread.
 */
public final class SecretCanary implements AutoCloseable {
  /** The system property that switches a canary test on; it is skipped elsewhere. */
  public static final String ENABLED = "accessgov.secretCanary";

  private static final int CONTEXT = 160;

  private final StringBuilder jul = new StringBuilder();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final Logger root = LogManager.getLogManager().getLogger("");
  private final @Nullable Level rootLevel = root.getLevel();
  private final List<String> seen = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (jul) {
            jul.append(r.getLevel())
                .append(' ')
                .append(r.getLoggerName())
                .append(' ')
                .append(r.getMessage());
            if (r.getParameters() != null) {
              for (Object p : r.getParameters()) {
                jul.append(' ').append(p);
              }
            }
            if (r.getThrown() != null) {
              jul.append(' ').append(stackTrace(r.getThrown()));
            }
            jul.append('\n');
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private SecretCanary() {
    root.setLevel(Level.ALL);
    capture.setLevel(Level.ALL);
    root.addHandler(capture);
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
  }

  /** Whether this JVM is the canary's: {@value #ENABLED} is {@code true}. */
  public static boolean enabled() {
    return Boolean.getBoolean(ENABLED);
  }

  /** Starts keeping java.util.logging records and the standard streams. */
  public static SecretCanary start() {
    return new SecretCanary();
  }

  /** Keeps the message, {@code toString()} and stack trace of {@code t} and of every cause. */
  public SecretCanary saw(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      seen.add(String.valueOf(c.getMessage()));
      seen.add(c.toString());
    }
    seen.add(stackTrace(t));
    return this;
  }

  /** Keeps {@code String.valueOf(value)}: a {@code toString()}, a result, a body. */
  public SecretCanary saw(@Nullable Object value) {
    seen.add(String.valueOf(value));
    return this;
  }

  /** The java.util.logging records kept so far, one per line. */
  public String julText() {
    synchronized (jul) {
      return jul.toString();
    }
  }

  /** What slf4j-simple wrote to its {@code logFile}, or empty when no file is configured. */
  public String slf4jLog() {
    String file = System.getProperty("org.slf4j.simpleLogger.logFile");
    if (file == null || file.equals("System.err") || file.equals("System.out")) {
      return "";
    }
    try {
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the canary's SLF4J log " + file + " cannot be read", e);
    }
  }

  /**
   * Where any of {@code secrets} showed in what was seen, logged or printed: the text before each
   * occurrence, secrets masked, followed by {@code <canary>}. Empty when none showed.
   */
  public List<String> leaks(Collection<String> secrets) {
    requireNonNull(secrets, "secrets");
    System.out.flush();
    System.err.flush();
    List<String> texts = new ArrayList<>(seen);
    texts.add(stdout.toString(StandardCharsets.UTF_8));
    texts.add(stderr.toString(StandardCharsets.UTF_8));
    texts.add(julText());
    texts.add(slf4jLog());
    List<String> found = new ArrayList<>();
    for (String text : texts) {
      for (String secret : secrets) {
        for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
          String before = text.substring(Math.max(0, at - CONTEXT), at);
          for (String s : secrets) {
            before = before.replace(s, "<secret>");
          }
          found.add(before + "<canary>");
        }
      }
    }
    return found;
  }

  /** Restores the standard streams and the root logger. */
  @Override
  public void close() {
    System.setOut(out);
    System.setErr(err);
    root.removeHandler(capture);
    root.setLevel(rootLevel);
  }

  private static String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return w.toString();
  }
}
