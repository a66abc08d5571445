package dev.accessgov.report;

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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

@Label("Retrospective figures over random samples")
class RetrospectivePropertyTest {

  /**
   * One privileged grant of the sample.
   *
   * @param requestedMinute when it is asked for, in minutes after the world's start
   * @param hours its duration
   * @param lagMinutes how long olivia takes to approve it
   * @param signIns how many times its subject signs in during the grant
   * @param extended whether olivia extends it by an hour once active
   * @param late whether its subject signs in again after the access ended
   */
  record Grant(
      int requestedMinute,
      int hours,
      int lagMinutes,
      int signIns,
      boolean extended,
      boolean late) {}

  @Provide
  Arbitrary<Grant> grant() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 360),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(0, 180),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            Arbitraries.of(true, false))
        .as(Grant::new);
  }

  /** One step of the script, at a minute after the start. */
  private record Step(int minute, int order, Runnable action) {}

  @Property(tries = 40)
  @Label("every figure and list counts the period's requests, whenever their usage was recorded")
  void matchesModel(
      @ForAll @Size(min = 1, max = 7) List<@From("grant") Grant> sample,
      @ForAll @IntRange(min = -60, max = 420) int periodFrom,
      @ForAll @IntRange(min = 1, max = 1600) int periodLength) {
    RetroWorld world = new RetroWorld();
    Instant start = world.clock.instant();
    List<AccessRecord> records = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      String subject = "u" + i;
      world.people.add(subject, null);
      world.idp.user(subject);
      records.add(null);
      Grant g = sample.get(i);
      int at = i;
      steps.add(
          new Step(
              g.requestedMinute(),
              0,
              () ->
                  records.set(
                      at,
                      world.access.grant(
                          GrantRequest.builder()
                              .subject(subject)
                              .requester(subject)
                              .role("github/admin")
                              .duration(Duration.ofHours(g.hours()))
                              .reason("incident 42 follow-up")
                              .build()))));
      steps.add(
          new Step(
              g.requestedMinute() + g.lagMinutes(),
              1,
              () -> {
                AccessRecord r = world.access.approve(records.get(at).id(), OLIVIA, "ok");
                for (int s = 0; s < g.signIns(); s++) {
                  world
                      .idp
                      .activity()
                      .signIn(subject, "github", r.activatedAt().plusSeconds(60L + s));
                }
                if (g.extended()) {
                  world.access.extend(r.id(), OLIVIA, Duration.ofHours(1), "more");
                }
              }));
    }
    // One clock, moved forward only: the steps in time order, requests before approvals.
    steps.sort(Comparator.comparingInt(Step::minute).thenComparingInt(Step::order));
    for (Step step : steps) {
      world.clock.set(start.plus(Duration.ofMinutes(step.minute())));
      step.action().run();
    }
    // Every grant ends at one late sweep, a day after the start, and some subjects sign in after
    // it: the flags are recorded after the requests, so a period may hold a grant's request and not
    // its flag (it counts), or its flag and not its request (it does not).
    Instant sweep = start.plus(Duration.ofDays(1));
    for (int i = 0; i < sample.size(); i++) {
      if (sample.get(i).late()) {
        world.idp.activity().signIn("u" + i, "github", sweep.plus(Duration.ofMinutes(5)));
      }
    }
    world.clock.set(sweep);
    world.access.expireDue();
    world.clock.advance(Duration.ofHours(1));
    world.access.expireDue();

    Period period =
        Period.of(
            start.plus(Duration.ofMinutes(periodFrom)),
            start.plus(Duration.ofMinutes(periodFrom + periodLength)));
    Retrospective retro = Retrospective.of(world.access, period, world.people, 3);

    List<Duration> lags = new ArrayList<>();
    long hours = 0;
    int used = 0;
    int extensions = 0;
    List<String> neverUsed = new ArrayList<>();
    List<String> after = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      Grant g = sample.get(i);
      if (!period.contains(start.plus(Duration.ofMinutes(g.requestedMinute())))) {
        continue; // a request outside the period counts nowhere, whenever its evidence came
      }
      lags.add(Duration.ofMinutes(g.lagMinutes()));
      hours += g.hours() + (g.extended() ? 1 : 0);
      used += g.signIns() > 0 ? 1 : 0;
      extensions += g.extended() ? 1 : 0;
      if (g.signIns() == 0) {
        neverUsed.add(records.get(i).id().value());
      }
      if (g.late()) {
        after.add(records.get(i).id().value());
      }
    }
    lags.sort(null);
    int n = lags.size();
    if (n == 0) {
      assertThat(retro.lagByApprover()).isEmpty();
      assertThat(retro.roles()).isEmpty();
    } else {
      assertThat(retro.lagByApprover())
          .containsExactly(
              new GroupLag(
                  "olivia",
                  new LagStats(
                      n,
                      lags.get((n + 1) / 2 - 1), // nearest rank of 50 %: ceil(n / 2)
                      lags.get((95 * n + 99) / 100 - 1)))); // ceil(0.95 n)
      assertThat(retro.roles())
          .containsExactly(
              new ResourceUse(
                  "github/admin",
                  n,
                  n,
                  Duration.ofHours(hours),
                  n >= 3 ? ResourceUse.FREQUENT : null));
    }
    assertThat(retro.shares()).isEqualTo(new UsageShares(n, used, n - used, 0, n, 0, extensions));
    assertThat(retro.neverUsed())
        .extracting(UsageFinding::recordId)
        .containsExactlyInAnyOrderElementsOf(neverUsed);
    assertThat(retro.neverUsed()).hasSize(retro.shares().neverUsed());
    assertThat(retro.activityAfterEnd())
        .extracting(UsageFinding::recordId)
        .containsExactlyInAnyOrderElementsOf(after);
    assertThat(retro.neverUsed())
        .allSatisfy(f -> assertThat(f.observedAt()).isAfterOrEqualTo(sweep));
  }
}
