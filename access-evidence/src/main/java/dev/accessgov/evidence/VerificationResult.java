package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking an evidence log with {@link EvidenceVerifier}. It is valid only when
 * every event is covered by a checkpoint signed by a trusted key, every checkpoint matches the log,
 * and the log contains every checkpoint the auditor trusted before.
 *
 * @param valid whether every check passed
 * @param eventsChecked how many events passed every check before verification ended
 * @param checkpointsChecked how many checkpoints passed every check before verification ended
 * @param firstBadSequence the lowest sequence number from which the chain can no longer be trusted;
 *     0 when valid
 * @param reason what was wrong, naming the event, checkpoint or line; {@code "ok"} when valid
 * @param latest the largest verified checkpoint (the latest signed of that size); when valid it
 *     covers every event; null when no checkpoint verified
 */
public record VerificationResult(
    boolean valid,
    long eventsChecked,
    long checkpointsChecked,
    long firstBadSequence,
    String reason,
    @Nullable Checkpoint latest) {

  private static final String OK = "ok";

  /** Checks that the fields agree with {@code valid}; see the record description. */
  public VerificationResult {
    requireNonNull(reason, "reason");
    if (eventsChecked < 0 || checkpointsChecked < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, were " + eventsChecked + " and " + checkpointsChecked);
    }
    if (valid && (firstBadSequence != 0 || !reason.equals(OK))) {
      throw new IllegalArgumentException(
          "a valid result has firstBadSequence 0 and reason \"ok\", got "
              + firstBadSequence
              + " and \""
              + reason
              + "\"");
    }
    if (valid && (latest == null || latest.size() != eventsChecked)) {
      throw new IllegalArgumentException(
          "a valid result names the checkpoint that covers all " + eventsChecked + " events");
    }
    if (!valid && (firstBadSequence < 1 || reason.isBlank())) {
      throw new IllegalArgumentException(
          "a failed result needs firstBadSequence >= 1 and a reason, got "
              + firstBadSequence
              + " and \""
              + reason
              + "\"");
    }
  }

  /**
   * A log of {@code events} events and {@code checkpoints} checkpoints that passed, all covered by
   * {@code latest}.
   */
  public static VerificationResult ok(long events, long checkpoints, Checkpoint latest) {
    return new VerificationResult(true, events, checkpoints, 0, OK, latest);
  }

  /**
   * A chain that failed at {@code firstBadSequence} for {@code reason}, after {@code events} events
   * and {@code checkpoints} checkpoints had passed.
   */
  public static VerificationResult failed(
      long events, long checkpoints, long firstBadSequence, String reason) {
    return new VerificationResult(false, events, checkpoints, firstBadSequence, reason, null);
  }

  /**
   * One sentence for logs and reports, such as {@code evidence log verified: 42 events, 3
   * checkpoints; signed up to 42 by example.com/log at 2026-12-06T10:00:00Z} or {@code evidence
   * chain broken at sequence 17: hash does not match contents}.
   */
  @Override
  public String toString() {
    if (valid && latest != null) {
      return "evidence log verified: "
          + plural(eventsChecked, "event")
          + ", "
          + plural(checkpointsChecked, "checkpoint")
          + "; signed up to "
          + latest.size()
          + " by "
          + latest.origin()
          + " at "
          + latest.time();
    }
    return "evidence chain broken at sequence " + firstBadSequence + ": " + reason;
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
