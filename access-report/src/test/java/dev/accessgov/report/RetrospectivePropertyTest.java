package dev.accessgov.report;

import static dev.accessgov.report.RetroWorld.MARCH;
import static dev.accessgov.report.RetroWorld.OLIVIA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.GrantRequest;
import dev.accessgov.record.AccessRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

@Label("Retrospective figures over random samples")
class RetrospectivePropertyTest {

  /**
   * One privileged grant of the sample.
   *
   * @param hours its duration
   * @param lagMinutes how long olivia takes to approve it
   * @param signIns how many times its subject signs in during the grant
   * @param extended whether olivia extends it by an hour once active
   */
  record Grant(int hours, int lagMinutes, int signIns, boolean extended) {}

  @Provide
  Arbitrary<Grant> grant() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 180),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false))
        .as(Grant::new);
  }

  @Property(tries = 40)
  @Label("lag percentiles, shares, extensions and hours match a simple model")
  void matchesModel(@ForAll @Size(min = 1, max = 7) List<@From("grant") Grant> sample) {
    RetroWorld world = new RetroWorld();
    Instant start = world.clock.instant();
    List<AccessRecord> records = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      String subject = "u" + i;
      world.people.add(subject, null);
      world.idp.user(subject);
      records.add(
          world.access.grant(
              GrantRequest.builder()
                  .subject(subject)
                  .requester(subject)
                  .role("github/admin")
                  .duration(Duration.ofHours(sample.get(i).hours()))
                  .reason("incident 42 follow-up")
                  .build()));
    }
    // Approve in order of lag, so the one clock moves forward only.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> sample.get(i).lagMinutes()));
    for (int i : order) {
      Grant g = sample.get(i);
      world.clock.set(start.plus(Duration.ofMinutes(g.lagMinutes())));
      AccessRecord r = world.access.approve(records.get(i).id(), OLIVIA, "ok");
      for (int s = 0; s < g.signIns(); s++) {
        world.idp.activity().signIn("u" + i, "github", r.activatedAt().plusSeconds(60L + s));
      }
      if (g.extended()) {
        world.access.extend(r.id(), OLIVIA, Duration.ofHours(1), "more");
      }
    }
    world.clock.set(start.plus(Duration.ofDays(1)));
    world.access.expireDue();
    world.clock.advance(Duration.ofHours(1));
    world.access.expireDue();

    Retrospective retro = Retrospective.of(world.access, MARCH, world.people, 3);

    List<Duration> lags = new ArrayList<>();
    long hours = 0;
    int used = 0;
    int extensions = 0;
    for (Grant g : sample) {
      lags.add(Duration.ofMinutes(g.lagMinutes()));
      hours += g.hours() + (g.extended() ? 1 : 0);
      used += g.signIns() > 0 ? 1 : 0;
      extensions += g.extended() ? 1 : 0;
    }
    lags.sort(null);
    int n = sample.size();
    assertThat(retro.lagByApprover())
        .containsExactly(
            new GroupLag(
                "olivia",
                new LagStats(
                    n,
                    lags.get((n + 1) / 2 - 1), // nearest rank of 50 %: ceil(n / 2)
                    lags.get((95 * n + 99) / 100 - 1)))); // ceil(0.95 n)
    assertThat(retro.shares()).isEqualTo(new UsageShares(n, used, n - used, 0, n, 0, extensions));
    assertThat(retro.neverUsed()).hasSize(n - used);
    assertThat(retro.roles())
        .containsExactly(
            new ResourceUse(
                "github/admin",
                n,
                n,
                Duration.ofHours(hours),
                n >= 3 ? ResourceUse.FREQUENT : null));
  }
}
