package dev.accessgov.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What request forms offer for a role: only durations the role accepts, and its own bounds. */
class OfferedDurationsPropertyTest {

  @Property
  @Label("every offered duration is accepted; the default and maximum are offered; sorted")
  void offeredAreAccepted(@ForAll("policies") ExpiryPolicy policy) {
    List<Duration> offered = policy.offeredDurations();
    for (Duration d : offered) {
      assertThat(policy.resolve(Optional.of(d), "role r")).contains(d);
    }
    List<Duration> sorted = new ArrayList<>(offered);
    sorted.sort(null);
    assertThat(offered).isEqualTo(sorted).doesNotHaveDuplicates();
    if (policy.defaultDuration() != null) {
      assertThat(offered).contains(policy.defaultDuration());
    }
    if (policy.maximum() != null) {
      assertThat(offered).contains(policy.maximum()).last().isEqualTo(policy.maximum());
    }
    if (policy.minimum() != null && !offered.isEmpty()) {
      assertThat(offered.get(0)).isGreaterThanOrEqualTo(policy.minimum());
    }
  }

  @Provide
  Arbitrary<ExpiryPolicy> policies() {
    Arbitrary<Long> minutes = Arbitraries.longs().between(1, 2L * 365 * 24 * 60);
    Arbitrary<ExpiryPolicy> required =
        Combinators.combine(minutes, minutes, minutes)
            .as(
                (a, b, c) -> {
                  long[] m = {a, b, c};
                  java.util.Arrays.sort(m);
                  return ExpiryPolicy.required(
                      Duration.ofMinutes(m[0]), Duration.ofMinutes(m[1]), Duration.ofMinutes(m[2]));
                });
    Arbitrary<ExpiryPolicy> boundsOnly =
        Combinators.combine(minutes, minutes)
            .as(
                (a, b) ->
                    ExpiryPolicy.required(
                        Duration.ofMinutes(Math.min(a, b)), Duration.ofMinutes(Math.max(a, b))));
    return Arbitraries.oneOf(required, boundsOnly, Arbitraries.just(ExpiryPolicy.none()));
  }
}
