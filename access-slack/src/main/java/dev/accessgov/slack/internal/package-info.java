/**
 * The Slack module's machinery: the Web API client on the SDK (retries, rate tiers, typed errors),
 * Block Kit rendering, the durable delivery of approval messages and notices, and the interaction
 * handler's parts (request signature checks and replay memory, payload parsing, the request modal,
 * Slack user to person mapping). Not API: anything here may change in any release.
 */
@NullMarked
package dev.accessgov.slack.internal;

import org.jspecify.annotations.NullMarked;
