package dev.accessgov;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How an {@link AccessRuntime} stands, for a health probe: {@link AccessRuntime#status()}.
 *
 * @param storeReachable whether the store answered
 * @param storeProblem when it did not, what it said (the exception's message, which holds no
 *     secrets), else null
 * @param backgroundConfigured whether the runtime was given background work
 * @param backgroundRunning whether that work is scheduled now
 * @param lastCheckpointAge how old the latest signed checkpoint is on the service's clock; null
 *     when the service does not sign, none was signed yet, or the store did not answer
 * @param inFlight records {@code PROVISIONING} or {@code DEPROVISIONING}
 * @param stuckInFlight those of them whose latest evidence is at least the runtime's {@code
 *     stuckAfter} old
 * @param evidenceEvents the size of the evidence log
 */
public record RuntimeStatus(
    boolean storeReachable,
    @Nullable String storeProblem,
    boolean backgroundConfigured,
    boolean backgroundRunning,
    @Nullable Duration lastCheckpointAge,
    long inFlight,
    long stuckInFlight,
    long evidenceEvents) {

  /**
   * Whether everything that should run does: the store answers and the background work, when
   * configured, is running.
   */
  public boolean healthy() {
    return storeReachable && (!backgroundConfigured || backgroundRunning);
  }
}
