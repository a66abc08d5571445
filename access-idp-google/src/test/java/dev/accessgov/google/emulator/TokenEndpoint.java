package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Google's OAuth token endpoint for service accounts, as far as the provider uses it: a JWT bearer
 * assertion ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}) signed with a trusted
 * service-account key, whose claims name the service account ({@code iss}), the admin it acts as
 * ({@code sub}, domain-wide delegation) and the scopes. Answers an access token the Directory
 * emulator accepts, and remembers every assertion's claims for tests. Thread-safe.
 */
public final class TokenEndpoint {
  private final List<PublicKey> trusted = new CopyOnWriteArrayList<>();
  private final List<JsonNode> claims = new CopyOnWriteArrayList<>();
  private final AtomicLong issued = new AtomicLong();
  private final java.util.Map<String, String> scopes =
      new java.util.concurrent.ConcurrentHashMap<>();
  private volatile @Nullable String fixedToken;
  private volatile String prefix = "ya29.emulated-";

  /** Trusts assertions signed by this key. */
  public TokenEndpoint trust(PublicKey key) {
    trusted.add(key);
    return this;
  }

  /**
   * Makes the Directory emulator accept this token without any token request, for tests that hand
   * the provider a ready credential.
   */
  public TokenEndpoint acceptFixed(String token) {
    this.fixedToken = token;
    return this;
  }

  /**
   * Issues access tokens starting with {@code prefix} from now on (default {@code ya29.emulated-}),
   * e.g. a canary text a test then looks for in logs and messages.
   */
  public TokenEndpoint tokenPrefix(String prefix) {
    this.prefix = prefix;
    return this;
  }

  /** The claims of every accepted assertion, oldest first. */
  public List<JsonNode> claims() {
    return new ArrayList<>(claims);
  }

  /**
   * Whether the token of an {@code Authorization} header was issued for {@code scope} (the
   * assertion's space-separated {@code scope} claim names it); a fixed token has every scope.
   */
  boolean grants(@Nullable String authorization, String scope) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String token = authorization.substring("Bearer ".length());
    if (token.equals(fixedToken)) {
      return true;
    }
    return java.util.Arrays.asList(scopes.getOrDefault(token, "").split(" ")).contains(scope);
  }

  /** Whether an {@code Authorization} header carries a token this endpoint issued. */
  boolean accepts(@Nullable String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return false;
    }
    String token = authorization.substring("Bearer ".length());
    return token.equals(fixedToken) || (token.startsWith(prefix) && issued.get() > 0);
  }

  ResponseDefinitionBuilder answer(String form) {
    Map<String, String> params = GoogleEmulator.query("?" + form);
    if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(params.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "Invalid grant_type");
    }
    String[] jwt = params.getOrDefault("assertion", "").split("\\.");
    if (jwt.length != 3 || !verified(jwt)) {
      return oauthError(400, "invalid_grant", "Invalid JWT Signature.");
    }
    JsonNode payload;
    try {
      payload =
          GoogleJson.MAPPER.readTree(
              new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return oauthError(400, "invalid_grant", "Invalid JWT.");
    }
    if (payload.path("sub").asText("").isEmpty()) {
      // Without delegation the service account is no Workspace admin; Google answers 403 later.
      return oauthError(400, "invalid_grant", "No subject (domain-wide delegation) in the JWT.");
    }
    claims.add(payload);
    long n = issued.incrementAndGet();
    scopes.put(prefix + n, payload.path("scope").asText(""));
    return GoogleEmulator.json(
        200,
        "{\"access_token\":\"" + prefix + n + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}");
  }

  private boolean verified(String[] jwt) {
    byte[] signed = (jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII);
    for (PublicKey key : trusted) {
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update(signed);
        if (rsa.verify(Base64.getUrlDecoder().decode(jwt[2]))) {
          return true;
        }
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        // Try the next trusted key.
      }
    }
    return false;
  }

  private static ResponseDefinitionBuilder oauthError(
      int status, String error, String description) {
    return GoogleEmulator.json(
        status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
  }
}
