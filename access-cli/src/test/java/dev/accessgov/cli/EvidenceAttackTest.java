package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.cli.CliWorld.Run;
import dev.accessgov.evidence.CanonicalJson;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceReader;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, findings 1 and 2: the independent attack run's rewrites of an export, each of which
 * {@code access-cli verify} used to answer with OK and exit 0. An attacker here can write every
 * byte of the export and recompute every hash; only the checkpoint key is out of reach.
 */
@DisplayName("verify never says OK to evidence no trusted key signed")
class EvidenceAttackTest {
  @TempDir Path dir;
  CliWorld world;

  @BeforeEach
  void setUp() throws IOException {
    world = new CliWorld(dir);
  }

  private Run verify(String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", world.export.toString()));
    args.addAll(List.of("--public-key", world.publicKey.toString()));
    args.addAll(List.of(extra));
    return CliWorld.run(args.toArray(String[]::new));
  }

  private List<EvidenceEvent> events() {
    List<EvidenceEvent> events = new ArrayList<>();
    try (EvidenceReader reader = EvidenceExport.readEvents(world.export)) {
      reader.forEachRemaining(events::add);
    }
    return events;
  }

  /** Rewrites events.jsonl with {@code change} applied to each event, every hash recomputed. */
  private void rewriteEvents(List<EvidenceEvent> events, UnaryOperator<EvidenceEvent> change)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String prev = EvidenceEvent.GENESIS_HASH;
    long seq = 0;
    for (EvidenceEvent original : events) {
      EvidenceEvent e = change.apply(original);
      EvidenceDraft draft =
          new EvidenceDraft(e.recordId(), e.type(), e.actor(), e.time(), e.details());
      EvidenceEvent sealed = EvidenceHasher.seal(draft, ++seq, prev);
      out.write(CanonicalJson.eventLine(sealed));
      out.write('\n');
      prev = sealed.hash();
    }
    Files.write(world.export.resolve(EvidenceExport.EVENTS), out.toByteArray());
  }

  private static EvidenceEvent withActor(EvidenceEvent e, String actor) {
    return new EvidenceEvent(
        e.seq(), e.recordId(), e.type(), actor, e.time(), e.details(), e.prevHash(), e.hash());
  }

  private List<String> checkpointLines() throws IOException {
    return Files.readAllLines(world.export.resolve(EvidenceExport.CHECKPOINTS));
  }

  private static void failed(Run run, String why) {
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(run.out()).startsWith("FAILED: ").contains(why);
  }

  @Test
  @DisplayName("finding 1: approver rewritten, every hash recomputed, all checkpoints dropped")
  void unsignedRewrite() throws IOException {
    rewriteEvents(
        events(), e -> e.type() == EvidenceType.APPROVED ? withActor(e, "person:mallory") : e);
    Files.writeString(world.export.resolve(EvidenceExport.CHECKPOINTS), "");

    failed(verify(), "no checkpoint signed by a trusted key");
  }

  @Test
  @DisplayName("finding 1: an empty events file with no checkpoints")
  void emptyExport() throws IOException {
    Files.writeString(world.export.resolve(EvidenceExport.EVENTS), "");
    Files.writeString(world.export.resolve(EvidenceExport.CHECKPOINTS), "");

    failed(verify(), "no checkpoint signed by a trusted key");
  }

  @Test
  @DisplayName("finding 1: events appended after the last checkpoint are not signed: FAILED")
  void unsignedTail() throws IOException {
    List<EvidenceEvent> events = events();
    List<EvidenceEvent> longer = new ArrayList<>(events);
    EvidenceEvent last = events.get(events.size() - 1);
    longer.add(
        new EvidenceEvent(
            last.seq() + 1,
            last.recordId(),
            EvidenceType.NOTED,
            "person:mallory",
            last.time(),
            last.details(),
            last.hash(),
            last.hash()));
    rewriteEvents(longer, e -> e);

    failed(verify(), "not covered by a checkpoint signed by a trusted key");
  }

  @Test
  @DisplayName("finding 2: tail cut with its checkpoint, an older one kept: --since catches it")
  void cutTail() throws IOException {
    Path kept = dir.resolve("kept.checkpoint");
    Run first = verify("--save-checkpoint", kept.toString());
    assertThat(first.exit()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("saved the checkpoint to " + kept);
    List<String> checkpoints = checkpointLines();
    assertThat(checkpoints).hasSizeGreaterThanOrEqualTo(2);
    // Cut back to the first checkpoint: its events only, and only that checkpoint.
    long older =
        Checkpoint.parse(EvidenceExport.readCheckpoints(world.export).get(0).note()).size();
    List<EvidenceEvent> events = events();
    rewriteEvents(events.subList(0, (int) older), e -> e);
    Files.writeString(world.export.resolve(EvidenceExport.CHECKPOINTS), checkpoints.get(0) + "\n");

    Run alone = verify();
    assertThat(alone.exit())
        .as("cut back to a signed state, the export alone is complete: " + alone.out())
        .isZero();
    assertThat(alone.out()).contains("latest checkpoint: " + older + " events");
    Run withSince = verify("--since", kept.toString());
    failed(withSince, "log truncated: the trusted earlier checkpoint at size " + events.size());
  }

  @Test
  @DisplayName("finding 2: history rewritten and re-signed after the auditor's visit")
  void rewrittenSinceVisit() throws IOException {
    Path kept = dir.resolve("kept.checkpoint");
    assertThat(verify("--save-checkpoint", kept.toString()).exit()).isZero();
    // Whoever holds the key rewrites the approver and re-signs everything.
    rewriteEvents(
        events(), e -> e.type() == EvidenceType.APPROVED ? withActor(e, "person:mallory") : e);
    List<EvidenceEvent> rewritten = events();
    LogTree tree = LogTree.empty();
    rewritten.forEach(e -> tree.append(Merkle.leafHash(e)));
    CheckpointSigner keyHolder =
        CheckpointSigner.fromPem(
            Checkpoint.parse(Files.readString(kept)).origin(), world.privateKey);
    Checkpoint resigned =
        keyHolder.sign(rewritten.size(), tree.root(), CliWorld.START.plusSeconds(86_400));
    Files.writeString(
        world.export.resolve(EvidenceExport.CHECKPOINTS),
        new String(CanonicalJson.checkpointLine(resigned), StandardCharsets.UTF_8) + "\n");

    assertThat(verify().exit()).as("re-signed by the key holder, alone it verifies").isZero();
    failed(verify("--since", kept.toString()), "names root hash");
  }
}
