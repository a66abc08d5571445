package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.SweepResult;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spring.app.TestCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The Micrometer observer")
class MicrometerAccessObserverTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerAccessObserver observer =
      new MicrometerAccessObserver(registry, TestCatalog.catalog());

  private static AccessRecord record(String role) {
    return AccessRecord.builder()
        .id(RecordId.of("r-1"))
        .subject(PersonId.of("bob"))
        .roleId(RoleId.of(role))
        .requester(PersonId.of("bob"))
        .reason("test")
        .state(RecordState.ACTIVE)
        .requestedAt(Instant.parse("2026-01-01T00:00:00Z"))
        .build();
  }

  @Test
  @DisplayName("counts requests, approvals and denials by application and tier")
  void counts() {
    AccessRecord read = record("github/read");
    observer.requested(read);
    observer.requested(read);
    observer.approved(read, Duration.ofMinutes(5));
    observer.denied(read, Duration.ofMinutes(1));

    assertThat(
            registry
                .get("access.requests")
                .tags("application", "github", "tier", "standard")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(registry.get("access.approvals").tag("tier", "standard").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("access.denials").tag("application", "github").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("times approval and provisioning lag")
  void lags() {
    AccessRecord read = record("github/read");
    observer.approved(read, Duration.ofMinutes(5));
    observer.provisioned(read, Duration.ofSeconds(2));

    var approval = registry.get("access.approval.lag").tag("application", "github").timer();
    assertThat(approval.count()).isEqualTo(1);
    assertThat(approval.totalTime(TimeUnit.MINUTES)).isEqualTo(5.0);
    var provisioning = registry.get("access.provisioning.lag").tag("tier", "standard").timer();
    assertThat(provisioning.totalTime(TimeUnit.SECONDS)).isEqualTo(2.0);
  }

  @Test
  @DisplayName("tags a role the catalog no longer has as unknown")
  void unknownRole() {
    observer.requested(record("gone/role"));
    assertThat(
            registry
                .get("access.requests")
                .tags("application", "unknown", "tier", "unknown")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("times identity-provider calls by outcome and counts retries and rate limits")
  void providerCalls() {
    observer.providerCall("okta", "addMember", Duration.ofMillis(120), null);
    observer.providerCall(
        "okta", "addMember", Duration.ofMillis(80), new IllegalStateException("unavailable"));
    observer.providerRetry("okta", "addMember", "503");
    observer.providerRateLimited("okta", "addMember", Duration.ofSeconds(30));

    assertThat(
            registry
                .get("access.idp.calls")
                .tags("provider", "okta", "operation", "addMember", "outcome", "success")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(registry.get("access.idp.calls").tag("outcome", "failure").timer().count())
        .isEqualTo(1);
    assertThat(registry.get("access.idp.retries").tag("provider", "okta").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("access.idp.rate.limited").tag("provider", "okta").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  @DisplayName("times sweeps by name")
  void sweeps() {
    observer.sweep(
        "expiry", Duration.ofSeconds(1), new SweepResult(List.of(), List.of(), List.of()));
    assertThat(registry.get("access.sweep").tag("sweep", "expiry").timer().count()).isEqualTo(1);
  }
}
