package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: opening a store logged about 16 INFO lines through java.util.logging, the Flyway ones
 * twice (Flyway fell back to JUL without an SLF4J 1.x binding, and each open ran two Flyway
 * commands). Each test loads access-jdbc, Flyway and SLF4J afresh in a class loader of its own, as
 * an application with or without an SLF4J provider has them.
 */
@DisplayName("Flyway logs through SLF4J, and only when it migrates")
class FlywayLoggingTest {
  @TempDir Path dir;

  /** Opens and closes an embedded store in {@code dir} with the classes of {@code loader}. */
  private void openAndClose(ClassLoader loader, Path storeDir) throws Exception {
    IsolatedClassPath.as(
        loader,
        () -> {
          Class<?> stores = Class.forName(AccessStores.class.getName(), true, loader);
          assertThat(stores).isNotSameAs(AccessStores.class);
          Object store = stores.getMethod("embedded", Path.class).invoke(null, storeDir);
          Method close = store.getClass().getMethod("close");
          close.invoke(store);
          return null;
        });
  }

  @Test
  @DisplayName("no java.util.logging record when the application has no SLF4J provider")
  void noJulRecords() throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    root.addHandler(capture);
    try (URLClassLoader loader = IsolatedClassPath.without("slf4j-simple-")) {
      openAndClose(loader, dir.resolve("store"));
      openAndClose(loader, dir.resolve("store"));
    } finally {
      root.removeHandler(capture);
    }

    assertThat(records)
        .filteredOn(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("org.flywaydb"))
        .extracting(LogRecord::getMessage)
        .isEmpty();
  }

  @Test
  @DisplayName("with SLF4J at INFO, Flyway speaks when it migrates and a reopen logs nothing")
  void quietReopen() throws Exception {
    Path log = dir.resolve("slf4j.log");
    Map<String, String> settings =
        Map.of(
            "org.slf4j.simpleLogger.defaultLogLevel",
            "info",
            "org.slf4j.simpleLogger.logFile",
            log.toString());
    settings.forEach(System::setProperty);
    List<String> first;
    List<String> second;
    try (URLClassLoader loader = IsolatedClassPath.without()) {
      openAndClose(loader, dir.resolve("store"));
      first = flywayLines(log);
      openAndClose(loader, dir.resolve("store"));
      second = flywayLines(log).subList(first.size(), flywayLines(log).size());
    } finally {
      settings.keySet().forEach(System::clearProperty);
    }

    assertThat(first)
        .anyMatch(line -> line.contains("Migrating schema"))
        .anyMatch(line -> line.contains("Successfully applied 8 migrations"));
    assertThat(second).isEmpty();
  }

  private static List<String> flywayLines(Path log) throws IOException {
    if (!Files.exists(log)) {
      return List.of();
    }
    return Files.readAllLines(log).stream().filter(l -> l.contains("org.flywaydb")).toList();
  }
}
