package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.EvidenceIntegrityException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.spi.CheckpointSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: checkpoints are published outside the store, and a store cut back or rewritten behind
 * the service's back is caught against them: the service refuses to sign over it, and verify()
 * fails it.
 */
@DisplayName("checkpoints published outside the store")
class CheckpointSinkTest {
  @TempDir Path dir;
  private final Fixture f = new Fixture();

  private AccessService service(InMemoryAccessStore store, Path published) {
    return f.builder().store(store).checkpointSink(CheckpointSink.directory(published)).build();
  }

  private static void grants(AccessService access, String... roles) {
    for (String role : roles) {
      access.grant(request(role).build());
    }
  }

  @Test
  @DisplayName("each checkpoint is a file of its signed note, and latest.checkpoint the latest")
  void publishes() throws IOException {
    Path published = dir.resolve("published");
    AccessService access = service(new InMemoryAccessStore(), published);
    grants(access, "github/read");
    Checkpoint first = access.evidence().checkpoint();
    grants(access, "finance/ledger");
    Checkpoint second = access.evidence().checkpoint();

    try (Stream<Path> files = Files.list(published)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              first.size() + "-" + first.time().toEpochMilli() + ".checkpoint",
              second.size() + "-" + second.time().toEpochMilli() + ".checkpoint",
              "latest.checkpoint");
    }
    assertThat(Files.readString(published.resolve("latest.checkpoint"), StandardCharsets.UTF_8))
        .isEqualTo(second.note());
    assertThat(CheckpointSink.directory(published).latest()).contains(second);
  }

  @Test
  @DisplayName("a store cut back below the published checkpoint: no signing, verify FAILED")
  void cutBack() {
    Path published = dir.resolve("published");
    AccessService original = service(new InMemoryAccessStore(), published);
    grants(original, "github/read", "finance/ledger");
    Checkpoint signed = original.evidence().checkpoint();

    // The same application on a store holding only the first grant: the second was removed.
    AccessService cut = service(new InMemoryAccessStore(), published);
    grants(cut, "github/read");

    assertThatThrownBy(() -> cut.evidence().checkpoint())
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessageContaining("covered " + signed.size())
        .hasMessageContaining("events were removed");
    assertThat(cut.evidence().checkpoints()).as("nothing signed over the cut log").isEmpty();
    VerificationResult result = cut.evidence().verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.reason()).startsWith("log truncated: the trusted earlier checkpoint");
  }

  @Test
  @DisplayName("a store rewritten under the published checkpoint: no signing, verify FAILED")
  void rewritten() {
    Path published = dir.resolve("published");
    AccessService original = service(new InMemoryAccessStore(), published);
    grants(original, "github/read");
    Checkpoint signed = original.evidence().checkpoint();

    // Another history of the same length and more: the first events differ.
    AccessService other = service(new InMemoryAccessStore(), published);
    grants(other, "finance/ledger", "github/read");

    assertThatThrownBy(() -> other.evidence().checkpoint())
        .isInstanceOf(EvidenceIntegrityException.class)
        .hasMessageContaining("first " + signed.size() + " events")
        .hasMessageContaining("rewritten");
    assertThat(other.evidence().verify().valid()).isFalse();
  }

  @Test
  @DisplayName("checkpointIfDue signs when the log grew or the latest is maxAge old, else not")
  void heartbeat() {
    AccessService access = service(new InMemoryAccessStore(), dir.resolve("published"));
    Duration hour = Duration.ofHours(1);

    assertThat(access.evidence().checkpointIfDue(hour)).as("none yet").isPresent();
    assertThat(access.evidence().checkpointIfDue(hour)).as("nothing new").isEmpty();
    grants(access, "github/read");
    Checkpoint grown = access.evidence().checkpointIfDue(hour).orElseThrow();
    assertThat(grown.size()).isEqualTo(access.evidence().size());
    f.clock.advance(Duration.ofMinutes(59));
    assertThat(access.evidence().checkpointIfDue(hour)).as("59 minutes old").isEmpty();
    f.clock.advance(Duration.ofMinutes(1));
    Checkpoint beat = access.evidence().checkpointIfDue(hour).orElseThrow();
    assertThat(beat.size()).isEqualTo(grown.size());
    assertThat(beat.time()).isEqualTo(f.clock.instant());
    assertThat(access.evidence().checkpoints()).hasSize(3);
    assertThat(access.evidence().signs()).isTrue();
  }
}
