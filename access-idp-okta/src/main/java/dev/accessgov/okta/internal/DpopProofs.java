package dev.accessgov.okta.internal;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.RsaPublicJwk;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * DPoP proofs (RFC 9449) as Okta asks for them ("Configure OAuth 2.0 Demonstrating
 * Proof-of-Possession", developer.okta.com/docs/guides/dpop/oktaresourceserver/main/): a JWT with
 * header {@code typ=dpop+jwt}, {@code alg=RS256} and the public {@code jwk}, and claims {@code
 * htm}, {@code htu}, {@code iat}, {@code jti}, plus {@code nonce} at the token endpoint and {@code
 * ath} (the access token's SHA-256, base64url) at Okta's APIs. The key pair is made in memory for
 * this provider, apart from the app's own key, and never leaves it; jjwt builds and signs the JWT.
 * Thread-safe. Not API.
 */
final class DpopProofs {
  private final KeyPair keys;
  private final RsaPublicJwk jwk;

  DpopProofs() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make an RSA key for DPoP", e);
    }
    this.jwk = Jwks.builder().key((RSAPublicKey) keys.getPublic()).build();
  }

  /**
   * A proof for one request.
   *
   * @param method the request's HTTP method
   * @param url the request's URL without query or fragment
   * @param now the time to state as {@code iat}
   * @param nonce the server's {@code dpop-nonce}, or null
   * @param accessToken the DPoP-bound access token the request carries, or null at the token
   *     endpoint
   */
  String proof(
      String method,
      String url,
      Instant now,
      @Nullable String nonce,
      @Nullable String accessToken) {
    JwtBuilder proof =
        Jwts.builder()
            .header()
            .type("dpop+jwt")
            .jwk(jwk)
            .and()
            .claim("htm", method)
            .claim("htu", url)
            .issuedAt(Date.from(now))
            .id(UUID.randomUUID().toString());
    if (nonce != null) {
      proof.claim("nonce", nonce);
    }
    if (accessToken != null) {
      proof.claim("ath", ath(accessToken));
    }
    return proof.signWith(keys.getPrivate(), Jwts.SIG.RS256).compact();
  }

  /** The access token's SHA-256, base64url without padding (RFC 9449 section 4.2). */
  private static String ath(String accessToken) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
