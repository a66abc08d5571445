package dev.accessgov.jira;

import dev.accessgov.jira.emulator.JiraEmulator;
import java.net.URI;
import java.time.Duration;

/** Providers wired to an emulator with test-sized waits. */
final class Fixtures {
  private Fixtures() {}

  /** A builder for the emulator's site, project and credential, with millisecond backoffs. */
  static JiraTicketingBuilder jira(JiraEmulator emulator) {
    return JiraTicketing.builder()
        .baseUrl(emulator.baseUrl())
        .allowInsecureHttpForTests(true)
        .basicAuth(JiraEmulator.EMAIL, () -> JiraEmulator.TOKEN)
        .project(JiraEmulator.PROJECT)
        .recordUrl(id -> URI.create("https://access.example.com/records/" + id))
        .maxAttempts(3)
        .initialBackoff(Duration.ofMillis(5))
        .maxBackoff(Duration.ofMillis(40))
        .totalTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofSeconds(2))
        .openTimeout(Duration.ofSeconds(2))
        .resolution("Done");
  }
}
