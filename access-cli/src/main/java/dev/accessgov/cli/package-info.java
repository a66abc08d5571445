/**
 * The {@code access-cli} command line an auditor runs: verify an evidence export or pack against a
 * public key, report from a store, show one record's audit answers, and make an evidence pack. Its
 * only API is the command line; {@link dev.accessgov.cli.AccessCli} is the entry point.
 */
@NullMarked
package dev.accessgov.cli;

import org.jspecify.annotations.NullMarked;
