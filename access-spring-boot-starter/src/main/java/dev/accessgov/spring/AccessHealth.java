package dev.accessgov.spring;

import static java.util.Objects.requireNonNull;

import dev.accessgov.RuntimeStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code access} health indicator reports for a {@link RuntimeStatus}, independent of the
 * Spring Boot line (whose health types moved packages in 4.0):
 *
 * <ul>
 *   <li>{@code DOWN} when the store does not answer, or the scheduler is configured but not
 *       running: the instance cannot do its work.
 *   <li>otherwise, when records are stuck in flight, {@code access.health.stuck-status} ({@code UP}
 *       by default): stuck records wait on an identity provider, which restarting or unrouting this
 *       instance does not fix, and every instance sharing the store would report the same at once.
 *       Alert on the {@code access.inflight.stuck} gauge instead, or set the property to {@code
 *       OUT_OF_SERVICE} where a probe should see it.
 *   <li>otherwise {@code UP}.
 * </ul>
 *
 * @param status the status code
 * @param details the details shown with {@code management.endpoint.health.show-details}
 */
public record AccessHealth(String status, Map<String, Object> details) {
  /** Checks the parts and copies the details. */
  public AccessHealth {
    requireNonNull(status, "status");
    details = Map.copyOf(details);
  }

  /**
   * The health for a status.
   *
   * @param stuckStatus the status code to report while records are stuck in flight
   */
  public static AccessHealth of(RuntimeStatus status, String stuckStatus) {
    requireNonNull(status, "status");
    requireNonNull(stuckStatus, "stuckStatus");
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("store", status.storeReachable() ? "reachable" : "unreachable");
    if (status.storeProblem() != null) {
      details.put("storeProblem", status.storeProblem());
    }
    details.put(
        "scheduler",
        !status.backgroundConfigured()
            ? "off"
            : status.backgroundRunning() ? "running" : "not running");
    if (!status.storeReachable()) {
      return new AccessHealth("DOWN", details);
    }
    Duration age = status.lastCheckpointAge();
    details.put("lastCheckpointAge", age == null ? "none" : age.toString());
    details.put("inFlight", status.inFlight());
    details.put("stuckInFlight", status.stuckInFlight());
    details.put("evidenceEvents", status.evidenceEvents());
    if (status.backgroundConfigured() && !status.backgroundRunning()) {
      return new AccessHealth("DOWN", details);
    }
    return new AccessHealth(status.stuckInFlight() > 0 ? stuckStatus : "UP", details);
  }
}
