package dev.accessgov.entra.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.accessgov.AccessConfigurationException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class RotatingCredentialTest {
  private static final TokenRequestContext GRAPH =
      new TokenRequestContext().addScopes("https://graph.microsoft.com/.default");

  @Test
  @DisplayName("builds a new credential when the secret rotates, and only then")
  void rotates() {
    AtomicReference<String> secret = new AtomicReference<>("first-s3cr3t");
    List<String> built = new ArrayList<>();
    RotatingCredential credential =
        new RotatingCredential(
            "clientSecret app",
            secret::get,
            s -> {
              built.add(s);
              return fixed("token-for-" + s);
            });
    assertThat(credential.getTokenSync(GRAPH).getToken()).isEqualTo("token-for-first-s3cr3t");
    assertThat(credential.getTokenSync(GRAPH).getToken()).isEqualTo("token-for-first-s3cr3t");
    secret.set("second-s3cr3t");
    assertThat(credential.getToken(GRAPH).block().getToken()).isEqualTo("token-for-second-s3cr3t");
    assertThat(built).containsExactly("first-s3cr3t", "second-s3cr3t");
    assertThat(credential.toString()).contains("clientSecret app").doesNotContain("s3cr3t");
  }

  @Test
  @DisplayName("a supplier returning nothing is a configuration error that says where to look")
  void emptySecret() {
    RotatingCredential credential =
        new RotatingCredential("certificate app", () -> " ", s -> fixed("unused"));
    assertThatThrownBy(() -> credential.getTokenSync(GRAPH))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("supplier returned nothing");
  }

  private static TokenCredential fixed(String token) {
    AccessToken access = new AccessToken(token, OffsetDateTime.now().plusHours(1));
    return request -> Mono.just(access);
  }
}
