package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.google.emulator.ServiceAccountKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoogleIdentityProviderBuilderTest {
  private static ServiceAccountKey key;

  @BeforeAll
  static void key() {
    key = new ServiceAccountKey("https://oauth2.googleapis.com/token");
  }

  private static GoogleIdentityProviderBuilder valid() {
    return GoogleIdentityProvider.builder()
        .serviceAccountKey(key::json)
        .delegatedAdmin("admin@example.com");
  }

  @Test
  @DisplayName("builds with a key and an admin, without any network call")
  void buildsOffline() {
    assertThat(valid().build().id()).isEqualTo("google");
  }

  @Test
  @DisplayName("refuses an http root URL unless allowed for tests, and adds the trailing slash")
  void refusesHttp() {
    assertThatThrownBy(() -> valid().rootUrl("http://admin.googleapis.com/").build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("https");
    assertThat(
            valid()
                .rootUrl("http://127.0.0.1:1")
                .client(c -> c.allowInsecureHttpForTests(true))
                .build())
        .hasToString(
            "GoogleIdentityProvider[google, http://127.0.0.1:1/, serviceAccount "
                + ServiceAccountKey.CLIENT_EMAIL
                + " as admin@example.com]");
  }

  @Test
  @DisplayName("needs exactly one credential and a delegated admin e-mail")
  void credentialAndAdmin() {
    assertThatThrownBy(() -> GoogleIdentityProvider.builder().delegatedAdmin("a@b.com").build())
        .hasMessageContaining("exactly one credential");
    assertThatThrownBy(() -> GoogleIdentityProvider.builder().serviceAccountKey(key::json).build())
        .hasMessageContaining("delegatedAdmin is not set");
    assertThatThrownBy(() -> valid().delegatedAdmin("admin").build())
        .hasMessageContaining("'admin' is no e-mail");
  }

  @Test
  @DisplayName("an unreadable key is a configuration error that does not quote the key")
  void badKey() {
    String broken = key.json().replace("service_account", "authorized_user");
    assertThatThrownBy(() -> valid().serviceAccountKey(() -> broken).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("service-account key could not be read")
        .message()
        .doesNotContain(key.privateKeyFragment());
    assertThatThrownBy(() -> valid().serviceAccountKey(() -> " ").build())
        .hasMessageContaining("returned nothing");
  }

  @Test
  @DisplayName("checks numbers and says what would be accepted")
  void checksNumbers() {
    assertThatThrownBy(() -> valid().pageSize(201).build()).hasMessageContaining("1 to 200");
    assertThatThrownBy(() -> valid().client(c -> c.maxAttempts(0)).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> valid().requestsPerMinute(-1).build())
        .hasMessageContaining("0 (no pacing)");
    assertThatThrownBy(() -> valid().domain("@example.com").build())
        .hasMessageContaining("not a domain");
  }

  @Test
  @DisplayName("never shows the key")
  void redacts() {
    assertThat(valid().build().toString()).doesNotContain(key.privateKeyFragment());
    assertThat(key.toString()).doesNotContain(key.privateKeyFragment());
  }
}
