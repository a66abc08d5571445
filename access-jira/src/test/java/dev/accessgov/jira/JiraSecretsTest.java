package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The token never shows in logs, exceptions or toString, even when Jira refuses it. */
class JiraSecretsTest {
  @Test
  @DisplayName("a refused credential is logged without the token or the Authorization header")
  void tokenNeverLogged() {
    String token = "never-log-this-token-0042";
    String basic =
        Base64.getEncoder()
            .encodeToString((JiraEmulator.EMAIL + ":" + token).getBytes(StandardCharsets.UTF_8));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (JiraEmulator emulator = new JiraEmulator()) {
      String key = emulator.existingIssue("target");
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try (JiraTicketing jira =
          Fixtures.jira(emulator).basicAuth(JiraEmulator.EMAIL, () -> token).build()) {
        jira.transition(new TicketRef(jira.id(), key), RecordState.ACTIVE);
        assertThat(jira.flush(Fixtures.SETTLED)).isTrue();
        assertThat(jira.dropped()).isEqualTo(1);
        assertThat(jira.toString()).doesNotContain(token);
      } finally {
        System.setErr(err);
      }
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("401").doesNotContain(token).doesNotContain(basic);
  }
}
