package dev.accessgov.jdbc;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link AccessStores#postgres(javax.sql.DataSource, JdbcStoreSettings)} and {@link
 * AccessStores#jdbc(javax.sql.DataSource, JdbcStoreSettings)} open a store: the database schema
 * that holds its tables and what to do with migrations.
 *
 * <pre>{@code
 * JdbcStoreSettings settings =
 *     JdbcStoreSettings.builder().schema("access").migration(Migration.VALIDATE).build();
 * JdbcAccessStore store = AccessStores.postgres(dataSource, settings);
 * }</pre>
 */
public final class JdbcStoreSettings {
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final JdbcStoreSettings DEFAULTS = builder().build();

  private final @Nullable String schema;
  private final Migration migration;

  private JdbcStoreSettings(Builder b) {
    this.schema = b.schema;
    this.migration = b.migration;
  }

  /** The defaults: the connection's own schema, {@link Migration#APPLY}. */
  public static JdbcStoreSettings defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The schema holding the store's tables, or empty for the connection's current schema. */
  public Optional<String> schema() {
    return Optional.ofNullable(schema);
  }

  /** What opening does with migrations. */
  public Migration migration() {
    return migration;
  }

  @Override
  public String toString() {
    return "JdbcStoreSettings[schema=" + schema + ", migration=" + migration + "]";
  }

  /** Builds {@link JdbcStoreSettings}; not thread-safe. */
  public static final class Builder {
    private @Nullable String schema;
    private Migration migration = Migration.APPLY;

    private Builder() {}

    /**
     * The schema (PostgreSQL or H2) that holds the store's tables, its schema history and the
     * scheduler's table; with {@link Migration#APPLY} it is created if missing (the user needs
     * {@code CREATE} on the database). The store sets it as each of its connections' schema ({@link
     * java.sql.Connection#setSchema}) and sets the previous one back before returning the
     * connection. Default: none, the tables go into the connection's current schema ({@code public}
     * on PostgreSQL, unless its {@code search_path} says otherwise). Two stores in two schemas of
     * one database are independent.
     *
     * @param schema lower-case letters, digits and underscores, starting with a letter or
     *     underscore, at most 63 characters
     * @throws AccessConfigurationException for another name
     */
    public Builder schema(String schema) {
      requireNonNull(schema, "schema");
      if (!SCHEMA.matcher(schema).matches()) {
        throw new AccessConfigurationException(
            "schema '"
                + schema
                + "' is not accepted: use lower-case letters, digits and '_', starting with a"
                + " letter or '_', at most 63 characters (e.g. access_governance)");
      }
      this.schema = schema;
      return this;
    }

    /** What opening does with migrations. Default {@link Migration#APPLY}. */
    public Builder migration(Migration migration) {
      this.migration = requireNonNull(migration, "migration");
      return this;
    }

    /** The settings. */
    public JdbcStoreSettings build() {
      return new JdbcStoreSettings(this);
    }
  }
}
