package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OktaIdentityProviderBuilderTest {
  private static OktaIdentityProviderBuilder valid() {
    return OktaIdentityProvider.builder()
        .orgUrl("https://example.okta.com")
        .apiToken(() -> "s3cr3t-token");
  }

  @Test
  @DisplayName("refuses an http org URL unless allowed for tests")
  void refusesHttp() {
    assertThatThrownBy(() -> valid().orgUrl("http://example.okta.com").build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("https");
    valid()
        .orgUrl("http://127.0.0.1:1")
        .client(c -> c.allowInsecureHttpForTests(true))
        .build()
        .close();
  }

  @Test
  @DisplayName("refuses the admin console URL, paths, and a missing org URL")
  void refusesBadUrls() {
    assertThatThrownBy(() -> valid().orgUrl("https://example-admin.okta.com").build())
        .hasMessageContaining("-admin");
    assertThatThrownBy(() -> valid().orgUrl("https://example.okta.com/api/v1").build())
        .hasMessageContaining("path");
    assertThatThrownBy(() -> OktaIdentityProvider.builder().apiToken(() -> "t").build())
        .hasMessageContaining("orgUrl");
  }

  @Test
  @DisplayName("needs exactly one credential")
  void exactlyOneCredential() {
    assertThatThrownBy(() -> OktaIdentityProvider.builder().orgUrl("https://e.okta.com").build())
        .hasMessageContaining("exactly one credential");
    assertThatThrownBy(
            () -> valid().serviceApp("0oa1", () -> "key", null, List.of("okta.users.read")).build())
        .hasMessageContaining("exactly one credential");
  }

  @Test
  @DisplayName("checks numbers and says what would be accepted")
  void checksNumbers() {
    assertThatThrownBy(() -> valid().pageSize(0).build()).hasMessageContaining("1 to 1000");
    assertThatThrownBy(() -> valid().client(c -> c.maxAttempts(0)).build())
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> valid().slowDownBelow(1.5).build()).hasMessageContaining("[0, 1)");
  }

  @Test
  @DisplayName("never shows the secret")
  void redacts() {
    try (OktaIdentityProvider okta = valid().build()) {
      assertThat(okta.toString()).contains("example.okta.com").doesNotContain("s3cr3t");
    }
  }
}
