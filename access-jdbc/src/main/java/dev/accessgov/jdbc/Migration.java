package dev.accessgov.jdbc;

/**
 * What opening a store does with the database's schema, set with {@link
 * JdbcStoreSettings.Builder#migration(Migration)}.
 */
public enum Migration {
  /**
   * Creates the schema if needed and applies this library's pending migrations with Flyway (the
   * default). The database user needs {@code CREATE} the first time and after each upgrade that
   * brings migrations.
   */
  APPLY,
  /**
   * Creates and changes nothing: opening fails with a {@link SchemaNotMigratedException} unless the
   * schema is exactly at this library's version. For hosts that run migrations themselves, with
   * their own Flyway and {@link AccessStores#migrationLocations(javax.sql.DataSource)}, and connect
   * the application with a user that may not change the schema.
   */
  VALIDATE
}
