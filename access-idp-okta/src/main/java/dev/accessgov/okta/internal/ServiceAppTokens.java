package dev.accessgov.okta.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Access tokens for an OAuth 2.0 service app: client credentials with a {@code private_key_jwt}
 * assertion signed by the app's RSA key, at the org's {@code /oauth2/v1/token} ("Implement OAuth
 * for Okta with a service app",
 * developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/). A token is reused until a
 * minute before it expires; the key is read from its supplier for every new assertion, so a rotated
 * key is picked up. Supplies the whole {@code Authorization} header value. Thread-safe. Not API.
 *
 * <p><b>Why not the Okta SDK's own mechanism.</b> okta-sdk-impl 24.0.0 does sign {@code
 * private_key_jwt} assertions ({@code AccessTokenRetrieverServiceImpl}, used when {@code
 * DefaultClientBuilder} has {@code AuthorizationMode.PRIVATE_KEY}, with {@code
 * OAuth2ClientCredentials} as the {@code oauth2} authentication of the {@code ApiClient}), and it
 * can send DPoP proofs ({@code DPoPInterceptor}). It was checked against the 24.0.0 classes and
 * does not fit, because of what this provider relies on:
 *
 * <ul>
 *   <li><b>Recovery after a failed token request.</b> {@code OAuth2ClientCredentials.applyToParams}
 *       clears the token before refreshing an expiring one and only refreshes a token it still
 *       holds; when the refresh fails (a 5xx, a reset connection, a timeout at the token endpoint)
 *       it holds none, so every later request of that client goes out without {@code Authorization}
 *       and fails with 401 until the client is rebuilt. Our retries of a transient token failure
 *       would be worthless; here the next call simply asks again ({@code OktaServiceAppTest} checks
 *       it).
 *   <li><b>No network call at build.</b> The SDK fetches the first token inside {@code
 *       DefaultClientBuilder.build()} ({@code applyToParams} never fetches a first one), so
 *       building the provider would fail while Okta is unreachable, against the builder's contract.
 *   <li><b>Our HTTP client.</b> The SDK's builder makes its own HttpClient with its own retry
 *       strategy and no hook for ours (no redirects, credential only to the org's host, response
 *       headers captured for evidence, connections that never log headers); reaching the retriever
 *       with our client means compiling against {@code com.okta.sdk.impl} classes ({@code
 *       ClientConfiguration}, {@code AccessTokenRetrieverServiceImpl}), which are not the SDK's API
 *       and changed shape between majors (constructor, query versus form parameters).
 *   <li><b>Typed failures and the injected clock.</b> Token failures arrive as {@code
 *       OAuth2TokenRetrieverException("Failed to get OAuth2 access token")} around an {@code
 *       OAuth2HttpException}, without Okta's status, request id or retryability; expiry is judged
 *       by {@code Instant.now()}, not the provider's {@link Clock}; the key is fixed at build.
 * </ul>
 *
 * <p><b>DPoP.</b> A token is first asked for without DPoP. An app that requires it ("Require
 * Demonstrating Proof of Possession (DPoP) header in token requests") answers {@code 400
 * invalid_dpop_proof}; from then on every token request carries a DPoP proof ({@link DpopProofs}),
 * the {@code dpop-nonce} of a {@code 400 use_dpop_nonce} answer is put into the next proof, the
 * token comes back with {@code token_type DPoP}, and each API request carries {@code Authorization:
 * DPoP <token>} and its own proof with the token's hash ({@code ath}), as Okta's guide "Configure
 * OAuth 2.0 Demonstrating Proof-of-Possession" (Okta resource server) describes.
 */
public final class ServiceAppTokens implements OktaCredential {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Token requests one token may take: plain, then with a DPoP proof, then with its nonce. */
  private static final int TOKEN_REQUESTS = 3;

  private final String providerId;
  private final URI tokenUrl;
  private final String clientId;
  private final Supplier<String> privateKeyPem;
  private final @Nullable String keyId;
  private final List<String> scopes;
  private final Clock clock;
  private final Duration timeout;
  private final HttpClient http;
  private @Nullable String token;
  private boolean dpopBound;
  private Instant refreshAt = Instant.MIN;
  private @Nullable DpopProofs dpop;
  private @Nullable String dpopNonce;

  /** Tokens for one app of the org at {@code orgUrl}. */
  public ServiceAppTokens(
      String providerId,
      URI orgUrl,
      String clientId,
      Supplier<String> privateKeyPem,
      @Nullable String keyId,
      List<String> scopes,
      Clock clock,
      Duration timeout) {
    this.providerId = providerId;
    this.tokenUrl = orgUrl.resolve("/oauth2/v1/token");
    this.clientId = clientId;
    this.privateKeyPem = privateKeyPem;
    this.keyId = keyId;
    this.scopes = List.copyOf(scopes);
    this.clock = clock;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public Map<String, String> headers(String method, String url) {
    String current;
    DpopProofs proofs;
    synchronized (this) {
      current = currentToken();
      proofs = dpopBound ? dpop : null;
    }
    if (proofs == null) {
      return Map.of("Authorization", "Bearer " + current);
    }
    return Map.of(
        "Authorization",
        "DPoP " + current,
        "DPoP",
        proofs.proof(method, url, clock.instant(), null, current));
  }

  private String currentToken() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(refreshAt)) {
      JsonNode answer = requestToken();
      token = answer.path("access_token").asText();
      dpopBound = "DPoP".equalsIgnoreCase(answer.path("token_type").asText());
      long expiresIn = answer.path("expires_in").asLong(3600);
      refreshAt = now.plusSeconds(Math.max(0, expiresIn - 60));
    }
    return token;
  }

  private JsonNode requestToken() {
    for (int i = 1; ; i++) {
      Instant now = clock.instant();
      HttpResponse<String> response = send(now);
      String requestId = response.headers().firstValue("X-Okta-Request-Id").orElse(null);
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        throw failure(response.statusCode(), requestId, true, "unreadable token answer", e);
      }
      String error = json.path("error").asText("");
      if (response.statusCode() == 400 && i < TOKEN_REQUESTS) {
        if (error.equals("invalid_dpop_proof") && dpop == null) {
          // The app requires DPoP: ask again with a proof.
          dpop = new DpopProofs();
          continue;
        }
        Optional<String> nonce = response.headers().firstValue("dpop-nonce");
        if (error.equals("use_dpop_nonce") && dpop != null && nonce.isPresent()) {
          dpopNonce = nonce.get();
          continue;
        }
      }
      return accepted(response.statusCode(), requestId, json);
    }
  }

  private HttpResponse<String> send(Instant now) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", String.join(" ", scopes));
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", assertion(now));
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    if (dpop != null) {
      request.header("DPoP", dpop.proof("POST", tokenUrl.toString(), now, dpopNonce, null));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw failure(0, null, true, "no answer from the token endpoint", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(0, null, true, "interrupted while fetching a token", e);
    }
  }

  private JsonNode accepted(int status, @Nullable String requestId, JsonNode json) {
    if (status != 200) {
      throw failure(
          status,
          requestId,
          status == 429 || status >= 500,
          "token request refused: "
              + json.path("error").asText("?")
              + " "
              + json.path("error_description").asText("")
              + " Check the client id, the registered public key and the scopes granted to the app",
          null);
    }
    String type = json.path("token_type").asText();
    if (!"Bearer".equalsIgnoreCase(type) && !"DPoP".equalsIgnoreCase(type)) {
      throw new AccessConfigurationException(
          "Okta service app "
              + clientId
              + " issued a token of type '"
              + type
              + "'; only Bearer and DPoP tokens are supported");
    }
    if (json.path("access_token").asText("").isEmpty()) {
      throw failure(status, requestId, true, "the token answer has no access_token", null);
    }
    return json;
  }

  private String assertion(Instant now) {
    JwtBuilder assertion =
        Jwts.builder()
            .audience()
            .single(tokenUrl.toString())
            .issuer(clientId)
            .subject(clientId)
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plusSeconds(300)))
            .id(UUID.randomUUID().toString());
    if (keyId != null) {
      assertion.header().keyId(keyId);
    }
    try {
      return assertion.signWith(privateKey(), Jwts.SIG.RS256).compact();
    } catch (GeneralSecurityException | RuntimeException e) {
      // The cause could describe the key; only its type is kept.
      throw new AccessConfigurationException(
          "Okta service app key cannot sign (" + e.getClass().getSimpleName() + ")");
    }
  }

  private PrivateKey privateKey() throws GeneralSecurityException {
    String pem = privateKeyPem.get();
    if (pem == null || !pem.contains("BEGIN PRIVATE KEY")) {
      throw new AccessConfigurationException(
          "Okta service app key must be an RSA key in PKCS#8 PEM ('BEGIN PRIVATE KEY'); convert"
              + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private ProviderException failure(
      int status,
      @Nullable String requestId,
      boolean retryable,
      String message,
      @Nullable Throwable cause) {
    return new ProviderException(
        providerId, "token", status, null, requestId, retryable, message, cause);
  }

  @Override
  public String toString() {
    return "ServiceAppTokens[" + clientId + ", token=***]";
  }
}
