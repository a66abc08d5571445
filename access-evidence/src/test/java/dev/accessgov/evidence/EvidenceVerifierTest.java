package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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

      assertThat(result).isEqualTo(VerificationResult.ok(12, 3, CHECKPOINTS.get(2)));
      assertThat(result)
          .hasToString(
              "evidence log verified: 12 events, 3 checkpoints; signed up to 12 by"
                  + " example.com/test-log at "
                  + CHECKPOINTS.get(2).time());
    }

    @Test
    @DisplayName("an empty log with a signed checkpoint of size 0")
    void empty() {
      Checkpoint zero = SampleChain.SIGNER.sign(0, Merkle.emptyRoot(), EVENTS.get(0).time());

      assertThat(verify(List.of(), List.of(zero))).isEqualTo(VerificationResult.ok(0, 1, zero));
    }

    @Test
    @DisplayName("checkpoints of a rotated key when both keys are trusted")
    void rotatedKey() {
      CheckpointSigner rotated = CheckpointSigner.generate(SampleChain.SIGNER.origin());
      Checkpoint twelve = CHECKPOINTS.get(2);
      Checkpoint resigned = rotated.sign(12, twelve.root(), twelve.time().plusSeconds(1));
      List<Checkpoint> checkpoints = withCheckpoint(2, resigned);
      Trusted both = Trusted.keys(List.of(SampleChain.SIGNER.publicKey(), rotated.publicKey()));

      assertThat(EvidenceVerifier.verify(EVENTS.iterator(), checkpoints, both))
          .isEqualTo(VerificationResult.ok(12, 3, resigned));
      assertThat(verify(EVENTS, checkpoints).reason())
          .contains("checkpoint at size 12", "is not signed by a trusted key");
    }

    @Test
    @DisplayName("a checkpoint that also carries a signature of an unknown key (a witness)")
    void unknownCosigner() {
      Checkpoint twelve = CHECKPOINTS.get(2);
      Checkpoint witness =
          CheckpointSigner.generate("witness.example/w1").sign(12, twelve.root(), twelve.time());
      List<NoteSignature> both = new ArrayList<>(twelve.signatures());
      both.add(witness.signatures().get(0));
      Checkpoint cosigned =
          new Checkpoint(twelve.origin(), 12, twelve.rootHash(), twelve.time(), both);

      assertThat(verify(EVENTS, withCheckpoint(2, cosigned)).valid()).isTrue();
    }

    @Test
    @DisplayName("checkpoints in any order, and the same checkpoint twice")
    void checkpointOrder() {
      List<Checkpoint> shuffled = new ArrayList<>(CHECKPOINTS);
      Collections.reverse(shuffled);
      shuffled.add(CHECKPOINTS.get(1));

      assertThat(verify(EVENTS, shuffled))
          .isEqualTo(VerificationResult.ok(12, 4, CHECKPOINTS.get(2)));
    }

    @Test
    @DisplayName("a long chain streamed from an iterator, without holding it in memory")
    void streaming() {
      int count = 20_000;
      Iterator<EvidenceEvent> events = generated(count);
      LogTree tree = LogTree.empty();
      generated(count).forEachRemaining(e -> tree.append(Merkle.leafHash(e)));
      Checkpoint checkpoint =
          SampleChain.SIGNER.sign(count, tree.root(), SampleChain.START.plusSeconds(count));

      VerificationResult result =
          EvidenceVerifier.verify(events, List.of(checkpoint), SampleChain.SIGNER.publicKey());

      assertThat(result).isEqualTo(VerificationResult.ok(count, 1, checkpoint));
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
                              .startsWith("checkpoint at size " + (at + 1) + " signed ")
                              .contains("names root hash");
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
                            .startsWith("checkpoint at size " + checkpoint + " signed ")
                            .contains("names root hash");
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

      List<Checkpoint> checkpoints = SampleChain.checkpoints(chain);
      assertThat(verify(chain, checkpoints))
          .isEqualTo(VerificationResult.ok(12, 3, checkpoints.get(2)));
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
                            .startsWith("log truncated: checkpoint at size " + checkpoint)
                            .endsWith(
                                "covers " + checkpoint + " events, but there are only " + kept);
                      }));
    }

    @Test
    @DisplayName("fails events after the last checkpoint: nothing signed vouches for them")
    void uncoveredTail() {
      List<Checkpoint> upToNine = SampleChain.checkpoints(EVENTS, 4, 9);

      VerificationResult result = assertBrokenAt(10, EVENTS.subList(0, 10), upToNine);
      assertThat(result.reason())
          .isEqualTo(
              "events 10 to 10 are not covered by a checkpoint signed by a trusted key; the"
                  + " latest covers 9");
    }

    @Test
    @DisplayName("fails a log with no checkpoint, or an empty one, whatever its events")
    void noCheckpoint() {
      assertThat(assertBrokenAt(1, EVENTS, List.of()).reason())
          .isEqualTo(
              "no checkpoint signed by a trusted key: nothing vouches for any of its 12 events");
      assertThat(assertBrokenAt(1, List.of(), List.of()).reason())
          .isEqualTo("no checkpoint signed by a trusted key: nothing vouches for this (empty) log");
    }

    @Test
    @DisplayName("cut back to an older checkpoint: complete alone, caught by a later one trusted")
    void cutToOlderCheckpoint() {
      List<Checkpoint> upToNine = SampleChain.checkpoints(EVENTS, 4, 9);
      Checkpoint twelve = CHECKPOINTS.get(2);
      Trusted sinceTwelve = Trusted.key(SampleChain.SIGNER.publicKey()).since(twelve);

      assertThat(verify(EVENTS.subList(0, 9), upToNine).valid()).isTrue();
      VerificationResult cut =
          EvidenceVerifier.verify(EVENTS.subList(0, 9).iterator(), upToNine, sinceTwelve);
      assertThat(cut.valid()).isFalse();
      assertThat(cut.firstBadSequence()).isEqualTo(10);
      assertThat(cut.reason())
          .startsWith("log truncated: the trusted earlier checkpoint at size 12")
          .endsWith("covers 12 events, but there are only 9");
      assertThat(EvidenceVerifier.verify(EVENTS.iterator(), upToNine.subList(0, 1), sinceTwelve))
          .isEqualTo(VerificationResult.ok(12, 2, twelve));
    }

    @Test
    @DisplayName("rewritten before a checkpoint trusted earlier: caught at that checkpoint")
    void rewrittenBeforeEarlierCheckpoint() {
      List<EvidenceEvent> rewritten =
          SampleChain.resealFrom(
              SampleChain.replace(EVENTS, 6, EventMutations.of(EVENTS.get(6)).get(3).mutated()), 6);
      List<Checkpoint> resigned = SampleChain.checkpoints(rewritten, 12);
      Trusted sinceNine = Trusted.key(SampleChain.SIGNER.publicKey()).since(CHECKPOINTS.get(1));

      assertThat(verify(rewritten, resigned).valid())
          .as("the key holder re-signed the rewrite: alone it verifies")
          .isTrue();
      VerificationResult result =
          EvidenceVerifier.verify(rewritten.iterator(), resigned, sinceNine);
      assertThat(result.firstBadSequence()).isEqualTo(9);
      assertThat(result.reason())
          .startsWith("the trusted earlier checkpoint at size 9")
          .contains("names root hash");
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
          CheckpointSigner.generate(nine.origin()).sign(nine.size(), nine.root(), nine.time());

      VerificationResult result = assertBrokenAt(9, EVENTS, withCheckpoint(1, foreign));
      assertThat(result.reason())
          .startsWith("checkpoint at size 9 signed " + nine.time())
          .contains("is not signed by a trusted key (signed by example.com/test-log (key ID ");
    }

    @TestFactory
    @DisplayName("rejects a checkpoint whose signed fields were edited, at its stated size")
    Stream<DynamicTest> editedCheckpoint() {
      Checkpoint c = CHECKPOINTS.get(1);
      String eight = java.util.Base64.getEncoder().encodeToString(SampleChain.root(EVENTS, 8));
      NoteSignature truncated =
          new NoteSignature(
              c.origin(),
              java.util.Base64.getEncoder()
                  .encodeToString(
                      java.util.Arrays.copyOf(
                          java.util.Base64.getDecoder().decode(c.signatures().get(0).base64()),
                          40)));
      return Map.of(
              "size lowered to 8",
              new Checkpoint(c.origin(), 8, c.rootHash(), c.time(), c.signatures()),
              "root replaced by that of 8 events",
              new Checkpoint(c.origin(), 9, eight, c.time(), c.signatures()),
              "time moved",
              new Checkpoint(c.origin(), 9, c.rootHash(), c.time().plusSeconds(60), c.signatures()),
              "origin changed",
              new Checkpoint("example.com/other", 9, c.rootHash(), c.time(), c.signatures()),
              "signature cut short",
              new Checkpoint(c.origin(), 9, c.rootHash(), c.time(), List.of(truncated)))
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
                        assertThat(result.reason()).contains("does not verify");
                      }));
    }

    @Test
    @DisplayName("rejects a validly signed checkpoint whose root is not the log's at its size")
    void wrongRoot() {
      Checkpoint wrong =
          SampleChain.SIGNER.sign(9, SampleChain.root(EVENTS, 8), EVENTS.get(8).time());

      VerificationResult result = assertBrokenAt(9, EVENTS, withCheckpoint(1, wrong));
      assertThat(result.reason())
          .isEqualTo(
              "checkpoint at size 9 signed "
                  + wrong.time()
                  + " names root hash "
                  + wrong.rootHash()
                  + " but the first 9 events have root hash "
                  + CHECKPOINTS.get(1).rootHash());
    }

    @Test
    @DisplayName("rejects checkpoints of two different logs")
    void twoOrigins() {
      CheckpointSigner other =
          CheckpointSigner.ed25519(
              "example.com/other-log", SampleChain.PRIVATE_KEY, SampleChain.SIGNER.publicKey());
      Checkpoint twelve = CHECKPOINTS.get(2);
      Checkpoint foreign = other.sign(12, twelve.root(), twelve.time());

      VerificationResult result = assertBrokenAt(12, EVENTS, withCheckpoint(2, foreign));
      assertThat(result.reason())
          .endsWith("is of log example.com/other-log, not of log example.com/test-log");
    }

    @Test
    @DisplayName("reports a forged checkpoint beyond the end as forged, not as truncation")
    void forgedBeyondEnd() {
      Checkpoint twelve = CHECKPOINTS.get(2);
      Checkpoint forged =
          new Checkpoint(
              twelve.origin(), 20, twelve.rootHash(), twelve.time(), twelve.signatures());
      List<Checkpoint> checkpoints = new ArrayList<>(CHECKPOINTS);
      checkpoints.add(forged);

      VerificationResult result = assertBrokenAt(20, EVENTS, checkpoints);
      assertThat(result.reason()).contains("checkpoint at size 20", "does not verify");
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
      Checkpoint forged =
          new Checkpoint(
              four.origin(), 4, four.rootHash(), four.time().plusMillis(1), four.signatures());

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
