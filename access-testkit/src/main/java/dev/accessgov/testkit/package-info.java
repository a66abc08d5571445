/**
 * The contract kit: abstract JUnit tests that every {@link dev.accessgov.spi.IdentityProvider},
 * {@link dev.accessgov.spi.TicketingProvider}, {@link dev.accessgov.spi.AccessStore} and {@link
 * dev.accessgov.spi.GovernanceStore} implementation subclasses to prove it keeps the SPI's
 * promises, plus AssertJ assertions for records and evidence. The clock the contracts move is
 * {@link dev.accessgov.time.TestClock} in access-core.
 */
@NullMarked
package dev.accessgov.testkit;

import org.jspecify.annotations.NullMarked;
