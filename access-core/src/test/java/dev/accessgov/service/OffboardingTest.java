package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("offboarding a person who leaves")
class OffboardingTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Test
  @DisplayName("revokes every active grant and withdraws every pending request, flagged as such")
  void endsEverything() {
    AccessRecord read = access.grant(request("github/read").build());
    AccessRecord admin =
        access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
    AccessRecord billing = access.grant(request("github/billing").build());
    AccessRecord alices = access.grant(request("github/read").subject("alice").build());

    List<AccessRecord> changed = access.offboard(BOB, CAROL, "left the company on 2026-01-05");

    assertThat(changed)
        .extracting(r -> r.id(), AccessRecord::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(read.id(), RecordState.REVOKED),
            org.assertj.core.groups.Tuple.tuple(admin.id(), RecordState.REVOKED),
            org.assertj.core.groups.Tuple.tuple(billing.id(), RecordState.DENIED));
    assertThat(f.idp.memberIds("gh-read")).containsExactly("alice");
    assertThat(f.idp.memberIds("gh-admin")).isEmpty();
    for (AccessRecord r : changed) {
      EvidenceType trigger =
          r.state() == RecordState.REVOKED ? EvidenceType.REVOKED : EvidenceType.DENIED;
      EvidenceEvent event = r.lastEvent(trigger).orElseThrow();
      assertThat(event.detail(EvidenceKeys.OFFBOARDING)).isEqualTo(true);
      assertThat(event.actor()).isEqualTo("person:carol");
      assertThat(event.detailText(EvidenceKeys.REASON)).isEqualTo("left the company on 2026-01-05");
      RecordAssert.assertThat(r).answersTheWalkthrough();
    }
    assertThat(access.record(alices.id()).state()).isEqualTo(RecordState.ACTIVE);
  }

  @Test
  @DisplayName(
      "an administrator offboards someone without a manager; a second call changes nothing, and it"
          + " works once the directory marks them gone")
  void idempotent() {
    access.grant(request("github/read").subject("erin").build());
    f.people.deactivate("erin");

    assertThat(access.offboard(ERIN, IVY, "left")).hasSize(1);
    long events = access.evidence().size();
    assertThat(access.offboard(ERIN, IVY, "left")).isEmpty();
    assertThat(access.evidence().size()).isEqualTo(events);
  }

  @Test
  @DisplayName(
      "an unknown offboarder, one who is neither manager nor administrator, or a blank"
          + " reason changes nothing")
  void badInput() {
    access.grant(request("github/read").build());
    Fixture.Snapshot before = f.snapshot();

    assertThatThrownBy(() -> access.offboard(BOB, PersonId.of("mallory"), "left"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("mallory");
    assertThatThrownBy(() -> access.offboard(BOB, OLIVIA, "left"))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("olivia")
        .hasMessageContaining("carol");
    assertThatThrownBy(() -> access.offboard(BOB, CAROL, " "))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(f.snapshot()).isEqualTo(before);
  }
}
