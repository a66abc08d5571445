package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("EvidenceHasher")
class EvidenceHasherTest {

  /**
   * The canonical body of {@link #knownDraft()} at sequence 1, written out by hand. Its hash below
   * was produced independently of this code with: {@code printf '%s' '<this JSON>' | sha256sum}.
   */
  private static final String KNOWN_BODY =
      "{\"actor\":\"person:alice\",\"details\":{\"days\":7,\"group\":\"grp-prod-db\","
          + "\"reason\":\"St\u00f6rung \\\"#42\\\"\\nfix \u2713\",\"ticket\":null,\"urgent\":true},"
          + "\"prevHash\":\"0000000000000000000000000000000000000000000000000000000000000000\","
          + "\"recordId\":\"rec-1\",\"seq\":1,\"time\":\"2024-05-01T10:15:30.123Z\","
          + "\"type\":\"REQUESTED\"}";

  private static final String KNOWN_HASH =
      "bfde47b580ab2a051e95f8a07733753e7e17c9d064f5edacd28a3d0570c345d6";

  @Nested
  @DisplayName("seal")
  class Seal {

    @Test
    @DisplayName("matches a hash computed with sha256sum over the hand-written canonical body")
    void knownAnswer() {
      EvidenceEvent event = EvidenceHasher.seal(knownDraft(), 1, EvidenceEvent.GENESIS_HASH);

      assertThat(new String(CanonicalJson.eventBody(event), StandardCharsets.UTF_8))
          .isEqualTo(KNOWN_BODY);
      assertThat(event.hash()).isEqualTo(KNOWN_HASH);
    }

    @Test
    @DisplayName("is deterministic: the same draft, position and predecessor give the same hash")
    void deterministic() {
      EvidenceEvent first = EvidenceHasher.seal(knownDraft(), 5, "ab".repeat(32));
      EvidenceEvent second = EvidenceHasher.seal(knownDraft(), 5, "ab".repeat(32));

      assertThat(second).isEqualTo(first);
    }

    @Test
    @DisplayName("keeps the draft's fields and adds seq, prevHash and the hash")
    void copiesFields() {
      EvidenceDraft draft = knownDraft();

      EvidenceEvent event = EvidenceHasher.seal(draft, 3, "ab".repeat(32));

      assertThat(event.seq()).isEqualTo(3);
      assertThat(event.recordId()).isEqualTo(draft.recordId());
      assertThat(event.type()).isEqualTo(draft.type());
      assertThat(event.actor()).isEqualTo(draft.actor());
      assertThat(event.time()).isEqualTo(draft.time());
      assertThat(event.details()).isEqualTo(draft.details());
      assertThat(event.prevHash()).isEqualTo("ab".repeat(32));
      assertThat(event.hash()).hasSize(64).matches("[0-9a-f]{64}");
    }

    @TestFactory
    @DisplayName("changes the hash when any field changes")
    Stream<DynamicTest> sensitiveToEveryField() {
      EvidenceEvent original = EvidenceHasher.seal(knownDraft(), 1, EvidenceEvent.GENESIS_HASH);
      List<EventMutations.Mutation> mutations = EventMutations.of(original);
      return mutations.stream()
          .filter(m -> !m.description().equals("hash changed"))
          .map(
              m ->
                  DynamicTest.dynamicTest(
                      m.description(),
                      () ->
                          assertThat(EvidenceHasher.hashOf(m.mutated())).isNotEqualTo(KNOWN_HASH)));
    }

    @Test
    @DisplayName("refuses a prevHash that is not 64 lower-case hex digits")
    void badPrevHash() {
      assertThatThrownBy(() -> EvidenceHasher.seal(knownDraft(), 2, "AB".repeat(32)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("prevHash must be 64 lower-case hex digits");
      assertThatThrownBy(() -> EvidenceHasher.seal(knownDraft(), 2, "ab"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("refuses text that is not well-formed Unicode, which has no canonical bytes")
    void loneSurrogate() {
      EvidenceDraft draft =
          EvidenceDraft.of(
              "rec-\ud800", EvidenceType.REQUESTED, "person:alice", Instant.EPOCH, Map.of());

      assertThatThrownBy(() -> EvidenceHasher.seal(draft, 1, EvidenceEvent.GENESIS_HASH))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'recordId' holds a lone surrogate U+D800");
    }

    @Test
    @DisplayName("gives the same hashes when many threads seal at once")
    void concurrent() {
      List<EvidenceEvent> expected =
          IntStream.rangeClosed(1, 2_000)
              .mapToObj(seq -> EvidenceHasher.seal(knownDraft(), seq, EvidenceEvent.GENESIS_HASH))
              .collect(Collectors.toList());

      List<EvidenceEvent> parallel =
          IntStream.rangeClosed(1, 2_000)
              .parallel()
              .mapToObj(seq -> EvidenceHasher.seal(knownDraft(), seq, EvidenceEvent.GENESIS_HASH))
              .collect(Collectors.toList());

      assertThat(parallel).isEqualTo(expected);
    }

    @Test
    @DisplayName("refuses a sequence number below 1")
    void badSeq() {
      assertThatThrownBy(() -> EvidenceHasher.seal(knownDraft(), 0, EvidenceEvent.GENESIS_HASH))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("seq must be >= 1");
    }
  }

  @Nested
  @DisplayName("hashOf")
  class HashOf {

    @Test
    @DisplayName("recomputes the sealed hash from the event's fields")
    void recomputes() {
      EvidenceEvent event = EvidenceHasher.seal(knownDraft(), 1, EvidenceEvent.GENESIS_HASH);

      assertThat(EvidenceHasher.hashOf(event)).isEqualTo(event.hash());
    }

    @Test
    @DisplayName("ignores the stored hash, so a forged hash is exposed")
    void ignoresStoredHash() {
      EvidenceEvent event = EvidenceHasher.seal(knownDraft(), 1, EvidenceEvent.GENESIS_HASH);
      EvidenceEvent forged =
          new EvidenceEvent(
              event.seq(),
              event.recordId(),
              event.type(),
              event.actor(),
              event.time(),
              event.details(),
              event.prevHash(),
              "ff".repeat(32));

      assertThat(EvidenceHasher.hashOf(forged)).isEqualTo(KNOWN_HASH);
    }

    @Test
    @DisplayName("equals sha256Hex of the canonical body")
    void isSha256OfBody() {
      EvidenceEvent event = EvidenceHasher.seal(knownDraft(), 3, "ab".repeat(32));

      assertThat(EvidenceHasher.hashOf(event))
          .isEqualTo(EvidenceHasher.sha256Hex(CanonicalJson.eventBody(event)));
    }
  }

  @Test
  @DisplayName("sha256Hex gives the FIPS 180-2 answer for \"abc\", in lower case")
  void sha256Vector() {
    assertThat(EvidenceHasher.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private static EvidenceDraft knownDraft() {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    details.put("urgent", true);
    details.put("reason", "St\u00f6rung \"#42\"\nfix \u2713");
    details.put("ticket", null);
    details.put("group", "grp-prod-db");
    details.put("days", 7);
    return EvidenceDraft.of(
        "rec-1",
        EvidenceType.REQUESTED,
        "person:alice",
        Instant.parse("2024-05-01T10:15:30.123Z"),
        details);
  }
}
