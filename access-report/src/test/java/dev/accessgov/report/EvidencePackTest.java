package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.record.RecordId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("An evidence pack for one grant")
class EvidencePackTest {
  private final ReportWorld world = new ReportWorld().scripted();
  private final PublicKey key = world.access.evidence().publicKey();

  @TempDir Path dir;

  private EvidencePack packOfBobsAdmin() {
    return EvidencePack.forRecord(world.access, world.bobAdmin.id(), dir);
  }

  @Test
  @DisplayName("holds the export, a fresh checkpoint and the record's event sequences")
  void contents() throws Exception {
    long before = world.access.evidence().checkpoints().size();

    EvidencePack pack = packOfBobsAdmin();

    assertThat(pack.sequences())
        .containsExactlyElementsOf(
            world.bobAdmin.timeline().stream().map(EvidenceEvent::seq).toList());
    // REQUESTED, APPROVED, and one PROVISIONED per group.
    assertThat(pack.sequences()).hasSize(4);
    assertThat(world.access.evidence().checkpoints()).hasSize((int) before + 1);
    assertThat(dir.resolve(EvidenceExport.EVENTS)).exists();
    assertThat(dir.resolve(EvidenceExport.CHECKPOINTS)).exists();
    assertThat(dir.resolve(EvidenceExport.PUBLIC_KEY)).exists();
    String manifest = Files.readString(dir.resolve(EvidencePack.RECORD));
    assertThat(manifest)
        .contains("\"recordId\" : \"" + world.bobAdmin.id().value() + "\"")
        .as("the manifest claims nothing the events do not show")
        .doesNotContain("\"walkthrough\"", "\"state\"", "\"subject\"");
  }

  @Test
  @DisplayName("verifies offline with the trusted key")
  void verifies() {
    packOfBobsAdmin();

    PackVerification result = EvidencePack.verify(dir, key);

    assertThat(result.valid()).as(result.toString()).isTrue();
    assertThat(result.recordId()).isEqualTo(world.bobAdmin.id().value());
    assertThat(result.chain().eventsChecked()).isEqualTo(world.access.evidence().size());
    assertThat(result.reason()).isEqualTo("ok");
    assertThat(result.facts())
        .singleElement()
        .asString()
        .startsWith("record " + world.bobAdmin.id().value() + " (subject bob, role github/admin): ")
        .contains(" REQUESTED ", " APPROVED ", " by person:olivia", " PROVISIONED ");
  }

  @Test
  @DisplayName("of an unknown record is refused")
  void unknown() {
    assertThatThrownBy(() -> EvidencePack.forRecord(world.access, RecordId.of("nope"), dir))
        .isInstanceOf(NotFoundException.class);
  }

  @Nested
  @DisplayName("fails verification when")
  class Tampered {
    @Test
    @DisplayName("one byte of events.jsonl is changed")
    void oneByte() throws Exception {
      packOfBobsAdmin();
      Path events = dir.resolve(EvidenceExport.EVENTS);
      byte[] bytes = Files.readAllBytes(events);
      String text = new String(bytes, StandardCharsets.UTF_8);
      // Change one letter of the first approver's name: still valid JSON, different content.
      int at = text.indexOf("person:olivia") + "person:".length();
      bytes[at] = (byte) 'O';
      Files.write(events, bytes);

      PackVerification result = EvidencePack.verify(dir, key);

      assertThat(result.valid()).isFalse();
      assertThat(result.reason()).startsWith("evidence chain:");
      assertThat(result.chain().valid()).isFalse();
    }

    @Test
    @DisplayName("record.json names a sequence that belongs to another record")
    void foreignSequence() throws Exception {
      packOfBobsAdmin();
      long foreign = world.bobRead.timeline().get(0).seq();
      rewriteSequences(List.of(world.bobAdmin.timeline().get(0).seq(), foreign));

      PackVerification result = EvidencePack.verify(dir, key);

      assertThat(result.valid()).isFalse();
      assertThat(result.chain().valid()).isTrue();
      assertThat(result.reason())
          .isEqualTo(
              "event "
                  + foreign
                  + " belongs to record "
                  + world.bobRead.id().value()
                  + ", not "
                  + world.bobAdmin.id().value());
    }

    @Test
    @DisplayName("record.json leaves out one of the record's events")
    void hiddenEvent() throws Exception {
      EvidencePack pack = packOfBobsAdmin();
      List<Long> shown = pack.sequences().subList(0, pack.sequences().size() - 1);
      long hidden = pack.sequences().get(pack.sequences().size() - 1);
      rewriteSequences(shown);

      PackVerification result = EvidencePack.verify(dir, key);

      assertThat(result.valid()).isFalse();
      assertThat(result.reason())
          .isEqualTo(
              "event "
                  + hidden
                  + " of record "
                  + world.bobAdmin.id().value()
                  + " is not listed in record.json");
    }

    @Test
    @DisplayName("record.json names a sequence past the end of the chain")
    void missingSequence() throws Exception {
      EvidencePack pack = packOfBobsAdmin();
      long past = world.access.evidence().size() + 5;
      List<Long> listed = new java.util.ArrayList<>(pack.sequences());
      listed.add(past);
      rewriteSequences(listed);

      PackVerification result = EvidencePack.verify(dir, key);

      assertThat(result.valid()).isFalse();
      assertThat(result.reason()).endsWith("lists events not in the chain: [" + past + "]");
    }

    @Test
    @DisplayName("record.json lists no event, or is missing")
    void emptyOrMissing() throws Exception {
      packOfBobsAdmin();
      rewriteSequences(List.of());
      assertThat(EvidencePack.verify(dir, key).reason())
          .startsWith("record.json lists no event of record ");

      Files.delete(dir.resolve(EvidencePack.RECORD));
      PackVerification result = EvidencePack.verify(dir, key);
      assertThat(result.valid()).isFalse();
      assertThat(result.reason()).isEqualTo("the pack has no record.json or campaign.json");
    }

    @Test
    @DisplayName("it is checked with another key than the one that signed it")
    void wrongKey() {
      packOfBobsAdmin();
      PublicKey other = CheckpointSigner.generate("someone-else").publicKey();

      PackVerification result = EvidencePack.verify(dir, other);

      assertThat(result.valid()).isFalse();
      assertThat(result.chain().valid()).isFalse();
    }

    @Test
    @DisplayName("an event's tlog-proof is missing, or is the proof of another event")
    void proofs() throws Exception {
      EvidencePack pack = packOfBobsAdmin();
      List<Long> seqs = pack.sequences();
      java.nio.file.Path proofs = dir.resolve(EvidencePack.PROOFS);
      assertThat(proofs.resolve(seqs.get(0) + ".tlog-proof")).exists();
      String first = Files.readString(proofs.resolve(seqs.get(0) + ".tlog-proof"));
      assertThat(dev.accessgov.evidence.TlogProof.parse(first).index()).isEqualTo(seqs.get(0) - 1);

      Files.writeString(proofs.resolve(seqs.get(1) + ".tlog-proof"), first);
      assertThat(EvidencePack.verify(dir, key).reason())
          .isEqualTo(
              "proofs/"
                  + seqs.get(1)
                  + ".tlog-proof does not prove event "
                  + seqs.get(1)
                  + " under a checkpoint signed by a trusted key");
      Files.delete(proofs.resolve(seqs.get(1) + ".tlog-proof"));
      assertThat(EvidencePack.verify(dir, key).reason())
          .isEqualTo(
              "the pack has no proofs/" + seqs.get(1) + ".tlog-proof for event " + seqs.get(1));
    }
  }

  @Nested
  @DisplayName("for a review campaign")
  class Campaign {
    private final ReportWorld governed = new ReportWorld().scripted().governed();
    private final PublicKey governedKey = governed.access.evidence().publicKey();

    private String campaignId() {
      return governed.access.reviews().campaigns().get(0).id().value();
    }

    @Test
    @DisplayName("holds every record the campaign decided on, with all their events, and verifies")
    void contents() throws Exception {
      EvidencePack pack = EvidencePack.forCampaign(governed.access, campaignId(), dir);

      assertThat(pack.campaignId()).isEqualTo(campaignId());
      assertThat(pack.records().keySet())
          .extracting(RecordId::value)
          .containsExactlyInAnyOrder(
              governed.bobRead.id().value(),
              governed
                  .access
                  .find(dev.accessgov.record.RecordQuery.all().subject("alice").role("github/read"))
                  .get(0)
                  .id()
                  .value());
      RecordId bob = governed.bobRead.id();
      assertThat(pack.records().get(bob))
          .containsExactlyElementsOf(
              governed.access.record(bob).timeline().stream().map(EvidenceEvent::seq).toList());
      assertThat(Files.readString(dir.resolve(EvidencePack.CAMPAIGN)))
          .contains("\"campaignId\" : \"" + campaignId() + "\"")
          .doesNotContain("\"walkthrough\"");
      assertThat(dir.resolve(EvidencePack.RECORD)).doesNotExist();

      PackVerification result = EvidencePack.verify(dir, governedKey);

      assertThat(result.valid()).as(result.reason()).isTrue();
      assertThat(result.campaignId()).isEqualTo(campaignId());
      assertThat(result.subject()).isEqualTo("campaign " + campaignId());
    }

    @Test
    @DisplayName("fails when one byte of an event changes, or a decision is left out")
    void tampered() throws Exception {
      EvidencePack pack = EvidencePack.forCampaign(governed.access, campaignId(), dir);
      Path manifest = dir.resolve(EvidencePack.CAMPAIGN);
      long last = pack.sequences().get(pack.sequences().size() - 1);
      String text = Files.readString(manifest);
      ObjectNode edited = (ObjectNode) new ObjectMapper().readTree(text);
      for (JsonNode record : edited.get("records")) {
        ArrayNode seqs = (ArrayNode) record.get("sequences");
        for (int i = seqs.size() - 1; i >= 0; i--) {
          if (seqs.get(i).asLong() == last) {
            seqs.remove(i);
          }
        }
      }
      Files.writeString(manifest, edited.toString());
      PackVerification hidden = EvidencePack.verify(dir, governedKey);
      assertThat(hidden.valid()).isFalse();
      assertThat(hidden.reason()).contains("event " + last + " of record ").contains("not listed");

      Files.writeString(manifest, text);
      Path events = dir.resolve(EvidenceExport.EVENTS);
      byte[] bytes = Files.readAllBytes(events);
      String lines = new String(bytes, StandardCharsets.UTF_8);
      int at = lines.indexOf("REVIEW_KEPT");
      bytes[at] = 'X';
      Files.write(events, bytes);
      PackVerification changed = EvidencePack.verify(dir, governedKey);
      assertThat(changed.valid()).isFalse();
      assertThat(changed.chain().firstBadSequence()).isPositive();
    }

    @Test
    @DisplayName("an unknown campaign is NotFound")
    void unknown() {
      assertThatThrownBy(() -> EvidencePack.forCampaign(governed.access, "rc-nope", dir))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("rc-nope");
    }
  }

  private void rewriteSequences(List<Long> sequences) throws Exception {
    Path manifest = dir.resolve(EvidencePack.RECORD);
    String text = Files.readString(manifest);
    String replaced =
        text.replaceAll(
            "(?s)\"sequences\" : \\[.*?\\]",
            "\"sequences\" : " + sequences.toString().replace(" ", ""));
    assertThat(replaced).isNotEqualTo(text);
    Files.writeString(manifest, replaced);
  }
}
