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
}
