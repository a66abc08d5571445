package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account outside the organisation's verified domains, found in a period: a review item marked
 * unmanaged, or a reconcile finding marked so (see {@code dev.accessgov.policy.VerifiedDomains}).
 * One entry per item or finding, so an account found by reconcile and then reviewed appears once
 * for each.
 *
 * @param source {@code REVIEW} (an item of a campaign started in the period) or {@code RECONCILE}
 *     (a {@code DRIFT_DETECTED} finding recorded in the period)
 * @param ref what found it: the review item's id, or the finding's record id
 * @param foundAt when: the campaign's start, or the finding's time
 * @param account the account as the library knows it (the identity provider's login for access
 *     found there)
 * @param application the application's id
 * @param role the role's id
 * @param group the group as {@code provider:group}
 * @param recordId the record of the access, or null for a review item nobody decided on access no
 *     record explained
 * @param verdict the review decision, {@code KEEP} or {@code REVOKE}; for a reconcile finding the
 *     first review decision recorded on its record after it; null when nobody decided
 * @param decidedBy who decided: {@code person:<id>}, or {@code system:review-deadline}; null when
 *     nobody decided
 * @param reviewerDecided whether a person (not the deadline) decided it
 */
public record UnmanagedAccount(
    String source,
    String ref,
    Instant foundAt,
    String account,
    String application,
    String role,
    String group,
    @Nullable String recordId,
    @Nullable String verdict,
    @Nullable String decidedBy,
    boolean reviewerDecided) {

  /** The {@link #source()} of a review item. */
  public static final String REVIEW = "REVIEW";

  /** The {@link #source()} of a reconcile finding. */
  public static final String RECONCILE = "RECONCILE";

  /** Checks the fields. */
  public UnmanagedAccount {
    requireNonNull(source, "source");
    requireNonNull(ref, "ref");
    requireNonNull(foundAt, "foundAt");
    requireNonNull(account, "account");
    requireNonNull(application, "application");
    requireNonNull(role, "role");
    requireNonNull(group, "group");
  }

  /** One line for people: {@code undecided}, or e.g. {@code KEEP by person:carol}. */
  public String decision() {
    return verdict == null ? "undecided" : verdict + " by " + decidedBy;
  }
}
