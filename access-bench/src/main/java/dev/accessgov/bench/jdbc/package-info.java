/**
 * Benchmarks of the durable store: lifecycles per second against raw JDBC inserts of the same rows,
 * evidence verification read straight from the database, and the expiry scan over a campaign-sized
 * table. H2 by default; PostgreSQL with {@code -jvmArgs
 * -Daccess.bench.pg=jdbc:postgresql://host:port/db?user=...} and {@code -p db=postgres}.
 */
@NullMarked
package dev.accessgov.bench.jdbc;

import org.jspecify.annotations.NullMarked;
