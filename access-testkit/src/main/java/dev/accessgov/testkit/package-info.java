/**
 * The contract kit: abstract JUnit tests that every {@link dev.accessgov.spi.IdentityProvider},
 * {@link dev.accessgov.spi.TicketingProvider} and {@link dev.accessgov.spi.AccessStore}
 * implementation subclasses to prove it keeps the SPI's promises, plus AssertJ assertions for
 * records and evidence. The clock the contracts move is {@link dev.accessgov.time.TestClock} in
 * access-core.
 */
@NullMarked
package dev.accessgov.testkit;

import org.jspecify.annotations.NullMarked;
