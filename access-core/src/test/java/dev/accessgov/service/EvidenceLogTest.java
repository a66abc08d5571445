package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.record.AccessRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("the service's evidence log")
class EvidenceLogTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  private void someActivity() {
    AccessRecord admin =
        access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
    access.grant(request("github/read").build());
    access.revoke(admin.id(), CAROL, "done");
  }

  /** The root of the first {@code size} events, recomputed from the events themselves. */
  private byte[] recomputedRoot(long size) {
    LogTree tree = LogTree.empty();
    access.evidence().read(1, (int) size).forEach(e -> tree.append(Merkle.leafHash(e)));
    return tree.root();
  }

  @Test
  @DisplayName("a checkpoint signs the Merkle root of the log and verifies with the public key")
  void checkpoint() {
    someActivity();
    Checkpoint c = access.evidence().checkpoint();
    assertThat(c.size()).isEqualTo(access.evidence().size());
    assertThat(c.root()).isEqualTo(recomputedRoot(c.size()));
    assertThat(c.origin()).isEqualTo("test-key");
    assertThat(c.trust(List.of(f.signer.publicKey()))).isEqualTo(Checkpoint.Trust.TRUSTED);
    assertThat(access.evidence().checkpoints()).containsExactly(c);
    VerificationResult result = access.evidence().verify();
    assertThat(result.valid()).isTrue();
    assertThat(result.eventsChecked()).isEqualTo(c.size());
    assertThat(result.checkpointsChecked()).as("verify signs the head first").isEqualTo(2);
  }

  @Test
  @DisplayName("proves every event under a checkpoint, and that the log only grew between two")
  void proofs() {
    someActivity();
    Checkpoint first = access.evidence().checkpoint();
    access.approve(access.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "again");
    Checkpoint second = access.evidence().checkpoint();

    for (long seq = 1; seq <= second.size(); seq++) {
      byte[] leaf = Merkle.leafHash(access.evidence().read(seq, 1).get(0));
      assertThat(access.evidence().inclusionProof(seq, second.size()).verify(leaf, second.root()))
          .as("event %d", seq)
          .isTrue();
      if (seq <= first.size()) {
        assertThat(access.evidence().inclusionProof(seq, first.size()).verify(leaf, first.root()))
            .isTrue();
      }
    }
    assertThat(
            access
                .evidence()
                .consistencyProof(first.size(), second.size())
                .verify(first.root(), second.root()))
        .isTrue();
    assertThatThrownBy(() -> access.evidence().inclusionProof(1, second.size() + 1))
        .isInstanceOf(dev.accessgov.InvalidRequestException.class)
        .hasMessageContaining("log's size");
  }

  @Test
  @DisplayName("an export verifies offline with the auditor's copy of the public key")
  void exportVerifiesOffline(@TempDir Path dir) {
    someActivity();
    access.evidence().export(dir);
    VerificationResult result = EvidenceVerifier.verify(dir, f.signer.publicKey());
    assertThat(result.valid()).as("%s", result).isTrue();
    assertThat(result.eventsChecked()).isEqualTo(access.evidence().size());
  }

  @Test
  @DisplayName("an export with one event edited fails at that event's sequence number")
  void editedExportFails(@TempDir Path dir) throws Exception {
    someActivity();
    access.evidence().export(dir);
    Path events = dir.resolve(EvidenceExport.EVENTS);
    List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
    lines.set(2, lines.get(2).replace("olivia", "mallory"));
    Files.write(events, lines, StandardCharsets.UTF_8);
    VerificationResult result = EvidenceVerifier.verify(dir, f.signer.publicKey());
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBadSequence()).isEqualTo(3);
  }

  @Test
  @DisplayName("an export checked against another key fails")
  void wrongKeyFails(@TempDir Path dir) {
    someActivity();
    access.evidence().export(dir);
    VerificationResult result =
        EvidenceVerifier.verify(
            dir, dev.accessgov.evidence.CheckpointSigner.generate("other").publicKey());
    assertThat(result.valid()).isFalse();
  }

  @Test
  @DisplayName("without a signer, checkpoints and exports are refused with a configuration error")
  void needsSigner(@TempDir Path dir) {
    AccessService unsigned =
        AccessService.builder()
            .catalog(f.catalog)
            .identityProvider(f.idp)
            .peopleDirectory(f.people)
            .clock(f.clock)
            .build();
    unsigned.grant(request("github/read").build());
    assertThatThrownBy(() -> unsigned.evidence().checkpoint())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("checkpointSigner");
    assertThatThrownBy(() -> unsigned.evidence().export(dir))
        .isInstanceOf(AccessConfigurationException.class);
  }

  @Test
  @DisplayName("an empty log is checkpointed as the empty tree, and verifies")
  void emptyLog() {
    Checkpoint c = access.evidence().checkpoint();

    assertThat(c.size()).isZero();
    assertThat(c.root()).isEqualTo(Merkle.emptyRoot());
    assertThat(access.evidence().verify().valid()).isTrue();
  }

  @Test
  @DisplayName("export and verify hold to the checkpoint they sign while others keep writing")
  void writerRacesExport(@TempDir Path dir) {
    // Another writer appends right after each checkpoint is stored, before the log is read.
    InMemoryAccessStore inner = new InMemoryAccessStore();
    ForwardingAccessStore racing =
        new ForwardingAccessStore(inner) {
          @Override
          public void saveCheckpoint(Checkpoint checkpoint) {
            super.saveCheckpoint(checkpoint);
            inner.appendEvidence(
                EvidenceDraft.of(
                    "rc-racing",
                    EvidenceType.RECONCILED,
                    "system:other",
                    f.clock.instant(),
                    Map.of()));
          }
        };
    AccessService raced = f.builder().store(racing).build();
    raced.grant(request("github/read").build());

    raced.evidence().export(dir);
    VerificationResult exported = EvidenceVerifier.verify(dir, f.signer.publicKey());
    VerificationResult live = raced.evidence().verify();

    assertThat(exported.valid()).as("%s", exported).isTrue();
    assertThat(live.valid()).as("%s", live).isTrue();
    assertThat(raced.evidence().size()).isGreaterThan(exported.eventsChecked());
  }
}
