/**
 * A durable {@link dev.accessgov.spi.AccessStore} on JDBC: {@link dev.accessgov.jdbc.AccessStores}
 * opens an embedded SQLite file for one process or PostgreSQL for several instances sharing one
 * database, migrating the schema with Flyway; {@link dev.accessgov.jdbc.AccessScheduler} runs
 * expiry sweeps and crash recovery on db-scheduler so that each due item is handled by one
 * instance.
 */
@NullMarked
package dev.accessgov.jdbc;

import org.jspecify.annotations.NullMarked;
