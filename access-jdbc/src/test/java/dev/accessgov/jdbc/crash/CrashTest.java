package dev.accessgov.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness in the default suite. {@code -Dcrash.kills=500} runs the long version (see the
 * README); {@code -Dcrash.seed=…} repeats a run.
 */
@DisplayName("a process killed with SIGKILL in the middle of its work")
class CrashTest {
  @TempDir Path dir;

  @Test
  @DisplayName("loses no returned call, and recovery leaves records and IdP agreeing (embedded)")
  void embeddedStoreSurvivesSigkill() throws Exception {
    // 30 kills keep the whole suite within 15 minutes on a busy 2-core CI machine.
    int kills = Integer.getInteger("crash.kills", 30);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    String store = System.getProperty("crash.store", "embedded");
    CrashHarness.Figures figures = new CrashHarness(store, dir, seed).run(kills);
    System.out.println("crash harness, " + store + " store, seed " + seed + ": " + figures);
    assertThat(figures.violations()).as("seed %d: %s", seed, figures).isEmpty();
    assertThat(figures.operations()).as("calls that returned").isGreaterThan(kills);
    assertThat(figures.recovered()).as("records finished by recover()").isPositive();
  }
}
