/**
 * The Jira provider's machinery: HTTP transport with retries, error translation, Atlassian Document
 * Format rendering, the outbox worker, issue operations and webhook signature checks. Not API:
 * anything here may change without notice.
 */
@NullMarked
package dev.accessgov.jira.internal;

import org.jspecify.annotations.NullMarked;
