package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.emulator.SlackEmulator;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wiring the javadoc shows: a runtime on the JDBC store owns and closes the notifications. */
class SlackRuntimeTest {
  private final SlackEmulator slack = new SlackEmulator();

  @AfterEach
  void conforms() {
    try {
      assertThat(slack.violations()).isEmpty();
    } finally {
      slack.close();
    }
  }

  @Test
  @DisplayName(
      "with AccessRuntime: started on the runtime's service, closed by the runtime before"
          + " its store")
  void runtimeOwnsIt(@TempDir Path dir) throws Exception {
    World names = new World(slack); // the company: catalog, people, Slack users
    names.close();
    JdbcAccessStore store = AccessStores.embedded(dir);
    SlackNotifications notifications =
        SlackNotifications.builder()
            .settings(
                SlackSettings.builder()
                    .botToken(() -> SlackEmulator.TOKEN)
                    .apiUrl(slack.methodsUrl())
                    .client(c -> c.allowInsecureHttpForTests(true).clock(names.clock))
                    .build())
            .catalog(names.catalog)
            .people(names.people)
            .outbox(store.outbox("slack"))
            .build();
    AccessRuntime runtime =
        AccessRuntime.builder(
                AccessService.builder()
                    .catalog(names.catalog)
                    .identityProvider(names.idp)
                    .peopleDirectory(names.people)
                    .store(store)
                    .clock(names.clock)
                    .notifier(notifications)
                    .observer(notifications.observer()))
            .start();
    try (runtime) {
      notifications.start(runtime.service());
      AccessRecord r =
          runtime
              .service()
              .grant(
                  GrantRequest.builder()
                      .subject("bob")
                      .requester("alice")
                      .role("github/billing")
                      .reason("runtime")
                      .build());
      assertThat(notifications.flush(World.SETTLED)).isTrue();
      assertThat(slack.dmMessages(names.slackUser.get("carol")))
          .singleElement()
          .satisfies(m -> assertThat(m.buttonValues()).containsOnly(r.id().value()));
    }
    assertThat(notifications.flush(Duration.ofMillis(1))).isFalse();
  }
}
