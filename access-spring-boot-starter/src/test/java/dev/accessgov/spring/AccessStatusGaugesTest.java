package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.spring.app.TestCatalog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The status gauges")
class AccessStatusGaugesTest {
  @Test
  @DisplayName("reuse one status reading for the cache period, then read again")
  void cacheOneReading() {
    Clock clock = Clock.systemUTC();
    try (AccessRuntime runtime =
        AccessRuntime.builder(
                AccessService.builder()
                    .catalog(TestCatalog.catalog())
                    .peopleDirectory(new InMemoryPeopleDirectory().add("bob", "carol"))
                    .identityProvider(
                        new InMemoryIdentityProvider("okta", clock).user("bob").groups("gh-read"))
                    .clock(clock))
            .start()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      AtomicLong nanos = new AtomicLong();
      new AccessStatusGauges(registry, runtime, Duration.ofSeconds(5), nanos::get);
      double before = registry.get("access.evidence.events").gauge().value();

      runtime
          .service()
          .grant(
              GrantRequest.builder()
                  .subject("bob")
                  .requester("bob")
                  .role("github/read")
                  .reason("test")
                  .build());
      nanos.addAndGet(Duration.ofSeconds(4).toNanos());
      assertThat(registry.get("access.evidence.events").gauge().value()).isEqualTo(before);

      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      assertThat(registry.get("access.evidence.events").gauge().value()).isGreaterThan(before);
      assertThat(registry.get("access.inflight").gauge().value()).isZero();
      assertThat(registry.get("access.inflight.stuck").gauge().value()).isZero();
    }
  }
}
