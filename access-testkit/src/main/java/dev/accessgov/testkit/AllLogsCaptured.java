package dev.accessgov.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * Turns every logger of the test JVM up to its most verbose level and keeps everything written,
 * until closed: the SLF4J backend of the tests (slf4j-simple: its default level, which stands for
 * the root, and every logger already made, to TRACE; its output into a buffer), java.util.logging
 * (the root and every named logger to ALL, with a handler that keeps every record, which also
 * receives {@code System.Logger} output of the JDK) and {@code System.out} / {@code System.err}.
 * slf4j-simple has no API to change levels after start, so its fields are set by reflection; {@link
 * #verbose(String...)} proves that it worked. Not thread-safe; restore with {@link #close()}.
 */
public final class AllLogsCaptured implements AutoCloseable {
  private static final int SIMPLE_TRACE = 0;

  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream sink = new PrintStream(captured, true, StandardCharsets.UTF_8);
  private final List<LogRecord> julRecords = Collections.synchronizedList(new ArrayList<>());
  private final Map<Object, Integer> simpleLevels = new HashMap<>();
  private final Map<Logger, Level> julLevels = new HashMap<>();
  private final Object simpleConfig;
  private final int simpleDefault;
  private final Object simpleOutput;
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final Handler julHandler;
  private final Map<String, @Nullable String> quietBefore = new HashMap<>();

  /**
   * Starts capturing.
   *
   * @throws ReflectiveOperationException if the SLF4J backend is not slf4j-simple, whose levels
   *     this sets
   */
  public AllLogsCaptured() throws ReflectiveOperationException {
    this(new String[0]);
  }

  /**
   * Starts capturing, leaving the SLF4J loggers under {@code quiet} (name prefixes, such as an
   * emulator's server-side {@code org.eclipse.jetty}) at {@code warn}: what a server logs about the
   * requests it received is not the client's leak.
   *
   * @throws ReflectiveOperationException if the SLF4J backend is not slf4j-simple, whose levels
   *     this sets
   */
  public AllLogsCaptured(String... quiet) throws ReflectiveOperationException {
    for (String prefix : quiet) {
      String property = "org.slf4j.simpleLogger.log." + prefix;
      quietBefore.put(property, System.getProperty(property));
      System.setProperty(property, "warn");
    }
    // Make sure the backend is initialised before its fields are read.
    LoggerFactory.getLogger(AllLogsCaptured.class).info("capturing all logs at TRACE");
    Class<?> simpleLogger = Class.forName("org.slf4j.simple.SimpleLogger");
    simpleConfig = field(simpleLogger, "CONFIG_PARAMS").get(null);
    Field defaultLevel = field(simpleConfig.getClass(), "defaultLogLevel");
    simpleDefault = defaultLevel.getInt(simpleConfig);
    defaultLevel.setInt(simpleConfig, SIMPLE_TRACE);
    Field output = field(simpleConfig.getClass(), "outputChoice");
    simpleOutput = output.get(simpleConfig);
    Constructor<?> choice =
        Class.forName("org.slf4j.simple.OutputChoice").getDeclaredConstructor(PrintStream.class);
    choice.setAccessible(true);
    output.set(simpleConfig, choice.newInstance(sink));
    Field level = field(simpleLogger, "currentLogLevel");
    Map<?, ?> loggers =
        (Map<?, ?>)
            field(LoggerFactory.getILoggerFactory().getClass(), "loggerMap")
                .get(LoggerFactory.getILoggerFactory());
    for (Map.Entry<?, ?> e : loggers.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (java.util.Arrays.stream(quiet).noneMatch(name::startsWith)) {
        simpleLevels.put(e.getValue(), level.getInt(e.getValue()));
        level.setInt(e.getValue(), SIMPLE_TRACE);
      }
    }

    LogManager jul = LogManager.getLogManager();
    for (String name : Collections.list(jul.getLoggerNames())) {
      Logger logger = jul.getLogger(name);
      if (logger != null) {
        julLevels.put(logger, logger.getLevel());
        logger.setLevel(Level.ALL);
      }
    }
    julHandler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            julRecords.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    julHandler.setLevel(Level.ALL);
    Logger.getLogger("").addHandler(julHandler);

    System.setOut(new PrintStream(tee(out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(tee(err), true, StandardCharsets.UTF_8));
  }

  /**
   * Whether SLF4J's root, each of {@code slf4jLoggers} (say, those that print HTTP headers) and
   * java.util.logging's root really are at their finest: a test asserts this, or it could look at
   * nothing.
   */
  public boolean verbose(String... slf4jLoggers) {
    for (String name : slf4jLoggers) {
      if (!LoggerFactory.getLogger(name).isTraceEnabled()) {
        return false;
      }
    }
    return LoggerFactory.getLogger("org.slf4j.ROOT").isTraceEnabled()
        && Logger.getLogger("").isLoggable(Level.ALL);
  }

  /** How many java.util.logging records were kept so far. */
  public int julRecords() {
    return julRecords.size();
  }

  /** Everything logged or printed so far, JUL records with their parameters and throwables. */
  public String text() {
    StringBuilder all = new StringBuilder(captured.toString(StandardCharsets.UTF_8));
    SimpleFormatter format = new SimpleFormatter();
    synchronized (julRecords) {
      for (LogRecord r : julRecords) {
        all.append(format.format(r)).append(r.getMessage()).append('\n');
        if (r.getParameters() != null) {
          for (Object p : r.getParameters()) {
            all.append(p).append('\n');
          }
        }
      }
    }
    return all.toString();
  }

  @Override
  public void close() throws ReflectiveOperationException {
    System.setOut(out);
    System.setErr(err);
    Logger.getLogger("").removeHandler(julHandler);
    julLevels.forEach(Logger::setLevel);
    Class<?> simpleLogger = Class.forName("org.slf4j.simple.SimpleLogger");
    field(simpleConfig.getClass(), "defaultLogLevel").setInt(simpleConfig, simpleDefault);
    field(simpleConfig.getClass(), "outputChoice").set(simpleConfig, simpleOutput);
    Field level = field(simpleLogger, "currentLogLevel");
    Map<?, ?> loggers =
        (Map<?, ?>)
            field(LoggerFactory.getILoggerFactory().getClass(), "loggerMap")
                .get(LoggerFactory.getILoggerFactory());
    for (Object logger : loggers.values()) {
      Integer before = simpleLevels.get(logger);
      if (before != null) {
        level.setInt(logger, before);
      }
    }
    quietBefore.forEach(
        (property, before) -> {
          if (before == null) {
            System.clearProperty(property);
          } else {
            System.setProperty(property, before);
          }
        });
  }

  private OutputStream tee(PrintStream original) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        captured.write(b);
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
        original.write(b, off, len);
      }
    };
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    Field f = type.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
