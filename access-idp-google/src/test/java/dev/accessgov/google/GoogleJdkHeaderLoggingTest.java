package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.retry.JdkHttpLogging;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The JDK HttpClient under the Directory transport logs every request header, the bearer token
 * included, when {@code jdk.httpclient.HttpClient.log} names {@code headers} or {@code all}; the
 * provider refuses to start then, as access-jira does.
 */
class GoogleJdkHeaderLoggingTest {

  @Test
  @DisplayName("the JDK HttpClient logging request headers is refused: it would log the token")
  void refusesJdkHeaderLogging() {
    String before = System.getProperty(JdkHttpLogging.PROPERTY);
    try (GoogleEmulator google = new GoogleEmulator()) {
      ServiceAccountKey key = new ServiceAccountKey(google.tokenUri());
      for (String value : java.util.List.of("headers", "errors,Headers", " ALL ")) {
        System.setProperty(JdkHttpLogging.PROPERTY, value);
        assertThatThrownBy(() -> Emulated.provider(google, key).build())
            .isInstanceOf(AccessConfigurationException.class)
            .hasMessageContaining(JdkHttpLogging.PROPERTY)
            .hasMessageContaining("Google credential");
      }
      System.setProperty(JdkHttpLogging.PROPERTY, "errors,requests");
      Emulated.provider(google, key).build();
    } finally {
      if (before == null) {
        System.clearProperty(JdkHttpLogging.PROPERTY);
      } else {
        System.setProperty(JdkHttpLogging.PROPERTY, before);
      }
    }
  }
}
