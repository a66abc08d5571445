package dev.accessgov.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.record.PersonId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A lifecycle event")
class LifecycleEventTest {
  @Test
  @DisplayName("derived from a person is the same on every call, and names trigger and person")
  void derived() {
    LifecycleEvent first = LifecycleEvent.of(LifecycleTrigger.ONBOARDING, PersonId.of("nina"));

    assertThat(first)
        .isEqualTo(LifecycleEvent.of(LifecycleTrigger.ONBOARDING, PersonId.of("nina")));
    assertThat(first.id().value()).isEqualTo("onboarding:nina");
    assertThat(first.toString()).isEqualTo("onboarding onboarding:nina");
    assertThat(LifecycleEventId.of(LifecycleTrigger.TRANSFER, PersonId.of("nina")))
        .isNotEqualTo(first.id());
  }

  @Test
  @DisplayName("id is refused when blank or not clean text")
  void badIds() {
    assertThatThrownBy(() -> LifecycleEventId.of(" "))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("lifecycle event id");
    assertThatThrownBy(() -> LifecycleEventId.of("hr\n42"))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("made explicitly carries its trigger")
  void explicit() {
    LifecycleEventId hr = LifecycleEventId.of("workday-7781");
    assertThat(LifecycleEvent.onboarding(hr).trigger()).isEqualTo(LifecycleTrigger.ONBOARDING);
    assertThat(LifecycleEvent.transfer(hr).trigger()).isEqualTo(LifecycleTrigger.TRANSFER);
    assertThat(LifecycleEvent.offboarding(hr).trigger()).isEqualTo(LifecycleTrigger.OFFBOARDING);
    assertThat(LifecycleTrigger.OFFBOARDING.label()).isEqualTo("offboarding");
  }
}
