package dev.accessgov.jdbc.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a database's JDBC driver is on the class path. Only the SQLite driver comes with
 * access-jdbc; the H2 and PostgreSQL drivers are optional dependencies the application adds, and a
 * missing one is reported with the artifact to add rather than as "No suitable driver". Not API.
 */
public final class Drivers {
  private Drivers() {}

  /**
   * The loaders a driver is looked up in, as {@link java.sql.DriverManager} would see it: the
   * thread's context class loader and the one that loaded access-jdbc.
   */
  public static List<ClassLoader> defaultLoaders() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = Drivers.class.getClassLoader();
    return context == null || context == own ? List.of(own) : List.of(context, own);
  }

  /** Whether {@code vendor}'s driver class can be loaded from any of {@code loaders}. */
  public static boolean present(Schema.Vendor vendor, List<ClassLoader> loaders) {
    for (ClassLoader loader : loaders) {
      try {
        Class.forName(vendor.driverClass(), false, loader);
        return true;
      } catch (ClassNotFoundException | LinkageError e) {
        // look in the next loader
      }
    }
    return false;
  }

  /**
   * Fails unless {@code vendor}'s driver can be loaded from {@code loaders}.
   *
   * @param cause the failure that made the caller look, kept as the exception's cause; or null
   * @throws AccessConfigurationException naming the driver's Maven artifact to add
   */
  public static void require(
      Schema.Vendor vendor, List<ClassLoader> loaders, @Nullable Throwable cause) {
    requireNonNull(vendor, "vendor");
    if (!present(vendor, loaders)) {
      AccessConfigurationException e =
          new AccessConfigurationException(
              "the "
                  + vendor.product()
                  + " JDBC driver ("
                  + vendor.driverClass()
                  + ") is not on the class path: add the dependency "
                  + vendor.artifact()
                  + " to the application (its version is in access-bom); access-jdbc declares it"
                  + " optional");
      if (cause != null) {
        e.initCause(cause);
      }
      throw e;
    }
  }

  /** The vendor whose JDBC URLs start like {@code jdbcUrl}, if it is one of the supported ones. */
  public static Optional<Schema.Vendor> vendorOf(String jdbcUrl) {
    String url = requireNonNull(jdbcUrl, "jdbcUrl").toLowerCase(Locale.ROOT);
    return Arrays.stream(Schema.Vendor.values())
        .filter(v -> url.startsWith(v.urlPrefix()))
        .findFirst();
  }
}
