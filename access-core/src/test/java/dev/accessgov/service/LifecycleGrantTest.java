package dev.accessgov.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A grant made for a lifecycle event")
class LifecycleGrantTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Test
  @DisplayName("names the event's id and trigger in its REQUESTED evidence, and changes no check")
  void recorded() {
    LifecycleEvent event = LifecycleEvent.transfer(LifecycleEventId.of("hr-42"));

    AccessRecord r = access.grant(Fixture.request("github/read").lifecycleEvent(event).build());

    assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(r.lifecycleEvent()).contains(event);
    assertThat(r.events(EvidenceType.REQUESTED).get(0).details())
        .containsEntry(EvidenceKeys.LIFECYCLE_EVENT, "hr-42")
        .containsEntry(EvidenceKeys.LIFECYCLE_TRIGGER, "TRANSFER");
  }

  @Test
  @DisplayName("is the only kind that has one: a plain grant names none")
  void plain() {
    AccessRecord r = access.grant(Fixture.request("github/read").build());

    assertThat(r.lifecycleEvent()).isEmpty();
    assertThat(r.events(EvidenceType.REQUESTED).get(0).details())
        .doesNotContainKey(EvidenceKeys.LIFECYCLE_EVENT);
  }
}
