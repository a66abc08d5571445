package dev.accessgov.jdbc;

import dev.accessgov.AccessConfigurationException;

/**
 * A store opened with {@link Migration#VALIDATE} found its schema missing or behind this library's
 * version: run the migrations (see {@link AccessStores#migrationLocations(javax.sql.DataSource)}),
 * then open the store again. The message names the schema, the version found and the version
 * needed.
 */
public class SchemaNotMigratedException extends AccessConfigurationException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message says which migrations to run where. */
  public SchemaNotMigratedException(String message) {
    super(message);
  }
}
