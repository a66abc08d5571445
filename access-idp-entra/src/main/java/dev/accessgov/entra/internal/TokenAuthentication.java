package dev.accessgov.entra.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import java.net.URI;
import java.net.URISyntaxException;
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
    AccessToken token = credential.getTokenSync(context);
    request.headers.tryAdd("Authorization", "Bearer " + token.getToken());
  }
}
