package dev.accessgov.jira;

import dev.accessgov.jira.emulator.JiraEmulator;
import java.net.URI;
import java.time.Duration;

/** Providers wired to an emulator with test-sized waits. */
final class Fixtures {
  private Fixtures() {}

  /**
   * A builder for the emulator's site, project and credential, with millisecond backoffs and
   * timeouts no healthy run reaches.
   */
  static JiraTicketingBuilder jira(JiraEmulator emulator) {
    return site(emulator).basicAuth(JiraEmulator.EMAIL, () -> JiraEmulator.TOKEN);
  }

  /** {@link #jira} without a credential, for a test that tells two processes apart by theirs. */
  static JiraTicketingBuilder site(JiraEmulator emulator) {
    return JiraTicketing.builder()
        .baseUrl(emulator.baseUrl())
        .allowInsecureHttpForTests(true)
        .project(JiraEmulator.PROJECT)
        .recordUrl(id -> URI.create("https://access.example.com/records/" + id))
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(40))
        // Liveness bounds only: the emulator answers at once, but a busy 2-core machine can
        // take seconds, and a 2 s open timeout turned ticket keys provisional there.
        .totalTimeout(Duration.ofSeconds(60))
        .requestTimeout(Duration.ofSeconds(30))
        .openTimeout(Duration.ofSeconds(30))
        .resolution("Done");
  }
}
