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

  private Path pack(String... what) {
    Path out = dir.resolve("pack-" + what.length + "-" + what[what.length - 1].hashCode());
    List<String> args = new ArrayList<>(List.of("pack"));
    args.addAll(List.of(what));
    args.addAll(
        List.of(
            "--store",
            world.store.toString(),
            "--signing-key",
            world.privateKey.toString(),
            "--out",
            out.toString()));
    Run run = CliWorld.run(args.toArray(String[]::new));
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    return out;
  }

  private Run verifyPack(Path pack, String... extra) {
    List<String> args = new ArrayList<>(List.of("verify", pack.toString()));
    args.addAll(List.of("--public-key", world.publicKey.toString()));
    args.addAll(List.of(extra));
    return CliWorld.run(args.toArray(String[]::new));
  }

  @Test
  @DisplayName("finding 3: a campaign pack with one decided record left out of campaign.json")
  void campaignPackMissingRecord() throws IOException {
    Path pack = pack("--campaign", world.campaignId);
    Path manifest = pack.resolve("campaign.json");
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root =
        (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
    com.fasterxml.jackson.databind.node.ArrayNode records =
        (com.fasterxml.jackson.databind.node.ArrayNode) root.get("records");
    assertThat(verifyPack(pack).exit()).as("the intact pack").isZero();
    assertThat(records.size()).isGreaterThanOrEqualTo(1);
    String left = records.get(records.size() - 1).get("recordId").asText();
    records.remove(records.size() - 1);
    if (records.isEmpty()) {
      // A campaign of one decision: list another record, with all its events, in its place.
      com.fasterxml.jackson.databind.node.ObjectNode other = records.addObject();
      other.put("recordId", world.carolRead.id().value());
      com.fasterxml.jackson.databind.node.ArrayNode seqs = other.putArray("sequences");
      try (EvidenceReader reader = EvidenceExport.readEvents(pack)) {
        reader.forEachRemaining(
            e -> {
              if (e.recordId().equals(world.carolRead.id().value())) {
                seqs.add(e.seq());
              }
            });
      }
    }
    json.writeValue(manifest.toFile(), root);

    failed(verifyPack(pack), "leaves out record " + left);
  }

  @Test
  @DisplayName("finding 3: a record pack whose record.json claims state, subject and role")
  void recordJsonRewritten() throws IOException {
    // record.json used to carry these for the reader, unchecked; a rewritten one verified OK.
    Path pack = pack(world.bobAdmin.id().value());
    Path manifest = pack.resolve("record.json");
    assertThat(verifyPack(pack).exit()).as("the intact pack").isZero();
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replaceFirst(
                "\\{",
                "{\"state\": \"REVOKED\", \"subject\": \"mallory\", \"role\": \"github/read\",\n"));

    failed(
        verifyPack(pack), "record.json has a field \"state\", which a pack does not take on trust");
  }

  @Test
  @DisplayName("finding 3: a record pack cut back to an older checkpoint: --since catches it")
  void recordPackCutBack() throws IOException {
    Path pack = pack(world.bobAdmin.id().value());
    Path kept = dir.resolve("pack.checkpoint");
    assertThat(verifyPack(pack, "--save-checkpoint", kept.toString()).exit()).isZero();
    List<String> checkpoints = Files.readAllLines(pack.resolve(EvidenceExport.CHECKPOINTS));
    long older = EvidenceExport.readCheckpoints(pack).get(0).size();
    List<String> events = Files.readAllLines(pack.resolve(EvidenceExport.EVENTS));
    Files.write(pack.resolve(EvidenceExport.EVENTS), events.subList(0, (int) older));
    Files.writeString(pack.resolve(EvidenceExport.CHECKPOINTS), checkpoints.get(0) + "\n");

    failed(verifyPack(pack, "--since", kept.toString()), "log truncated");
  }
}
