package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

  @Test
  @DisplayName("a checkpoint signs the current head and verifies with the signer's public key")
  void checkpoint() {
    someActivity();
    Checkpoint c = access.evidence().checkpoint();
    assertThat(c.size()).isEqualTo(access.evidence().size());
    assertThat(c.headHash()).isEqualTo(access.evidence().read(c.size(), 1).get(0).hash());
    assertThat(c.keyId()).isEqualTo("test-key");
    assertThat(access.evidence().checkpoints()).containsExactly(c);
    VerificationResult result = access.evidence().verify();
    assertThat(result.valid()).isTrue();
    assertThat(result.eventsChecked()).isEqualTo(c.size());
    assertThat(result.checkpointsChecked()).isEqualTo(1);
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
  @DisplayName("an empty chain has nothing to checkpoint")
  void emptyChain() {
    assertThatThrownBy(() -> access.evidence().checkpoint())
        .isInstanceOf(StateConflictException.class);
    assertThat(access.evidence().size()).isZero();
  }
}
