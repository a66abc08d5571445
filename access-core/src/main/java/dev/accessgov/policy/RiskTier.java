package dev.accessgov.policy;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How much harm misuse of a role could do; it sets the defaults a role gets when it does not say
 * otherwise.
 *
 * <table>
 *   <caption>Defaults per tier</caption>
 *   <tr><th>tier</th><th>approval</th><th>expiry</th><th>lifetime cap</th>
 *       <th>review cadence</th></tr>
 *   <tr><td>STANDARD</td><td>automatic</td><td>open-ended</td><td>none</td><td>180 days</td></tr>
 *   <tr><td>SENSITIVE</td><td>manager, then app owner</td><td>7–30 days, default 30</td>
 *       <td>90 days</td><td>90 days</td></tr>
 *   <tr><td>PRIVILEGED</td><td>app owner</td><td>required, 1–24 h</td><td>72 h</td>
 *       <td>30 days</td></tr>
 *   <tr><td>EMERGENCY</td><td>automatic (fast path)</td><td>required, 15 min–4 h, default 1 h</td>
 *       <td>8 h</td><td>review due within 24 h of activation</td></tr>
 * </table>
 *
 * <p>The <em>lifetime cap</em> bounds a grant's whole life, counted from its activation: no
 * extension may move its end past activation plus the cap, however many are asked for. Access
 * needed for longer takes a new request with fresh approval. A role may set its own cap ({@code
 * Role.Builder.maxLifetime}); a role whose expiry policy allows open-ended access has none.
 */
public enum RiskTier {
  /** Everyday access: approved by policy, open-ended. */
  STANDARD(ApprovalPolicy.automatic(), ExpiryPolicy.none(), null, Duration.ofDays(180)),
  /** Access to sensitive data: manager and application owner, up to 30 days, 90 in all. */
  SENSITIVE(
      ApprovalPolicy.of(ApprovalStep.manager(), ApprovalStep.appOwner()),
      ExpiryPolicy.required(Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(30)),
      Duration.ofDays(90),
      Duration.ofDays(90)),
  /** Administrative access: application owner, always time-bound, at most a day, 72 h in all. */
  PRIVILEGED(
      ApprovalPolicy.of(ApprovalStep.appOwner()),
      ExpiryPolicy.required(Duration.ofHours(1), Duration.ofHours(24)),
      Duration.ofHours(72),
      Duration.ofDays(30)),
  /**
   * Break-glass access: granted at once, short (8 h in all), and always reviewed after the fact
   * within {@link #reviewCadence()}.
   */
  EMERGENCY(
      ApprovalPolicy.automatic(),
      ExpiryPolicy.required(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4)),
      Duration.ofHours(8),
      Duration.ofHours(24));

  private final ApprovalPolicy approvalPolicy;
  private final ExpiryPolicy expiryPolicy;
  private final @Nullable Duration maxLifetime;
  private final Duration reviewCadence;

  RiskTier(
      ApprovalPolicy approvalPolicy,
      ExpiryPolicy expiryPolicy,
      @Nullable Duration maxLifetime,
      Duration reviewCadence) {
    this.approvalPolicy = approvalPolicy;
    this.expiryPolicy = expiryPolicy;
    this.maxLifetime = maxLifetime;
    this.reviewCadence = reviewCadence;
  }

  /** The approval policy a role of this tier gets unless it names one. */
  public ApprovalPolicy defaultApprovalPolicy() {
    return approvalPolicy;
  }

  /** The expiry policy a role of this tier gets unless it names one. */
  public ExpiryPolicy defaultExpiryPolicy() {
    return expiryPolicy;
  }

  /**
   * The longest total life, from activation, of a time-bound grant of a role of this tier unless
   * the role names its own cap; empty for {@link #STANDARD}. See the table above.
   */
  public Optional<Duration> defaultMaxLifetime() {
    return Optional.ofNullable(maxLifetime);
  }

  /** How long after activation (and after each review) access of this tier is next reviewed. */
  public Duration reviewCadence() {
    return reviewCadence;
  }

  /** Whether roles of this tier must always be time-bound. */
  public boolean requiresExpiry() {
    return this == PRIVILEGED || this == EMERGENCY;
  }
}
