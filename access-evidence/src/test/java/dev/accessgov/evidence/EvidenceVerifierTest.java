package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

@DisplayName("EvidenceVerifier")
class EvidenceVerifierTest {
  private static final List<EvidenceEvent> EVENTS = SampleChain.events();
  private static final List<Checkpoint> CHECKPOINTS = SampleChain.checkpoints(EVENTS);

  @Nested
  @DisplayName("accepts")
  class Accepts {

    @Test
    @DisplayName("the untouched sample chain with all its checkpoints")
    void sample() {
      VerificationResult result = verify(EVENTS, CHECKPOINTS);

      assertThat(result).isEqualTo(VerificationResult.ok(12, 3));
      assertThat(result).hasToString("evidence chain verified: 12 events, 3 checkpoints");
    }

    @Test
    @DisplayName("an empty chain without checkpoints")
    void empty() {
      assertThat(verify(List.of(), List.of())).isEqualTo(VerificationResult.ok(0, 0));
    }

    @Test
    @DisplayName("checkpoints in any order, and the same checkpoint twice")
    void checkpointOrder() {
      List<Checkpoint> shuffled = new ArrayList<>(CHECKPOINTS);
      Collections.reverse(shuffled);
      shuffled.add(CHECKPOINTS.get(1));

      assertThat(verify(EVENTS, shuffled)).isEqualTo(VerificationResult.ok(12, 4));
    }

    @Test
    @DisplayName("a long chain streamed from an iterator, without holding it in memory")
    void streaming() {
      int count = 20_000;
      Iterator<EvidenceEvent> events = generated(count);
      EvidenceEvent head = generatedHead(count);
      Checkpoint checkpoint = SampleChain.SIGNER.sign(count, head.hash(), head.time());

      VerificationResult result =
          EvidenceVerifier.verify(events, List.of(checkpoint), SampleChain.SIGNER.publicKey());

      assertThat(result).isEqualTo(VerificationResult.ok(count, 1));
    }
  }

  @Nested
  @DisplayName("detects, at the altered event's sequence number,")
  class SingleEventAlterations {

    @TestFactory
    @DisplayName("every change to every field of every event")
    Stream<DynamicNode> everyFieldOfEveryEvent() {
      return EVENTS.stream()
          .map(
              original ->
                  DynamicContainer.dynamicContainer(
                      "event " + original.seq() + " (" + original.type() + ")",
                      EventMutations.of(original).stream()
                          .map(
                              m ->
                                  DynamicTest.dynamicTest(
                                      m.description(),
                                      () ->
                                          assertBrokenAt(
                                              original.seq(),
                                              SampleChain.replace(
                                                  EVENTS,
                                                  (int) original.seq() - 1,
                                                  m.mutated()))))));
    }

    @TestFactory
    @DisplayName("deletion of any one event")
    Stream<DynamicTest> deletion() {
      return EVENTS.stream()
          .map(
              e ->
                  DynamicTest.dynamicTest(
                      "event " + e.seq() + " deleted",
                      () -> {
                        List<EvidenceEvent> chain = new ArrayList<>(EVENTS);
                        chain.remove((int) e.seq() - 1);
                        assertBrokenAt(e.seq(), chain);
                      }));
    }

    @TestFactory
    @DisplayName("swapping two neighbouring events")
    Stream<DynamicTest> swap() {
      return IntStream.range(0, EVENTS.size() - 1)
          .mapToObj(
              i ->
                  DynamicTest.dynamicTest(
                      "events " + (i + 1) + " and " + (i + 2) + " swapped",
                      () -> {
                        List<EvidenceEvent> chain = new ArrayList<>(EVENTS);
                        Collections.swap(chain, i, i + 1);
                        assertBrokenAt(i + 1, chain);
                      }));
    }
  }

  @Nested
  @DisplayName("detects forgeries that keep each event internally consistent")
  class Forgeries {

    @TestFactory
    @DisplayName(
        "a forged event inserted with a correct hash breaks the chain right after it, or at it"
            + " when a checkpoint covers its position")
    Stream<DynamicTest> insertion() {
      return IntStream.rangeClosed(0, EVENTS.size() - 1)
          .mapToObj(
              at ->
                  DynamicTest.dynamicTest(
                      "forged event inserted as number " + (at + 1),
                      () -> {
                        String prev =
                            at == 0 ? EvidenceEvent.GENESIS_HASH : EVENTS.get(at - 1).hash();
                        EvidenceEvent forged =
                            EvidenceHasher.seal(
                                SampleChain.draft(
                                    at, "rec-9", EvidenceType.APPROVED, "person:mallory"),
                                at + 1,
                                prev);
                        List<EvidenceEvent> chain = new ArrayList<>(EVENTS);
                        chain.add(at, forged);

                        if (LongStream.of(SampleChain.CHECKPOINT_SIZES)
                            .anyMatch(size -> size == at + 1)) {
                          // The checkpoint at its position already names another head.
                          assertThat(assertBrokenAt(at + 1, chain).reason())
                              .startsWith("checkpoint at size " + (at + 1) + " names head hash");
                        } else {
                          assertThat(assertBrokenAt(at + 2, chain).reason())
                              .isEqualTo(
                                  "expected sequence " + (at + 2) + " but found " + (at + 1));
                        }
                      }));
    }

    @TestFactory
    @DisplayName("a rewritten event with the whole tail re-hashed is caught by the next checkpoint")
    Stream<DynamicTest> rewrittenTail() {
      return EVENTS.stream()
          .map(
              e ->
                  DynamicTest.dynamicTest(
                      "event " + e.seq() + " rewritten, events " + e.seq() + "-12 re-hashed",
                      () -> {
                        List<EvidenceEvent> rewritten =
                            SampleChain.replace(
                                EVENTS,
                                (int) e.seq() - 1,
                                EventMutations.of(e).get(3).mutated()); // actor changed
                        List<EvidenceEvent> chain =
                            SampleChain.resealFrom(rewritten, (int) e.seq() - 1);
                        long checkpoint =
                            LongStream.of(SampleChain.CHECKPOINT_SIZES)
                                .filter(size -> size >= e.seq())
                                .min()
                                .orElseThrow();

                        VerificationResult result = assertBrokenAt(checkpoint, chain);
                        assertThat(result.reason())
                            .startsWith("checkpoint at size " + checkpoint + " names head hash");
                      }));
    }
  }

  @Nested
  @DisplayName("checks time within each record")
  class TimeOrder {

    @Test
    @DisplayName(
        "an event dated before an earlier event of its own record fails at the event's sequence")
    void backwardsWithinRecord() {
      List<EvidenceDraft> drafts = new ArrayList<>(SampleChain.drafts());
      EvidenceDraft denied = drafts.get(4); // rec-2, minute 5; rec-2's first event is minute 3
      drafts.set(
          4,
          new EvidenceDraft(
              denied.recordId(),
              denied.type(),
              denied.actor(),
              drafts.get(2).time().minusSeconds(1),
              denied.details()));
      List<EvidenceEvent> chain = SampleChain.seal(drafts);

      VerificationResult result = assertBrokenAt(5, chain, SampleChain.checkpoints(chain));
      assertThat(result.eventsChecked()).isEqualTo(4);
      assertThat(result.reason())
          .contains("rec-2")
          .contains(chain.get(4).time().toString())
          .contains("event 3")
          .contains(chain.get(2).time().toString());
    }

    @Test
    @DisplayName("an event dated before another record's event is fine, and equal times are too")
    void otherRecordsAndTies() {
      List<EvidenceDraft> drafts = new ArrayList<>(SampleChain.drafts());
      EvidenceDraft denied = drafts.get(4); // rec-2, after rec-1's event 4 at minute 4
      drafts.set(
          4,
          new EvidenceDraft(
              denied.recordId(),
              denied.type(),
              denied.actor(),
              drafts.get(2).time(),
              denied.details()));
      List<EvidenceEvent> chain = SampleChain.seal(drafts);

      assertThat(verify(chain, SampleChain.checkpoints(chain)))
          .isEqualTo(VerificationResult.ok(12, 3));
    }
  }

  @Nested
  @DisplayName("with truncation")
  class Truncation {

    @TestFactory
    @DisplayName("detects events removed from the end when a checkpoint covered them")
    Stream<DynamicTest> coveredTail() {
      return IntStream.range(0, EVENTS.size())
          .mapToObj(
              kept ->
                  DynamicTest.dynamicTest(
                      "only " + kept + " events left",
                      () -> {
                        long checkpoint =
                            LongStream.of(SampleChain.CHECKPOINT_SIZES)
                                .filter(size -> size > kept)
                                .min()
                                .orElseThrow();

                        VerificationResult result =
                            assertBrokenAt(kept + 1, EVENTS.subList(0, kept));
                        assertThat(result.reason())
                            .isEqualTo(
                                "chain truncated: checkpoint at size "
                                    + checkpoint
                                    + " but only "
                                    + kept
                                    + " events");
                      }));
    }

    @Test
    @DisplayName(
        "cannot detect events removed after the last checkpoint: only checkpoints bound what can"
            + " be proven")
    void uncoveredTail() {
      List<Checkpoint> upToNine = SampleChain.checkpoints(EVENTS, 4, 9);

      assertThat(verify(EVENTS.subList(0, 10), upToNine)).isEqualTo(VerificationResult.ok(10, 2));
      assertThat(verify(EVENTS.subList(0, 9), upToNine)).isEqualTo(VerificationResult.ok(9, 2));
    }
  }

  @Nested
  @DisplayName("with checkpoints")
  class Checkpoints {

    @Test
    @DisplayName("rejects a checkpoint signed with another key, at its size")
    void otherKey() {
      Checkpoint nine = CHECKPOINTS.get(1);
      Checkpoint foreign =
          CheckpointSigner.generate("test-key-1").sign(nine.size(), nine.headHash(), nine.time());

      VerificationResult result = assertBrokenAt(9, EVENTS, withCheckpoint(1, foreign));
      assertThat(result.reason()).contains("checkpoint at size 9 has an invalid signature");
    }

    @TestFactory
    @DisplayName("rejects a checkpoint whose signed fields were edited, at its stated size")
    Stream<DynamicTest> editedCheckpoint() {
      Checkpoint c = CHECKPOINTS.get(1);
      return Map.of(
              "size lowered to 8",
              new Checkpoint(8, c.headHash(), c.time(), c.keyId(), c.signature()),
              "headHash replaced by that of event 8",
              new Checkpoint(9, EVENTS.get(7).hash(), c.time(), c.keyId(), c.signature()),
              "time moved",
              new Checkpoint(9, c.headHash(), c.time().plusSeconds(60), c.keyId(), c.signature()),
              "keyId changed",
              new Checkpoint(9, c.headHash(), c.time(), "other-key", c.signature()),
              "signature not base64",
              new Checkpoint(9, c.headHash(), c.time(), c.keyId(), "%%%"))
          .entrySet()
          .stream()
          .map(
              edit ->
                  DynamicTest.dynamicTest(
                      edit.getKey(),
                      () -> {
                        Checkpoint edited = edit.getValue();
                        VerificationResult result =
                            assertBrokenAt(edited.size(), EVENTS, withCheckpoint(1, edited));
                        assertThat(result.reason()).contains("invalid signature");
                      }));
    }

    @Test
    @DisplayName("rejects a validly signed checkpoint whose head is not the event at its size")
    void wrongHead() {
      Checkpoint wrong = SampleChain.SIGNER.sign(9, EVENTS.get(7).hash(), EVENTS.get(8).time());

      VerificationResult result = assertBrokenAt(9, EVENTS, withCheckpoint(1, wrong));
      assertThat(result.reason())
          .isEqualTo(
              "checkpoint at size 9 names head hash "
                  + EVENTS.get(7).hash()
                  + " but event 9 has hash "
                  + EVENTS.get(8).hash());
    }

    @Test
    @DisplayName("reports a forged checkpoint beyond the end as forged, not as truncation")
    void forgedBeyondEnd() {
      Checkpoint twelve = CHECKPOINTS.get(2);
      Checkpoint forged =
          new Checkpoint(20, twelve.headHash(), twelve.time(), twelve.keyId(), twelve.signature());
      List<Checkpoint> checkpoints = new ArrayList<>(CHECKPOINTS);
      checkpoints.add(forged);

      VerificationResult result = assertBrokenAt(20, EVENTS, checkpoints);
      assertThat(result.reason()).contains("checkpoint at size 20 has an invalid signature");
      assertThat(result.eventsChecked()).isEqualTo(12);
      assertThat(result.checkpointsChecked()).isEqualTo(3);
    }

    @Test
    @DisplayName("fails every checkpoint when given the wrong public key")
    void wrongPublicKey() {
      VerificationResult result =
          EvidenceVerifier.verify(EVENTS, CHECKPOINTS, CheckpointSigner.generate("x").publicKey());

      assertThat(result.valid()).isFalse();
      assertThat(result.firstBadSequence()).isEqualTo(4);
      assertThat(result.eventsChecked()).isEqualTo(4);
      assertThat(result.checkpointsChecked()).isZero();
    }

    @Test
    @DisplayName("refuses a public key that is not Ed25519")
    void nonEd25519Key() throws Exception {
      var rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();

      assertThatThrownBy(() -> EvidenceVerifier.verify(EVENTS, CHECKPOINTS, rsa))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Ed25519");
    }
  }

  @Nested
  @DisplayName("reports")
  class Reports {

    @Test
    @DisplayName("the lowest bad sequence when several events are damaged")
    void lowestWins() {
      List<EvidenceEvent> chain =
          SampleChain.replace(EVENTS, 9, EventMutations.of(EVENTS.get(9)).get(1).mutated());
      chain = SampleChain.replace(chain, 5, EventMutations.of(EVENTS.get(5)).get(1).mutated());

      VerificationResult result = assertBrokenAt(6, chain);
      assertThat(result.reason()).isEqualTo("hash does not match contents");
      assertThat(result.eventsChecked()).isEqualTo(5);
      assertThat(result.checkpointsChecked()).isEqualTo(1);
      assertThat(result)
          .hasToString("evidence chain broken at sequence 6: hash does not match contents");
    }

    @Test
    @DisplayName("an event problem before a checkpoint problem at the same sequence")
    void eventBeforeCheckpoint() {
      List<EvidenceEvent> chain =
          SampleChain.replace(EVENTS, 3, EventMutations.of(EVENTS.get(3)).get(3).mutated());
      Checkpoint four = CHECKPOINTS.get(0);
      Checkpoint forged = new Checkpoint(4, four.headHash(), four.time(), "k", four.signature());

      VerificationResult result = assertBrokenAt(4, chain, withCheckpoint(0, forged));
      assertThat(result.reason()).isEqualTo("hash does not match contents");
    }

    @Test
    @DisplayName("which link is broken when prevHash does not match")
    void prevHashReason() {
      EvidenceEvent third = EVENTS.get(2);
      List<EvidenceEvent> chain =
          SampleChain.replace(
              EVENTS,
              2,
              new EvidenceEvent(
                  third.seq(),
                  third.recordId(),
                  third.type(),
                  third.actor(),
                  third.time(),
                  third.details(),
                  EventMutations.flipFirst(third.prevHash()),
                  third.hash()));

      assertThat(assertBrokenAt(3, chain).reason())
          .isEqualTo("prevHash does not match the hash of event 2");
    }
  }

  private static List<Checkpoint> withCheckpoint(int index, Checkpoint replacement) {
    List<Checkpoint> checkpoints = new ArrayList<>(CHECKPOINTS);
    checkpoints.set(index, replacement);
    return checkpoints;
  }

  private static VerificationResult verify(List<EvidenceEvent> events, List<Checkpoint> cps) {
    return EvidenceVerifier.verify(events, cps, SampleChain.SIGNER.publicKey());
  }

  private static VerificationResult assertBrokenAt(long seq, List<EvidenceEvent> events) {
    return assertBrokenAt(seq, events, CHECKPOINTS);
  }

  private static VerificationResult assertBrokenAt(
      long seq, List<EvidenceEvent> events, List<Checkpoint> checkpoints) {
    VerificationResult result = verify(events, checkpoints);
    assertThat(result.valid()).as("valid: %s", result).isFalse();
    assertThat(result.firstBadSequence()).as("first bad sequence of: %s", result).isEqualTo(seq);
    return result;
  }

  /** A lazily sealed chain of {@code count} events, never held in memory as a whole. */
  private static Iterator<EvidenceEvent> generated(int count) {
    return new Iterator<>() {
      private long seq;
      private String prev = EvidenceEvent.GENESIS_HASH;

      @Override
      public boolean hasNext() {
        return seq < count;
      }

      @Override
      public EvidenceEvent next() {
        seq++;
        EvidenceEvent event = EvidenceHasher.seal(generatedDraft(seq), seq, prev);
        prev = event.hash();
        return event;
      }
    };
  }

  private static EvidenceEvent generatedHead(int count) {
    EvidenceEvent last = null;
    for (Iterator<EvidenceEvent> it = generated(count); it.hasNext(); ) {
      last = it.next();
    }
    return Objects.requireNonNull(last);
  }

  private static EvidenceDraft generatedDraft(long seq) {
    return SampleChain.draft(
        (int) seq, // times rise with the chain: a record's times must not run backwards
        "rec-" + seq % 97,
        EvidenceType.PROVISIONED,
        "system:okta",
        "group",
        "grp-" + seq % 13,
        "attempt",
        seq % 3,
        "ok",
        seq % 2 == 0);
  }
}
