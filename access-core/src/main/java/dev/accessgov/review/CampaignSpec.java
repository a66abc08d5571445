package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.PersonId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a review campaign covers, who reviews, and by when. Build it with {@link #builder}; every
 * setter's javadoc states its default. The canonical constructor is not covered by the
 * compatibility promise: components may be added in a minor release; the builder and the accessors
 * are.
 *
 * @param name shown to reviewers and in the report
 * @param owner who runs the campaign: may reassign items and is the last-resort reviewer
 * @param scope which roles are reviewed
 * @param reviewers rules tried in order to name each item's reviewer
 * @param start when reviewers may start deciding, or null for when the campaign is started
 * @param duration how long after the start the deadline falls
 * @param reminders how long before the deadline reminders fall due, longest first
 * @param onDeadline what happens to undecided items at the deadline, per tier
 * @param escalateTo who gets an escalated item
 * @param escalationWindow how long an escalation reviewer has
 * @param inactivity sign-in age past which an item is recommended for revocation, per tier
 * @param cadence how long a kept grant lasts until its next review, per tier
 * @param dueOnly whether to include only grants whose review is due (plus unexplained access)
 * @param lifecycleEvent the joiner/mover/leaver event this campaign reviews access for (a
 *     transfer's immediate review), or null for a campaign no lifecycle event opened; its
 *     decisions' evidence names the event
 * @param explicitDecisionOnUnmanaged whether every {@linkplain ReviewItem#unmanaged() unmanaged}
 *     item needs a reviewer's explicit decision: never kept by the deadline, and kept only with a
 *     comment of at least {@value #UNMANAGED_KEEP_MIN_COMMENT} characters (see {@link
 *     Builder#explicitDecisionOnUnmanaged})
 */
public record CampaignSpec(
    String name,
    PersonId owner,
    ReviewScope scope,
    List<Reviewer> reviewers,
    @Nullable Instant start,
    Duration duration,
    List<Duration> reminders,
    Map<RiskTier, DeadlineAction> onDeadline,
    List<Reviewer> escalateTo,
    Duration escalationWindow,
    Map<RiskTier, Duration> inactivity,
    Map<RiskTier, Duration> cadence,
    boolean dueOnly,
    @Nullable LifecycleEvent lifecycleEvent,
    boolean explicitDecisionOnUnmanaged) {

  /**
   * The shortest comment a reviewer may give when keeping an unmanaged item of a campaign that
   * {@linkplain #explicitDecisionOnUnmanaged() requires an explicit decision}: enough to say why an
   * account outside the verified domains stays (e.g. a contract reference).
   */
  public static final int UNMANAGED_KEEP_MIN_COMMENT = 15;

  /** Checks and copies; see {@link Builder#build()} for the rules. */
  public CampaignSpec {
    requireNonNull(name, "name");
    requireNonNull(owner, "owner");
    requireNonNull(scope, "scope");
    reviewers = List.copyOf(reviewers);
    requireNonNull(duration, "duration");
    reminders = reminders.stream().sorted((a, b) -> b.compareTo(a)).toList();
    onDeadline = Map.copyOf(complete(onDeadline, DEFAULT_ON_DEADLINE));
    escalateTo = List.copyOf(escalateTo);
    requireNonNull(escalationWindow, "escalationWindow");
    inactivity = Map.copyOf(complete(inactivity, DEFAULT_INACTIVITY));
    cadence = Map.copyOf(complete(cadence, DEFAULT_CADENCE));
    if (name.isBlank()) {
      throw new InvalidRequestException("a campaign needs a name");
    }
    if (reviewers.isEmpty()) {
      throw new InvalidRequestException("a campaign needs at least one reviewer rule");
    }
    positive(duration, "duration");
    positive(escalationWindow, "escalationWindow");
    for (Duration d : reminders) {
      if (d.isNegative() || d.compareTo(duration) >= 0) {
        throw new InvalidRequestException(
            "reminder " + d + " before the deadline must lie within the campaign's " + duration);
      }
    }
    inactivity.values().forEach(d -> positive(d, "inactivity threshold"));
    cadence.values().forEach(d -> positive(d, "review cadence"));
  }

  /** A spec no lifecycle event opened and without {@link #explicitDecisionOnUnmanaged()}. */
  public CampaignSpec(
      String name,
      PersonId owner,
      ReviewScope scope,
      List<Reviewer> reviewers,
      @Nullable Instant start,
      Duration duration,
      List<Duration> reminders,
      Map<RiskTier, DeadlineAction> onDeadline,
      List<Reviewer> escalateTo,
      Duration escalationWindow,
      Map<RiskTier, Duration> inactivity,
      Map<RiskTier, Duration> cadence,
      boolean dueOnly) {
    this(
        name,
        owner,
        scope,
        reviewers,
        start,
        duration,
        reminders,
        onDeadline,
        escalateTo,
        escalationWindow,
        inactivity,
        cadence,
        dueOnly,
        null,
        false);
  }

  private static final Map<RiskTier, DeadlineAction> DEFAULT_ON_DEADLINE =
      Map.of(
          RiskTier.STANDARD, DeadlineAction.KEEP_WITH_EXCEPTION,
          RiskTier.SENSITIVE, DeadlineAction.ESCALATE,
          RiskTier.PRIVILEGED, DeadlineAction.REVOKE,
          RiskTier.EMERGENCY, DeadlineAction.REVOKE);

  private static final Map<RiskTier, Duration> DEFAULT_INACTIVITY =
      Map.of(
          RiskTier.STANDARD, Duration.ofDays(90),
          RiskTier.SENSITIVE, Duration.ofDays(60),
          RiskTier.PRIVILEGED, Duration.ofDays(30),
          RiskTier.EMERGENCY, Duration.ofDays(30));

  private static final Map<RiskTier, Duration> DEFAULT_CADENCE = defaultCadence();

  private static Map<RiskTier, Duration> defaultCadence() {
    Map<RiskTier, Duration> m = new EnumMap<>(RiskTier.class);
    for (RiskTier t : RiskTier.values()) {
      m.put(t, t.reviewCadence());
    }
    return m;
  }

  private static <V> Map<RiskTier, V> complete(Map<RiskTier, V> given, Map<RiskTier, V> defaults) {
    Map<RiskTier, V> m = new EnumMap<>(defaults);
    m.putAll(requireNonNull(given, "map"));
    return m;
  }

  private static void positive(Duration d, String what) {
    if (d.isZero() || d.isNegative() || d.compareTo(ExpiryPolicy.LONGEST) > 0) {
      throw new InvalidRequestException(
          what + " must be positive and at most " + ExpiryPolicy.LONGEST + ", was " + d);
    }
  }

  /** What happens to an undecided item of {@code tier} at the deadline: every tier has a rule. */
  public DeadlineAction onDeadline(RiskTier tier) {
    return requireNonNull(onDeadline.get(requireNonNull(tier, "tier")), "completed per tier");
  }

  /**
   * What happens to {@code item}, undecided and never escalated, at the deadline: the rule for its
   * tier, except that an unmanaged item of a campaign that {@linkplain
   * #explicitDecisionOnUnmanaged() requires an explicit decision} is escalated where the tier's
   * rule would keep it with an exception (and, like every escalated item, revoked if still
   * undecided at the end of the escalation window).
   */
  public DeadlineAction onDeadline(ReviewItem item) {
    DeadlineAction action = onDeadline(requireNonNull(item, "item").tier());
    return explicitDecisionOnUnmanaged
            && item.unmanaged()
            && action == DeadlineAction.KEEP_WITH_EXCEPTION
        ? DeadlineAction.ESCALATE
        : action;
  }

  /** The sign-in age past which an item of {@code tier} is recommended for revocation. */
  public Duration inactivity(RiskTier tier) {
    return requireNonNull(inactivity.get(requireNonNull(tier, "tier")), "completed per tier");
  }

  /** How long a kept grant of {@code tier} lasts until its next review. */
  public Duration cadence(RiskTier tier) {
    return requireNonNull(cadence.get(requireNonNull(tier, "tier")), "completed per tier");
  }

  /** A builder for a campaign named {@code name} run by {@code owner}. */
  public static Builder builder(String name, String owner) {
    return new Builder(name, PersonId.of(owner));
  }

  /** Builds a {@link CampaignSpec}. */
  public static final class Builder {
    private final String name;
    private final PersonId owner;
    private ReviewScope scope = ReviewScope.everything();
    private List<Reviewer> reviewers = List.of(Reviewer.manager(), Reviewer.appOwner());
    private @Nullable Instant start;
    private Duration duration = Duration.ofDays(14);
    private List<Duration> reminders = List.of(Duration.ofDays(7), Duration.ofDays(1));
    private final Map<RiskTier, DeadlineAction> onDeadline = new EnumMap<>(RiskTier.class);
    private List<Reviewer> escalateTo = List.of(Reviewer.appOwner());
    private Duration escalationWindow = Duration.ofDays(7);
    private final Map<RiskTier, Duration> inactivity = new EnumMap<>(RiskTier.class);
    private final Map<RiskTier, Duration> cadence = new EnumMap<>(RiskTier.class);
    private boolean dueOnly;
    private @Nullable LifecycleEvent lifecycleEvent;
    private boolean explicitDecisionOnUnmanaged;

    private Builder(String name, PersonId owner) {
      this.name = requireNonNull(name, "name");
      this.owner = owner;
    }

    /** Which roles to review. Default: {@link ReviewScope#everything()}. */
    public Builder scope(ReviewScope scope) {
      this.scope = requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Rules naming each item's reviewer, tried in order; the campaign owner is the last resort.
     * Default: the subject's manager, then the application owner.
     */
    public Builder reviewers(Reviewer... rules) {
      this.reviewers = List.of(rules);
      return this;
    }

    /** When reviewers may start deciding. Default: when the campaign is started. */
    public Builder start(Instant start) {
      this.start = requireNonNull(start, "start");
      return this;
    }

    /** How long reviewers have from the start. Default: 14 days. */
    public Builder duration(Duration duration) {
      this.duration = requireNonNull(duration, "duration");
      return this;
    }

    /** How long before the deadline reminders fall due. Default: 7 days and 1 day. */
    public Builder reminders(Duration... beforeDeadline) {
      this.reminders = List.of(beforeDeadline);
      return this;
    }

    /**
     * What happens to undecided items of {@code tier} at the deadline. Defaults: STANDARD keep with
     * a recorded exception, SENSITIVE escalate, PRIVILEGED revoke, EMERGENCY revoke (break-glass
     * access nobody vouched for in time does not stay).
     */
    public Builder onDeadline(RiskTier tier, DeadlineAction action) {
      onDeadline.put(requireNonNull(tier, "tier"), requireNonNull(action, "action"));
      return this;
    }

    /**
     * Who gets an escalated item, tried in order, then the campaign owner. Default: the application
     * owner.
     */
    public Builder escalateTo(Reviewer... rules) {
      this.escalateTo = List.of(rules);
      return this;
    }

    /** How long an escalation reviewer has. Default: 7 days. */
    public Builder escalationWindow(Duration window) {
      this.escalationWindow = requireNonNull(window, "window");
      return this;
    }

    /**
     * Sign-in age past which items of {@code tier} are recommended for revocation. Defaults:
     * STANDARD 90 days, SENSITIVE 60, PRIVILEGED and EMERGENCY 30.
     */
    public Builder inactivity(RiskTier tier, Duration threshold) {
      inactivity.put(requireNonNull(tier, "tier"), requireNonNull(threshold, "threshold"));
      return this;
    }

    /**
     * How long a kept grant of {@code tier} lasts until its next review. Default: the tier's {@link
     * RiskTier#reviewCadence()} (30 days privileged, 90 sensitive, 180 standard, 24 h emergency).
     */
    public Builder cadence(RiskTier tier, Duration cadence) {
      this.cadence.put(requireNonNull(tier, "tier"), requireNonNull(cadence, "cadence"));
      return this;
    }

    /**
     * Whether to include only grants whose review is due by the start (a cadence campaign);
     * unexplained access is always included. Default: false, every membership in scope.
     */
    public Builder dueOnly(boolean dueOnly) {
      this.dueOnly = dueOnly;
      return this;
    }

    /**
     * The joiner/mover/leaver event the campaign reviews access for; its decisions' evidence names
     * it. The service sets it on the reviews lifecycle calls open. Default: none.
     */
    public Builder lifecycleEvent(LifecycleEvent event) {
      this.lifecycleEvent = requireNonNull(event, "event");
      return this;
    }

    /**
     * Whether every item of an account outside the verified domains ({@link
     * ReviewItem#unmanaged()}) needs a reviewer's explicit decision. When true: the deadline never
     * keeps such an item with an exception — where its tier's rule is {@link
     * DeadlineAction#KEEP_WITH_EXCEPTION} it is escalated instead, and revoked if still undecided
     * when the escalation window ends (the tiers whose rule is {@code ESCALATE} or {@code REVOKE}
     * keep that rule); and a reviewer keeping one must give a comment of at least {@value
     * #UNMANAGED_KEEP_MIN_COMMENT} characters saying why it stays. Default: false, unmanaged items
     * follow the same rules as the others.
     */
    public Builder explicitDecisionOnUnmanaged(boolean required) {
      this.explicitDecisionOnUnmanaged = required;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @throws InvalidRequestException for a blank name, no reviewer rule, a duration, window,
     *     threshold or cadence that is not positive or exceeds {@link ExpiryPolicy#LONGEST}, or a
     *     reminder outside the campaign's duration
     */
    public CampaignSpec build() {
      return new CampaignSpec(
          name,
          owner,
          scope,
          new ArrayList<>(reviewers),
          start,
          duration,
          reminders,
          onDeadline,
          escalateTo,
          escalationWindow,
          inactivity,
          cadence,
          dueOnly,
          lifecycleEvent,
          explicitDecisionOnUnmanaged);
    }
  }
}
