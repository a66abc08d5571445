/**
 * Not API: the SQL, row mapping, schema migration and error translation behind {@link
 * dev.accessgov.jdbc.JdbcAccessStore}. Anything here may change without notice.
 */
@NullMarked
package dev.accessgov.jdbc.internal;

import org.jspecify.annotations.NullMarked;
