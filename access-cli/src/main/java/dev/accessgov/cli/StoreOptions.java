package dev.accessgov.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.AccessServiceBuilder;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.jdbc.JdbcStoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the store is, shared by the commands that read one: {@code --store DIR} for an embedded
 * (SQLite) store, or {@code --url} for PostgreSQL with a password from an environment variable or a
 * prompt. The password is never printed, logged or put in an error message.
 */
final class StoreOptions {
  /** The environment variable the database password is read from by default. */
  static final String PASSWORD_ENV = "ACCESS_DB_PASSWORD";

  private static final String STORE_FILE = AccessStores.EMBEDDED_FILE;

  @ArgGroup(exclusive = true, multiplicity = "1")
  private Location location = new Location();

  /** Exactly one of the two ways to find a store. */
  static final class Location {
    @Option(
        names = "--store",
        paramLabel = "DIR",
        description = "directory of an embedded store (it holds " + STORE_FILE + ")")
    private @Nullable Path directory;

    @Option(
        names = "--url",
        paramLabel = "JDBC_URL",
        description = "JDBC URL of a PostgreSQL (or H2) store, e.g. jdbc:postgresql://db:5432/app")
    private @Nullable String url;
  }

  @Option(names = "--user", paramLabel = "NAME", description = "database user, with --url")
  private @Nullable String user;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description =
          "database schema holding the store, with --url, when the application put it in one"
              + " (JdbcStoreSettings.schema); default: the connection's own")
  private @Nullable String schema;

  @Option(
      names = "--password-env",
      paramLabel = "VAR",
      defaultValue = PASSWORD_ENV,
      description =
          "environment variable holding the database password, with --url"
              + " (default: ${DEFAULT-VALUE})")
  private String passwordEnv = PASSWORD_ENV;

  @Option(
      names = "--password",
      arity = "0",
      interactive = true,
      description = "prompt for the database password instead (it is not echoed)")
  private char @Nullable [] password;

  /**
   * Opens the store. For {@code --store} the directory must already hold a store: access-cli does
   * not create one where there was none.
   *
   * @throws CliException for a missing directory or one that holds no store
   * @throws dev.accessgov.AccessConfigurationException for a store of a newer schema
   * @throws dev.accessgov.ProviderException when the database cannot be opened or reached
   */
  OpenStore open() {
    if (location.directory != null) {
      Path dir = existingStore(location.directory);
      return new OpenStore(
          AccessStores.embedded(dir), null, "embedded store " + dir.toAbsolutePath().normalize());
    }
    String url = location.url;
    if (url == null || !url.startsWith("jdbc:")) {
      throw CliException.usage("--url must be a JDBC URL such as jdbc:postgresql://host:5432/db");
    }
    // The H2 and PostgreSQL drivers are optional in access-jdbc: a build without one says so.
    AccessStores.requireDriver(url);
    HikariConfig config = new HikariConfig();
    config.setPoolName("access-cli");
    config.setJdbcUrl(url);
    if (user != null) {
      config.setUsername(user);
    }
    if (schema != null) {
      // Checks the name as the application's settings do; every connection then uses it.
      config.setSchema(JdbcStoreSettings.builder().schema(schema).build().schema().orElseThrow());
    }
    String secret = password != null ? new String(password) : System.getenv(passwordEnv);
    if (password != null) {
      Arrays.fill(password, '\0');
    }
    if (secret != null) {
      config.setPassword(secret);
    }
    config.setMaximumPoolSize(2);
    config.setConnectionTimeout(10_000);
    // Fail on first use rather than in the pool's constructor, so access-jdbc reports it.
    config.setInitializationFailTimeout(-1);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      String as = user == null ? "" : " as " + user;
      return new OpenStore(AccessStores.existing(pool), pool, Redact.credentials(url) + as);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static Path existingStore(Path dir) {
    String name = dir.toAbsolutePath().toString();
    if (name.contains("?") || name.contains("#")) {
      // The SQLite driver reads settings after '?' in a file name: the path would change the URL.
      throw CliException.usage(
          "--store " + dir + " contains '?' or '#'; copy the store to a path without them");
    }
    if (!Files.exists(dir)) {
      throw CliException.usage("store directory " + dir + " does not exist");
    }
    if (!Files.isDirectory(dir)) {
      throw CliException.usage("--store must be a directory; " + dir + " is a file");
    }
    // An H2 store of an earlier version passes on: opening it says what to do.
    if (!Files.isRegularFile(dir.resolve(STORE_FILE))
        && !Files.isRegularFile(dir.resolve("access.mv.db"))) {
      throw CliException.usage(
          "directory " + dir + " holds no access store (no " + STORE_FILE + " in it)");
    }
    return dir;
  }

  /**
   * An opened store and the pool access-cli made for it, if any; closing closes both.
   *
   * @param store the store
   * @param pool the pool access-cli made for it, or null
   * @param description where the store is, for people: its directory, or its JDBC URL with any
   *     password replaced by {@code ***}
   */
  record OpenStore(JdbcAccessStore store, @Nullable HikariDataSource pool, String description)
      implements AutoCloseable {

    /**
     * A service on the store for reading it: an empty catalog, since the application's catalog is
     * its code; no people; an identity provider that refuses every call. {@code signer}, when
     * given, signs the checkpoint an evidence pack ends in.
     */
    AccessService service(@Nullable CheckpointSigner signer) {
      return service(signer, dev.accessgov.policy.VerifiedDomains.none());
    }

    /** {@link #service(CheckpointSigner)}, marking accounts outside {@code domains} unmanaged. */
    AccessService service(
        @Nullable CheckpointSigner signer, dev.accessgov.policy.VerifiedDomains domains) {
      AccessServiceBuilder builder =
          AccessService.builder()
              .catalog(Catalog.empty())
              .identityProvider(new ReadOnlyIdentityProvider())
              .peopleDirectory(new InMemoryPeopleDirectory())
              .store(store)
              .verifiedDomains(domains);
      return signer == null ? builder.build() : builder.checkpointSigner(signer).build();
    }

    @Override
    public void close() {
      try {
        store.close();
      } finally {
        if (pool != null) {
          pool.close();
        }
      }
    }
  }
}
