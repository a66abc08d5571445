package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.cli.CliWorld.Run;
import dev.accessgov.evidence.EvidenceExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 16: bad input, hostile evidence and hostile paths are refused or made harmless. */
@DisplayName("access-cli hardening")
class AccessCliHardeningTest {
  @TempDir Path dir;
  CliWorld world;

  @BeforeEach
  void setUp() throws IOException {
    world = new CliWorld(dir);
  }

  /** An error is one line on standard error, with no stack trace. */
  private static void oneLineError(Run run, int exit, String text) {
    assertThat(run.exit()).isEqualTo(exit);
    assertThat(run.err()).startsWith("access-cli: ").contains(text).doesNotContain("\tat ");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  @DisplayName("verify of an export without checkpoints.jsonl is an input error, exit 2")
  void exportWithoutCheckpoints() throws IOException {
    Files.delete(world.export.resolve(EvidenceExport.CHECKPOINTS));

    Run run =
        CliWorld.run("verify", world.export.toString(), "--public-key", world.publicKey.toString());

    oneLineError(run, ExitCodes.USAGE, EvidenceExport.CHECKPOINTS);
    assertThat(run.err()).doesNotContain("internal error");
  }
}
