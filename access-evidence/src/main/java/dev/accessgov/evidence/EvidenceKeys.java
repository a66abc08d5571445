package dev.accessgov.evidence;

/**
 * The names of the evidence details this library writes. Kept in one place so the writer (the
 * service), the readers (walkthroughs, reports) and auditors' tools agree on them.
 */
public final class EvidenceKeys {
  private EvidenceKeys() {}

  /** The record's subject (person id). */
  public static final String SUBJECT = "subject";

  /** The role granted. */
  public static final String ROLE = "role";

  /** A person's stated reason or comment. */
  public static final String REASON = "reason";

  /** The duration of the access as ISO-8601 (e.g. {@code PT6H}). */
  public static final String DURATION = "duration";

  /** When the access ends, ISO-8601 instant. */
  public static final String EXPIRES_AT = "expiresAt";

  /** The approval step satisfied, e.g. {@code APP_OWNER}. */
  public static final String STEP = "step";

  /** Position of the approval step in the policy, from 0. */
  public static final String STEP_INDEX = "stepIndex";

  /** Name of the separation-of-duties rule that added an approval step. */
  public static final String SOD_RULE = "sodRule";

  /**
   * On an {@code APPROVED} or {@code DENIED} event applied from a decision made in another system:
   * that system's id, e.g. {@code jira} (see {@code dev.accessgov.record.DecisionSource}).
   */
  public static final String SOURCE = "source";

  /** With {@link #SOURCE}: the decision's id in that system, e.g. the JSM approval id. */
  public static final String SOURCE_DECISION = "sourceDecision";

  /** With {@link #SOURCE}: the account in that system that decided, e.g. an Atlassian account. */
  public static final String SOURCE_ACCOUNT = "sourceAccount";

  /** The identity provider's id. */
  public static final String PROVIDER = "provider";

  /** The group in the identity provider. */
  public static final String GROUP = "group";

  /** The user's id in the identity provider. */
  public static final String IDP_USER = "idpUser";

  /**
   * What the identity provider did: {@code ADDED}, {@code ALREADY_MEMBER}, {@code REMOVED}, {@code
   * NOT_A_MEMBER}.
   */
  public static final String OUTCOME = "outcome";

  /** The HTTP status the provider answered with (0 when there was no HTTP). */
  public static final String STATUS = "status";

  /** The provider's request id, for its support. */
  public static final String REQUEST_ID = "requestId";

  /** When the provider answered, ISO-8601 instant. */
  public static final String ANSWERED_AT = "answeredAt";

  /** The provider's error text. */
  public static final String ERROR = "error";

  /** Whether a failed call may succeed later. */
  public static final String RETRYABLE = "retryable";

  /** The ticket key. */
  public static final String TICKET = "ticket";

  /** The previous end of time-bound access, when it is extended. */
  public static final String PREVIOUS_EXPIRES_AT = "previousExpiresAt";

  /**
   * What kind of drift a {@code DRIFT_DETECTED} event reports: {@code MISSING}, {@code UNEXPLAINED}
   * or {@code EXPIRED_PRESENT} (see {@code dev.accessgov.reconcile.DriftKind}). A record whose
   * first event is a {@code DRIFT_DETECTED} of kind {@code UNEXPLAINED} or {@code EXPIRED_PRESENT}
   * was discovered in the identity provider rather than requested.
   */
  public static final String DRIFT = "drift";

  /**
   * What the library did about a finding, e.g. {@code REPROVISION}, {@code FLAG}, {@code REMOVE}.
   */
  public static final String ACTION = "action";

  /** The review campaign a decision belongs to. */
  public static final String CAMPAIGN = "campaign";

  /** The review item a decision answers. */
  public static final String ITEM = "item";

  /** The reviewer the item was first assigned to, when someone else decided it. */
  public static final String ASSIGNED_TO = "assignedTo";

  /** What the campaign recommended, e.g. {@code REVOKE: no sign-in for 120 days}. */
  public static final String RECOMMENDATION = "recommendation";

  /** Whether access was kept only because nobody decided by the deadline (a recorded exception). */
  public static final String EXCEPTION = "exception";

  /**
   * {@code true} on a review decision that changed nothing: the membership it was about had already
   * vanished (the grant ended, or someone removed it in the provider), so no removal followed.
   */
  public static final String MOOT = "moot";

  /**
   * {@code true} on a review decision ({@code REVIEW_KEPT}, {@code REVIEW_REVOKED}) or a {@code
   * DRIFT_DETECTED} finding about an unmanaged account: one whose identity lies outside the
   * organisation's verified domains. Absent otherwise, and always when no domain is configured.
   */
  public static final String UNMANAGED = "unmanaged";

  /** The items of a closed review campaign, one line each ({@code CAMPAIGN_CLOSED}). */
  public static final String ITEMS = "items";

  /**
   * {@code sha256:<hex>} of a closed campaign's item lines, the lines {@link #ITEMS} lists (given
   * for every campaign, and alone for campaigns too large to list).
   */
  public static final String ITEMS_DIGEST = "itemsDigest";

  /** How many items a closed review campaign had ({@code CAMPAIGN_CLOSED}). */
  public static final String ITEM_COUNT = "itemCount";

  /** When the access is next reviewed after a decision, ISO-8601 instant. */
  public static final String NEXT_REVIEW_AT = "nextReviewAt";

  /** The name of the policy that acted, e.g. a reclaim policy. */
  public static final String POLICY = "policy";

  /** The last sign-in the decision used: an ISO-8601 instant, {@code NEVER} or {@code UNKNOWN}. */
  public static final String LAST_LOGIN = "lastLogin";

  /** The inactivity threshold applied, ISO-8601 duration. */
  public static final String THRESHOLD = "threshold";

  /** When a reclaim policy gave notice of the removal, ISO-8601 instant. */
  public static final String NOTICE_GIVEN_AT = "noticeGivenAt";

  /** An earlier record this one relates to, e.g. the expired grant whose membership reappeared. */
  public static final String PREVIOUS_RECORD = "previousRecord";

  /** True when a ticket was only queued: its key is a placeholder. */
  public static final String PROVISIONAL = "provisional";

  /** The placeholder key a ticket had before the real ticket existed. */
  public static final String PREVIOUS_TICKET = "previousTicket";

  /** How long the real ticket took to exist, ISO-8601 duration. */
  public static final String DELAYED_BY = "delayedBy";

  /** {@code true} on a removal or withdrawal made because the person left. */
  public static final String OFFBOARDING = "offboarding";

  /**
   * How many milliseconds the service clock was behind the record's latest time when the event was
   * written (an integer). The event is dated at that latest time instead, so a record's times never
   * run backwards; the key is absent when the clock was not behind.
   */
  public static final String CLOCK_SKEW_MS = "clockSkewMs";

  /**
   * On a {@code RECOVERED} event: the owner (a service instance) whose lease on the in-flight
   * record had lapsed or been released when recovery took it over; absent when the record had no
   * lease (written by an earlier version).
   */
  public static final String LAPSED_OWNER = "lapsedOwner";

  /**
   * On a {@code RECOVERED} event with a {@link #LAPSED_OWNER}: when that owner's lease lapsed;
   * absent when the store knew the owner's process had ended but not when (see {@code
   * RecordLeases.Lease.OWNER_ENDED}), and the reason says so.
   */
  public static final String LAPSED_AT = "lapsedAt";

  /** On a {@code RECONCILED} event: when the run started, ISO-8601 instant. */
  public static final String STARTED_AT = "startedAt";

  /** On a {@code RECONCILED} event: how many managed groups the run listed (an integer). */
  public static final String GROUPS_CHECKED = "groupsChecked";

  /** On a {@code RECONCILED} event: how many memberships the providers listed (an integer). */
  public static final String MEMBERS_SEEN = "membersSeen";

  /**
   * On a {@code RECONCILED} event: how many findings the run made, including those already flagged
   * by an earlier run (an integer); each that wrote evidence is its own {@code DRIFT_DETECTED}.
   */
  public static final String FINDINGS = "findings";

  /**
   * On a {@code RECONCILED} event: how many of the findings wrote evidence or changed access (an
   * integer).
   */
  public static final String CHANGES = "changes";

  /**
   * On a {@code USAGE_OBSERVED} event: what the activity log answered. {@code OBSERVED} (the counts
   * are given), {@code NOT_AVAILABLE} (the provider keeps no activity log this library reads:
   * nothing was asked) or {@code UNAVAILABLE} (asking failed; {@link #ERROR} says why and {@link
   * #RETRYABLE} whether the service asks again later).
   */
  public static final String USAGE = "usage";

  /**
   * On a {@code USAGE_OBSERVED} event: which window it covers. {@code WINDOW}: from the grant's
   * activation to its end; {@code AFTER_END}: from the end for the service's look-past interval.
   */
  public static final String USAGE_PHASE = "usagePhase";

  /** On a {@code USAGE_OBSERVED} event: the start of the window asked about, inclusive. */
  public static final String WINDOW_START = "windowStart";

  /** On a {@code USAGE_OBSERVED} event: the end of the window asked about, exclusive. */
  public static final String WINDOW_END = "windowEnd";

  /** On a {@code USAGE_OBSERVED} event: how many sign-in or token events fell in the window. */
  public static final String EVENT_COUNT = "eventCount";

  /** On a {@code USAGE_OBSERVED} event: the earliest event in the window, ISO-8601 instant. */
  public static final String FIRST_EVENT_AT = "firstEventAt";

  /** On a {@code USAGE_OBSERVED} event: the latest event in the window, ISO-8601 instant. */
  public static final String LAST_EVENT_AT = "lastEventAt";

  /**
   * On a {@code USAGE_OBSERVED} event: {@code true} when the log held more events than the service
   * reads for one window; {@link #EVENT_COUNT} is then a lower bound and the first and last times
   * are of the events read.
   */
  public static final String TRUNCATED = "truncated";

  /**
   * On a {@code USAGE_OBSERVED} event: where the events come from, e.g. {@code okta:/api/v1/logs}.
   */
  public static final String USAGE_SOURCE = "usageSource";

  /**
   * On a {@code USAGE_OBSERVED} event: the first query the vendor was asked (path and parameters,
   * no credential), so an auditor can ask it again.
   */
  public static final String USAGE_QUERY = "usageQuery";

  /**
   * On a {@code USAGE_OBSERVED} event, what a reviewer should look at: {@code NEVER_USED} (no event
   * in the grant's window: a hint the standing need is smaller) or {@code ACTIVITY_AFTER_END}
   * (events after the access ended: an anomaly worth investigating). Absent when there is nothing
   * to flag.
   */
  public static final String USAGE_FLAG = "usageFlag";

  /**
   * On a {@code USAGE_OBSERVED} event of phase {@code WINDOW}: when the service will look past the
   * end ({@code AFTER_END}), ISO-8601 instant; the durable marker the expiry sweep acts on.
   */
  public static final String AFTER_END_CHECK_AT = "afterEndCheckAt";

  /**
   * The id of the lifecycle event (onboarding, transfer, offboarding) an event was made for; the
   * same on every record of that event, so an audit can gather them.
   */
  public static final String LIFECYCLE_EVENT = "lifecycleEvent";

  /**
   * What triggered the lifecycle event: {@code ONBOARDING}, {@code TRANSFER} or {@code
   * OFFBOARDING}. Present wherever {@link #LIFECYCLE_EVENT} is.
   */
  public static final String LIFECYCLE_TRIGGER = "lifecycleTrigger";

  /**
   * On a {@code REQUESTED} event of a birthright grant: the names of the catalog's birthright rules
   * that give the person the role, comma-separated.
   */
  public static final String BIRTHRIGHT = "birthright";

  /**
   * On a {@code REQUESTED} event of a birthright grant: the approval it needs ({@code automatic},
   * {@code application-owner} or {@code role-policy}); approvals of the record follow it instead of
   * the role's own policy.
   */
  public static final String BIRTHRIGHT_APPROVAL = "birthrightApproval";
}
