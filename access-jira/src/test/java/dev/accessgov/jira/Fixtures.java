package dev.accessgov.jira;

import dev.accessgov.jira.emulator.JiraEmulator;
import java.net.URI;
import java.time.Duration;

/** Providers wired to an emulator with test-sized waits. */
final class Fixtures {
  /**
   * How long a test waits for the outbox to settle: the emulator answers at once, so only a hang
   * reaches it, however busy the machine is.
   */
  static final Duration SETTLED = Duration.ofMinutes(2);

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
    return common(emulator).project(JiraEmulator.PROJECT);
  }

  /**
   * {@link #jira} in service-desk mode: JSM requests of the emulator's desk, of a request type
   * without a labels field, as most portal request types are.
   */
  static JiraTicketingBuilder jsm(JiraEmulator emulator) {
    return jsm(emulator, JiraEmulator.REQUEST_TYPE);
  }

  /** {@link #jsm} with this request type. */
  static JiraTicketingBuilder jsm(JiraEmulator emulator, String requestType) {
    return common(emulator)
        .serviceDesk(JiraEmulator.SERVICE_DESK, requestType)
        .basicAuth(JiraEmulator.EMAIL, () -> JiraEmulator.TOKEN);
  }

  private static JiraTicketingBuilder common(JiraEmulator emulator) {
    return JiraTicketing.builder()
        .baseUrl(emulator.baseUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .recordUrl(id -> URI.create("https://access.example.com/records/" + id))
        .client(
            c ->
                c.maxAttempts(3)
                    .initialBackoff(Duration.ofMillis(5))
                    .maxBackoff(Duration.ofMillis(40)))
        // Liveness bounds only: the emulator answers at once, but a busy 2-core machine can
        // take seconds, and a 2 s open timeout turned ticket keys provisional there.
        .client(c -> c.totalTimeout(Duration.ofMinutes(2)).requestTimeout(Duration.ofMinutes(1)))
        .openTimeout(Duration.ofMinutes(2))
        .resolution("Done");
  }
}
