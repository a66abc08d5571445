/**
 * The Slack module's machinery: request signature checks and replay memory, payload parsing, the
 * request modal, record renderings, Slack user to person mapping and the Web API calls the
 * interaction handler makes. Not API: anything here may change without notice.
 */
@NullMarked
package dev.accessgov.slack.internal;

import org.jspecify.annotations.NullMarked;
