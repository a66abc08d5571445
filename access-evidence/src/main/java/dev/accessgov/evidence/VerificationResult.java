package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of checking an evidence chain with {@link EvidenceVerifier}.
 *
 * @param valid whether every check passed
 * @param eventsChecked how many events passed every check before verification ended
 * @param checkpointsChecked how many checkpoints passed every check before verification ended
 * @param firstBadSequence the lowest sequence number from which the chain can no longer be trusted;
 *     0 when valid
 * @param reason what was wrong, naming the event, checkpoint or line; {@code "ok"} when valid
 */
public record VerificationResult(
    boolean valid,
    long eventsChecked,
    long checkpointsChecked,
    long firstBadSequence,
    String reason) {

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
    if (!valid && (firstBadSequence < 1 || reason.isBlank())) {
      throw new IllegalArgumentException(
          "a failed result needs firstBadSequence >= 1 and a reason, got "
              + firstBadSequence
              + " and \""
              + reason
              + "\"");
    }
  }

  /** A chain of {@code events} events and {@code checkpoints} checkpoints that passed. */
  public static VerificationResult ok(long events, long checkpoints) {
    return new VerificationResult(true, events, checkpoints, 0, OK);
  }

  /**
   * A chain that failed at {@code firstBadSequence} for {@code reason}, after {@code events} events
   * and {@code checkpoints} checkpoints had passed.
   */
  public static VerificationResult failed(
      long events, long checkpoints, long firstBadSequence, String reason) {
    return new VerificationResult(false, events, checkpoints, firstBadSequence, reason);
  }

  /**
   * One sentence for logs and reports, such as {@code evidence chain verified: 42 events, 3
   * checkpoints} or {@code evidence chain broken at sequence 17: hash does not match contents}.
   */
  @Override
  public String toString() {
    if (valid) {
      return "evidence chain verified: "
          + plural(eventsChecked, "event")
          + ", "
          + plural(checkpointsChecked, "checkpoint");
    }
    return "evidence chain broken at sequence " + firstBadSequence + ": " + reason;
  }

  private static String plural(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
