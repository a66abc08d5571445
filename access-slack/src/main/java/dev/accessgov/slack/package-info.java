/**
 * Slack as a front door to the access service, on the official Java Slack SDK: a modal built from
 * the catalog for requests, Block Kit approval messages delivered through an {@link
 * dev.accessgov.spi.Outbox}, review decisions and reminders, and a signed interaction handler that
 * calls the service, so every rule (no self-approval, authority, active people) holds for a click
 * exactly as for a Java call.
 */
@NullMarked
package dev.accessgov.slack;

import org.jspecify.annotations.NullMarked;
