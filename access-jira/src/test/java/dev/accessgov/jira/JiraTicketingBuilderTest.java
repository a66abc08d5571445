package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Configuration mistakes fail at build, naming what to fix; secrets never show. */
class JiraTicketingBuilderTest {
  private static final String SECRET = "super-secret-api-token-42";

  private static JiraTicketingBuilder valid() {
    return JiraTicketing.builder()
        .baseUrl("https://example.atlassian.net")
        .basicAuth("bot@example.com", () -> SECRET)
        .project("ACCESS");
  }

  private static void refused(UnaryOperator<JiraTicketingBuilder> change, String message) {
    assertThatThrownBy(() -> change.apply(valid()).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining(message);
  }

  @Test
  @DisplayName("a site URL, the OAuth form with a cloud id, and a service desk are accepted")
  void acceptsValidConfigurations() {
    try (JiraTicketing jira = valid().build()) {
      assertThat(jira.id()).isEqualTo("jira");
      assertThat(jira.toString()).doesNotContain(SECRET);
    }
    try (JiraTicketing jira =
        JiraTicketing.builder()
            .baseUrl("https://api.atlassian.com/ex/jira/11223344-a1b2-3b33-c444-def123456789")
            .bearerToken(() -> SECRET)
            .serviceDesk("4", "17")
            .build()) {
      assertThat(jira.toString()).contains("api.atlassian.com").doesNotContain(SECRET);
    }
  }

  @Test
  @DisplayName("each mistake is refused with a message that says what to fix")
  void refusesMistakes() {
    refused(
        b -> JiraTicketing.builder().project("ACCESS").basicAuth("a@b.c", () -> SECRET),
        "baseUrl is not set");
    refused(b -> b.baseUrl("http://example.atlassian.net"), "must use https");
    refused(b -> b.baseUrl("https://example.atlassian.net/jira/software"), "unexpected path");
    refused(b -> b.bearerToken(() -> SECRET), "exactly one credential");
    refused(b -> b.basicAuth("not-an-email", () -> SECRET), "not an e-mail");
    refused(b -> b.serviceDesk("1", "2"), "exactly one place for issues");
    refused(b -> b.project("access"), "not a project key");
    refused(b -> b.client(c -> c.maxAttempts(0)), "maxAttempts must be at least 1");
    refused(b -> b.client(c -> c.initialBackoff(Duration.ZERO)), "initialBackoff must be positive");
    refused(b -> b.client(c -> c.maxBackoff(Duration.ofMillis(1))), "shorter than initialBackoff");
    refused(b -> b.openTimeout(Duration.ofSeconds(-1)), "openTimeout must be positive");
    refused(b -> b.id(" "), "id is blank");
    assertThatThrownBy(
            () ->
                JiraTicketing.builder()
                    .baseUrl("https://example.atlassian.net")
                    .bearerToken(() -> SECRET)
                    .serviceDesk("desk", "x")
                    .build())
        .hasMessageContaining("must be numeric");
  }

  /**
   * The JDK HttpClient's own logging ({@code jdk.httpclient.HttpClient.log}, java.net.http module
   * documentation) writes every request header, the {@code Authorization} header included, when it
   * logs {@code headers} (or {@code all}): JiraSecretsTest saw the token in it. The other
   * categories do not show it.
   */
  @Test
  @DisplayName("the JDK HttpClient logging request headers is refused: it would log the token")
  void refusesJdkHeaderLogging() {
    String property = "jdk.httpclient.HttpClient.log";
    String before = System.getProperty(property);
    try {
      for (String value : java.util.List.of("headers", "errors,Headers", "all", " ALL ")) {
        System.setProperty(property, value);
        assertThatThrownBy(() -> valid().build())
            .isInstanceOf(AccessConfigurationException.class)
            .hasMessageContaining(property)
            .hasMessageContaining("headers")
            .hasMessageNotContaining(SECRET);
      }
      System.setProperty(property, "errors,requests,frames:all,content,ssl,trace,channel");
      valid().build().close();
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }
}
