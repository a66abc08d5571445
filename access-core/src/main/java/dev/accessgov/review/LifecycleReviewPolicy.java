package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.policy.ExpiryPolicy;
import java.time.Duration;
import java.util.List;

/**
 * How the immediate review a lifecycle event opens (a transfer's "micro-review" of the access the
 * new position does not justify) is run: who reviews, how long they have, and what happens to what
 * nobody decided by then. Such a review is an ordinary campaign of {@link Reviews}, scoped to the
 * records the event put under review and naming the event ({@link CampaignSpec#lifecycleEvent()}),
 * so its deadline runs through {@link Reviews#closeDue()} like any other. Set it with {@code
 * AccessServiceBuilder.lifecycleReviews}; start from {@link #defaults()}.
 *
 * @param reviewers rules tried in order to name each item's reviewer (the person's manager, as the
 *     directory names them after the move, then the application owner by default); whoever made the
 *     lifecycle call is the last resort
 * @param window how long reviewers have from the event
 * @param onDeadline what happens to an item nobody decided within the window, whatever its tier
 * @param reminders how long before the deadline reviewers are reminded; those not shorter than the
 *     window are dropped
 */
public record LifecycleReviewPolicy(
    List<Reviewer> reviewers,
    Duration window,
    DeadlineAction onDeadline,
    List<Duration> reminders) {

  /** Checks and copies. */
  public LifecycleReviewPolicy {
    reviewers = List.copyOf(requireNonNull(reviewers, "reviewers"));
    requireNonNull(window, "window");
    requireNonNull(onDeadline, "onDeadline");
    reminders = List.copyOf(requireNonNull(reminders, "reminders"));
    if (reviewers.isEmpty()) {
      throw new InvalidRequestException("a lifecycle review needs at least one reviewer rule");
    }
    if (window.isZero() || window.isNegative() || window.compareTo(ExpiryPolicy.LONGEST) > 0) {
      throw new InvalidRequestException(
          "a lifecycle review's window must be positive and at most "
              + ExpiryPolicy.LONGEST
              + ", was "
              + window);
    }
    for (Duration d : reminders) {
      if (d.isNegative()) {
        throw new InvalidRequestException("a reminder time must not be negative, was " + d);
      }
    }
  }

  /**
   * The defaults: reviewed by the person's (new) manager, else the application owner; 7 days; what
   * nobody kept is revoked at the deadline ({@link DeadlineAction#REVOKE}: access the new position
   * does not justify does not stay by default); reminded 1 day before.
   */
  public static LifecycleReviewPolicy defaults() {
    return new LifecycleReviewPolicy(
        List.of(Reviewer.manager(), Reviewer.appOwner()),
        Duration.ofDays(7),
        DeadlineAction.REVOKE,
        List.of(Duration.ofDays(1)));
  }

  /** This policy with other reviewer rules. */
  public LifecycleReviewPolicy withReviewers(Reviewer... rules) {
    return new LifecycleReviewPolicy(List.of(rules), window, onDeadline, reminders);
  }

  /** This policy with another window. */
  public LifecycleReviewPolicy withWindow(Duration window) {
    return new LifecycleReviewPolicy(reviewers, window, onDeadline, reminders);
  }

  /**
   * This policy with another action at the deadline, such as {@link
   * DeadlineAction#KEEP_WITH_EXCEPTION} to keep undecided access with a recorded exception.
   */
  public LifecycleReviewPolicy withOnDeadline(DeadlineAction action) {
    return new LifecycleReviewPolicy(reviewers, window, action, reminders);
  }

  /** This policy with other reminder times, before the deadline. */
  public LifecycleReviewPolicy withReminders(Duration... beforeDeadline) {
    return new LifecycleReviewPolicy(reviewers, window, onDeadline, List.of(beforeDeadline));
  }

  /** The reminder times that fall within the window. */
  public List<Duration> remindersWithinWindow() {
    return reminders.stream().filter(d -> d.compareTo(window) < 0).toList();
  }
}
