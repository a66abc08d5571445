package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.UsageEvidence;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Usage evidence through the whole service, against a simple model of the windows. */
class UsageEvidencePropertyTest {

  @Property(tries = 60)
  @Label("a grant's usage evidence counts the scripted sign-ins of its window and after its end")
  void usageMatchesModel(
      @ForAll @Size(max = 25) List<@IntRange(min = -120, max = 600) Integer> minutes,
      @ForAll @IntRange(min = 1, max = 6) int hours,
      @ForAll @IntRange(min = 1, max = 420) int revokeAfterMinutes) {
    Fixture f = new Fixture();
    AccessService access = f.builder().usageEvidence(UsageEvidence.defaults()).build();
    AccessRecord r =
        access.approve(
            access.grant(Fixture.privileged(Duration.ofHours(hours))).id(), Fixture.OLIVIA, "");
    Instant start = r.activatedAt();
    for (int m : minutes) {
      f.idp.activity().signIn("bob", "github", start.plusSeconds(60L * m));
      f.idp.activity().signIn("alice", "github", start.plusSeconds(60L * m)); // someone else
    }
    if (revokeAfterMinutes < hours * 60) {
      f.clock.advance(Duration.ofMinutes(revokeAfterMinutes));
      access.revoke(r.id(), Fixture.CAROL, "done");
    } else {
      f.clock.advance(Duration.ofHours(hours));
      access.expireDue();
    }
    Instant end = access.record(r.id()).endedAt();
    f.clock.advance(Duration.ofMinutes(30));
    access.expireDue();

    AccessRecord done = access.record(r.id());
    check(phase(done, "WINDOW"), minutes, start, start, end, "NEVER_USED", true);
    check(
        phase(done, "AFTER_END"),
        minutes,
        start,
        end,
        end.plus(Duration.ofMinutes(30)),
        "ACTIVITY_AFTER_END",
        false);
  }

  private static EvidenceEvent phase(AccessRecord r, String phase) {
    List<EvidenceEvent> events =
        r.events(EvidenceType.USAGE_OBSERVED).stream()
            .filter(e -> phase.equals(e.detailText(USAGE_PHASE)))
            .toList();
    assertThat(events).as(phase).hasSize(1);
    return events.get(0);
  }

  private static void check(
      EvidenceEvent e,
      List<Integer> minutes,
      Instant start,
      Instant from,
      Instant to,
      String flag,
      boolean flagWhenEmpty) {
    List<Instant> in =
        minutes.stream()
            .map(m -> start.plusSeconds(60L * m))
            .filter(t -> !t.isBefore(from) && t.isBefore(to))
            .sorted()
            .toList();
    assertThat(e.detail(EVENT_COUNT)).isEqualTo((long) in.size());
    if (in.isEmpty()) {
      assertThat(e.detail(FIRST_EVENT_AT)).isNull();
    } else {
      assertThat(e.detailText(FIRST_EVENT_AT)).isEqualTo(in.get(0).toString());
      assertThat(e.detailText(LAST_EVENT_AT)).isEqualTo(in.get(in.size() - 1).toString());
    }
    boolean flagged = in.isEmpty() == flagWhenEmpty;
    assertThat(e.detailText(USAGE_FLAG)).isEqualTo(flagged ? flag : null);
  }
}
