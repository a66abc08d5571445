package dev.accessgov.slack.internal;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.AccessRecord;
import java.time.Clock;

/**
 * What the interaction handler's parts share: the service that decides, the catalog the modal is
 * built from, the person mapping, the Slack calls, and the clock. Not API.
 *
 * @param access the service every request and decision goes through
 * @param catalog the sanctioned applications and roles
 * @param people Slack user to person
 * @param slack the Web API calls
 * @param clock the time used for extension arithmetic
 * @param links where rewritten messages link to: the record's and the ticket's pages
 */
public record Wiring(
    AccessService access,
    Catalog catalog,
    SlackPeople people,
    SlackCalls slack,
    Clock clock,
    Links links) {

  /** The request modal over the catalog. */
  public RequestModal modal() {
    return new RequestModal(catalog);
  }

  /**
   * The record as the module renders it everywhere (the same facts as the approval requests the
   * module posts), with Approve / Deny while it waits for a step.
   */
  public RecordMessages.Rendered render(AccessRecord r) {
    return RecordMessages.render(
        r, catalog, access.pendingApproval(r.id()).orElse(null), true, links);
  }
}
