package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Any {@link Duration} given to {@code grant} or {@code extend} either works or is refused with an
 * {@link AccessException} that changes nothing: no record, no evidence, no provider call.
 */
class ArbitraryDurationTest {
  private static final String[] ROLES = {
    "github/read", "github/billing", "github/admin", "aws/breakglass"
  };

  @Property(tries = 300)
  void grantWorksOrChangesNothing(
      @ForAll("durations") Duration d, @ForAll @IntRange(min = 0, max = 3) int role) {
    Fixture f = new Fixture();
    AccessService access = f.service();
    Fixture.Snapshot before = f.snapshot();
    try {
      AccessRecord r = access.grant(request(ROLES[role]).duration(d).build());
      assertThat(r.duration()).isEqualTo(d);
    } catch (AccessException refused) {
      assertThat(f.snapshot()).isEqualTo(before);
    }
  }

  @Property(tries = 300)
  void extendWorksOrChangesNothing(@ForAll("durations") Duration by) {
    Fixture f = new Fixture();
    AccessService access = f.service();
    AccessRecord r =
        access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "window");
    Fixture.Snapshot before = f.snapshot();
    try {
      AccessRecord extended = access.extend(r.id(), OLIVIA, by, "longer");
      assertThat(extended.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(extended.expiresAt()).isEqualTo(r.expiresAt().plus(by));
    } catch (AccessException refused) {
      assertThat(f.snapshot()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<Duration> durations() {
    Arbitrary<Duration> edges =
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofNanos(1),
            Duration.ofNanos(-1),
            Duration.ofMillis(1),
            Duration.ofHours(1),
            Duration.ofHours(24),
            Duration.ofDays(30),
            ExpiryPolicy.LONGEST,
            ExpiryPolicy.LONGEST.plusNanos(1),
            Duration.ofSeconds(Long.MAX_VALUE),
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            Duration.ofSeconds(Long.MAX_VALUE - 1),
            Duration.ofSeconds(Long.MIN_VALUE),
            Duration.ofSeconds(Long.MIN_VALUE / 2),
            Duration.ofSeconds(31_556_889_864_403_199L), // Instant.MAX's epoch second
            Duration.ofDays(365L * 1_000_000_000L));
    Arbitrary<Duration> any =
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(0, 999_999_999))
            .as(Duration::ofSeconds);
    Arbitrary<Duration> plausible =
        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Duration::ofSeconds);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, edges),
        net.jqwik.api.Tuple.of(3, any),
        net.jqwik.api.Tuple.of(4, plausible));
  }
}
