package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

/**
 * The approval lag of one group of requests: from the request to its last approval.
 *
 * @param group the approver's id, a team (department) name, or the approver's manager or division
 * @param lag the count, median and 95th percentile
 */
public record GroupLag(String group, LagStats lag) {
  /** Checks the fields. */
  public GroupLag {
    requireNonNull(group, "group");
    requireNonNull(lag, "lag");
  }
}
