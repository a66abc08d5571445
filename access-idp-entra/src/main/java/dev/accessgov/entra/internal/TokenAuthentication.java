package dev.accessgov.entra.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import dev.accessgov.AccessConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Puts a bearer token from a {@link TokenCredential} on each Graph request, and only on requests to
 * the configured Graph host: a {@code nextLink} or batch URL naming another host never receives the
 * token. Unlike the SDK's Azure provider it accepts http for a local emulator; the builder decides
 * whether http is allowed at all. Not API.
 */
final class TokenAuthentication implements AuthenticationProvider {
  private final TokenCredential credential;
  private final TokenRequestContext context;
  private final String host;

  TokenAuthentication(TokenCredential credential, String scope, String host) {
    this.credential = credential;
    this.context = new TokenRequestContext().addScopes(scope);
    this.host = host;
  }

  @Override
  public void authenticateRequest(
      RequestInformation request, @Nullable Map<String, Object> additionalContext) {
    URI uri;
    try {
      uri = request.getUri();
    } catch (URISyntaxException | IllegalStateException e) {
      throw new IllegalArgumentException("Graph request URL is not a URL", e);
    }
    if (!host.equalsIgnoreCase(uri.getHost())) {
      throw new IllegalArgumentException(
          "refusing to send the Graph token to " + uri.getHost() + "; only " + host + " gets it");
    }
    request.headers.tryAdd("Authorization", "Bearer " + token().getToken());
  }

  private AccessToken token() {
    long left = GraphTransport.millisLeft();
    try {
      // Bounded by the operation's budget: azure-identity's own waits are not.
      AccessToken token =
          left == Long.MAX_VALUE
              ? credential.getTokenSync(context)
              : credential.getToken(context).block(Duration.ofMillis(Math.max(1, left)));
      if (token == null) {
        throw new TokenUnavailableException("the credential returned no token", null);
      }
      return token;
    } catch (ClientAuthenticationException | AccessConfigurationException e) {
      throw e; // the credential was refused or is missing: typed by the caller, not retried
    } catch (RuntimeException e) {
      throw new TokenUnavailableException(
          "no token from Entra ID (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
