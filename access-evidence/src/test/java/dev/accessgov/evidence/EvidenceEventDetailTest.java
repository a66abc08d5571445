package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("An event's details and the messages of evidence exceptions")
class EvidenceEventDetailTest {
  private static final EvidenceEvent EVENT =
      SampleChain.seal(
              List.of(
                  EvidenceDraft.of(
                      "ar-1",
                      EvidenceType.PROVISIONED,
                      "system:access-governance",
                      Instant.parse("2026-01-05T09:00:00Z"),
                      Map.of("provider", "okta", "attempt", 2L))))
          .get(0);

  @Test
  @DisplayName("a required detail is given as text; a missing one names the event and the key")
  void requiredDetail() {
    assertThat(EVENT.requireDetailText("provider")).isEqualTo("okta");
    assertThat(EVENT.requireDetailText("attempt")).isEqualTo("2");
    assertThatThrownBy(() -> EVENT.requireDetailText("group"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("event 1 (PROVISIONED) has no detail \"group\"");
  }

  @Test
  @DisplayName("a malformed-line or too-large exception always has its message")
  void messagesAreNeverNull() {
    assertThat(new MalformedEvidenceException("events.jsonl", 3, "bad hash").getMessage())
        .isEqualTo("events.jsonl line 3 is malformed: bad hash");
    assertThat(new EventTooLargeException("event of ar-1 is 70000 bytes").getMessage())
        .isEqualTo("event of ar-1 is 70000 bytes");
    assertThatThrownBy(() -> new EventTooLargeException(null))
        .isInstanceOf(NullPointerException.class);
  }
}
