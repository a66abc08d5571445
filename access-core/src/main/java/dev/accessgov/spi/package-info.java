/**
 * Service provider interfaces: identity providers, ticketing, the store and the people directory,
 * with the values they exchange. Provider modules implement these; the contract kit in
 * access-testkit checks them.
 */
@NullMarked
package dev.accessgov.spi;

import org.jspecify.annotations.NullMarked;
