package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.evidence.EvidenceExport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shaded jar as an auditor would, {@code java -jar}, in a child process. Bound to the
 * integration-test phase, after the package phase built the jar; its path comes in the system
 * property {@code access.cli.jar}.
 */
@DisplayName("The shaded access-cli jar, run with java -jar,")
class AccessCliJarTest {
  @TempDir Path dir;

  private static CliWorld.Run java(String... args) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("access.cli.jar", "target/missing.jar"));
    assertThat(jar).as("the shaded jar; run 'mvn verify', which builds it first").isRegularFile();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // The outputs are small; reading them after exit cannot fill a pipe.
    // A liveness bound: a JVM starting on a busy machine may take many seconds, never minutes.
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("exited in time").isTrue();
    return new CliWorld.Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("prints its help and exits 0")
  void help() throws Exception {
    CliWorld.Run run = java("--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).startsWith("Usage: access-cli").contains("Exit status:");
    assertThat(run.err()).isEmpty();
  }

  @Test
  @DisplayName("verifies an export, fails it once tampered, and reports from the embedded store")
  void verifyAndReport() throws Exception {
    CliWorld world = new CliWorld(dir);

    CliWorld.Run ok =
        java("verify", world.export.toString(), "--public-key", world.publicKey.toString());
    Path events = world.export.resolve(EvidenceExport.EVENTS);
    Files.writeString(
        events, Files.readString(events).replaceFirst("left the team", "left the tean"));
    CliWorld.Run bad =
        java("verify", world.export.toString(), "--public-key", world.publicKey.toString());
    CliWorld.Run report = java("report", "access", "--store", world.store.toString(), "-f", "csv");

    assertThat(ok.exit()).isZero();
    assertThat(ok.out()).startsWith("OK: evidence export in ");
    assertThat(bad.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(bad.out()).startsWith("FAILED: evidence chain broken at sequence ");
    // Flyway, H2 and HikariCP work from the one jar: their service files were merged.
    assertThat(report.err()).isEmpty();
    assertThat(report.exit()).isZero();
    assertThat(report.out()).contains("github/admin");
  }
}
