/**
 * In-memory implementations of every SPI, for tests, examples and trying the library out. They pass
 * the same contract kit as the real providers.
 */
@NullMarked
package dev.accessgov.inmemory;

import org.jspecify.annotations.NullMarked;
