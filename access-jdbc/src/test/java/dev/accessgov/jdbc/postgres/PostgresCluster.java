package dev.accessgov.jdbc.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster for the tests of one JVM: initdb in a temporary directory, started
 * on a free port on 127.0.0.1 with trust authentication, stopped and deleted by a shutdown hook.
 * PostgreSQL refuses to run as root, so under root it runs as the {@code postgres} user through
 * {@code runuser}. The binaries are found in {@code $PG_BIN}, {@code /usr/lib/postgresql/<n>/bin}
 * (15 preferred) or the PATH. Without them tests are skipped with a message, except when {@code
 * CI=true}: CI must run them, so they fail.
 *
 * <p>Durability is switched off ({@code fsync=off}): these tests are about concurrency and SQL, and
 * the cluster is thrown away anyway. The crash test runs against H2 with real durability.
 */
public final class PostgresCluster {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static volatile PostgresCluster instance;
  private static volatile String unavailable;

  private final int port;

  private PostgresCluster(int port) {
    this.port = port;
  }

  /** The cluster, started on first use; aborts (or fails on CI) when PostgreSQL is missing. */
  public static synchronized PostgresCluster get() {
    if (instance == null && unavailable == null) {
      try {
        instance = start();
      } catch (IOException | InterruptedException | RuntimeException e) {
        unavailable = "PostgreSQL could not be started: " + e.getMessage();
      }
    }
    if (instance == null) {
      String message = unavailable + "; PostgreSQL tests skipped.";
      if ("true".equals(System.getenv("CI"))) {
        throw new IllegalStateException(message + " CI=true requires them: install PostgreSQL 15");
      }
      Assumptions.abort(message);
    }
    return instance;
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** A JDBC URL for database {@code name}. */
  public String url(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** A new empty database, with a pool of at most {@code poolSize} connections. */
  public HikariDataSource newDatabase(int poolSize) {
    String name = "access_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return pool(name, poolSize);
  }

  /** Another pool on an existing database, e.g. for a second application instance. */
  public HikariDataSource pool(String database, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url(database));
    config.setUsername("postgres");
    config.setMaximumPoolSize(poolSize);
    config.setPoolName(database);
    return new HikariDataSource(config);
  }

  private static PostgresCluster start() throws IOException, InterruptedException {
    Path bin = findBinaries().orElse(null);
    if (bin == null) {
      unavailable =
          "no PostgreSQL binaries (initdb, pg_ctl) in $PG_BIN, /usr/lib/postgresql/*/bin or PATH";
      return null;
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("access-pg-");
    if (root) {
      UserPrincipal postgres =
          dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, postgres);
    }
    Path data = dir.resolve("data");
    int port = freePort();
    run(
        root,
        bin.resolve("initdb").toString(),
        "-D",
        data.toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync");
    String options =
        "-p "
            + port
            + " -c listen_addresses=127.0.0.1 -k "
            + dir
            + " -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
    run(
        root,
        bin.resolve("pg_ctl").toString(),
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        options,
        "start");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    run(
                        root,
                        bin.resolve("pg_ctl").toString(),
                        "-D",
                        data.toString(),
                        "-m",
                        "immediate",
                        "stop");
                  } catch (IOException | InterruptedException | RuntimeException e) {
                    // The JVM is exiting; a leftover server dies with the container.
                  }
                  deleteRecursively(dir);
                }));
    return new PostgresCluster(port);
  }

  static Optional<Path> findBinaries() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("PG_BIN");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .sorted(
                Comparator.comparing((Path p) -> !p.getFileName().toString().equals("15"))
                    .thenComparing(Comparator.reverseOrder()))
            .map(p -> p.resolve("bin"))
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(java.io.File.pathSeparator)) {
        candidates.add(Path.of(entry));
      }
    }
    return candidates.stream()
        .filter(
            p -> Files.isExecutable(p.resolve("initdb")) && Files.isExecutable(p.resolve("pg_ctl")))
        .findFirst();
  }

  private static void run(boolean asPostgres, String... command)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed: " + output.strip());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: a temporary directory.
    }
  }
}
