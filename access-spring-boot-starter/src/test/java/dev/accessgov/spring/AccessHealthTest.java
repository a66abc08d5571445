package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.RuntimeStatus;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The access health")
class AccessHealthTest {
  private static RuntimeStatus status(
      boolean reachable, boolean configured, boolean running, long stuck) {
    return new RuntimeStatus(
        reachable,
        reachable ? null : "connection refused",
        configured,
        running,
        reachable ? Duration.ofMinutes(3) : null,
        reachable ? 2 : 0,
        stuck,
        reachable ? 40 : 0);
  }

  @Test
  @DisplayName("is UP with every detail when the store answers and the scheduler runs")
  void up() {
    AccessHealth health = AccessHealth.of(status(true, true, true, 0), "UP");
    assertThat(health.status()).isEqualTo("UP");
    assertThat(health.details())
        .containsEntry("store", "reachable")
        .containsEntry("scheduler", "running")
        .containsEntry("lastCheckpointAge", "PT3M")
        .containsEntry("inFlight", 2L)
        .containsEntry("stuckInFlight", 0L)
        .containsEntry("evidenceEvents", 40L);
  }

  @Test
  @DisplayName("is DOWN with the problem when the store does not answer")
  void storeDown() {
    AccessHealth health = AccessHealth.of(status(false, true, true, 0), "UP");
    assertThat(health.status()).isEqualTo("DOWN");
    assertThat(health.details())
        .containsEntry("store", "unreachable")
        .containsEntry("storeProblem", "connection refused")
        .doesNotContainKey("inFlight");
  }

  @Test
  @DisplayName("is DOWN when the scheduler is configured but not running")
  void schedulerStopped() {
    AccessHealth health = AccessHealth.of(status(true, true, false, 0), "UP");
    assertThat(health.status()).isEqualTo("DOWN");
    assertThat(health.details()).containsEntry("scheduler", "not running");
  }

  @Test
  @DisplayName("is UP without a scheduler when none is configured")
  void schedulerOff() {
    AccessHealth health = AccessHealth.of(status(true, false, false, 0), "UP");
    assertThat(health.status()).isEqualTo("UP");
    assertThat(health.details()).containsEntry("scheduler", "off");
  }

  @Test
  @DisplayName("reports stuck records with the configured status, UP by default")
  void stuck() {
    assertThat(AccessHealth.of(status(true, true, true, 1), "UP").status()).isEqualTo("UP");
    AccessHealth strict = AccessHealth.of(status(true, true, true, 1), "OUT_OF_SERVICE");
    assertThat(strict.status()).isEqualTo("OUT_OF_SERVICE");
    assertThat(strict.details()).containsEntry("stuckInFlight", 1L);
  }

  @Test
  @DisplayName("says there is no checkpoint when the service does not sign")
  void noCheckpoint() {
    RuntimeStatus unsigned = new RuntimeStatus(true, null, false, false, null, 0, 0, 3);
    assertThat(AccessHealth.of(unsigned, "UP").details())
        .containsEntry("lastCheckpointAge", "none");
  }
}
