package dev.accessgov.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ClientSettings: one value for how every provider talks to its vendor")
class ClientSettingsTest {

  @Test
  @DisplayName("a builder changes what it is told and keeps the rest, from defaults or a value")
  void buildsAndKeeps() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
    ClientSettings base = ClientSettings.defaults();
    ClientSettings changed =
        base.toBuilder().maxAttempts(8).totalTimeout(Duration.ofMinutes(3)).clock(fixed).build();

    assertThat(changed.retry().maxAttempts()).isEqualTo(8);
    assertThat(changed.retry().totalTimeout()).isEqualTo(Duration.ofMinutes(3));
    assertThat(changed.clock()).isEqualTo(fixed);
    assertThat(changed.retry().initialBackoff()).isEqualTo(base.retry().initialBackoff());
    assertThat(changed.requestTimeout()).isEqualTo(base.requestTimeout());
    assertThat(changed.allowInsecureHttpForTests()).isFalse();
    assertThat(changed.toBuilder().build()).isEqualTo(changed);
  }

  @Test
  @DisplayName("out-of-bounds settings are refused naming the setting, at build")
  void refusesBadValues() {
    assertThatThrownBy(() -> ClientSettings.builder().maxAttempts(0).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("maxAttempts must be at least 1");
    assertThatThrownBy(() -> ClientSettings.builder().requestTimeout(Duration.ZERO).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(() -> ClientSettings.builder().maxBackoff(Duration.ofMillis(1)).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("shorter than initialBackoff");
    assertThatThrownBy(() -> ClientSettings.builder().clock(null).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("clock");
  }

  @Test
  @DisplayName("endpoints: https, http only when allowed for tests, a URL with a host")
  void endpoints() {
    ClientSettings strict = ClientSettings.defaults();
    ClientSettings tests = strict.toBuilder().allowInsecureHttpForTests(true).build();

    assertThat(strict.endpoint("Okta", "orgUrl", " https://a.okta.com ", "e").getHost())
        .isEqualTo("a.okta.com");
    assertThatThrownBy(() -> strict.endpoint("Okta", "orgUrl", "http://127.0.0.1:1", "e"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessage(
            "Okta orgUrl 'http://127.0.0.1:1' must use https; http is accepted only with"
                + " allowInsecureHttpForTests(true)");
    assertThat(tests.endpoint("Okta", "orgUrl", "http://127.0.0.1:1", "e").getPort()).isEqualTo(1);
    assertThatThrownBy(() -> tests.endpoint("Jira", "baseUrl", "ftp://x", "e"))
        .hasMessageContaining("must use https");
    assertThatThrownBy(() -> strict.endpoint("Jira", "baseUrl", "not a url", "https://x"))
        .hasMessage("Jira baseUrl 'not a url' is not a URL; expected e.g. https://x");
    assertThatThrownBy(() -> strict.endpoint("Jira", "baseUrl", "example.com", "https://x"))
        .hasMessageContaining("has no host");
  }
}
