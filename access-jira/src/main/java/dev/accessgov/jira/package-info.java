/**
 * A {@link dev.accessgov.spi.TicketingProvider} for Jira Cloud and Jira Service Management, on the
 * platform REST API v3 with {@code java.net.http} and Jackson: one issue per access record, one
 * comment per evidence event, delivered through an {@link dev.accessgov.spi.Outbox} so Jira being
 * slow or down never blocks a grant; and a {@link dev.accessgov.jira.JiraWebhookHandler} that turns
 * signed Jira webhooks into approvals, re-read from the JSM approvals API.
 */
@NullMarked
package dev.accessgov.jira;

import org.jspecify.annotations.NullMarked;
