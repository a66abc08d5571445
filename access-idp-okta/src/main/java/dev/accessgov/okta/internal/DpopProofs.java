package dev.accessgov.okta.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * DPoP proofs (RFC 9449) as Okta asks for them ("Configure OAuth 2.0 Demonstrating
 * Proof-of-Possession", developer.okta.com/docs/guides/dpop/oktaresourceserver/main/): a JWT with
 * header {@code typ=dpop+jwt}, {@code alg=RS256} and the public {@code jwk}, and claims {@code
 * htm}, {@code htu}, {@code iat}, {@code jti}, plus {@code nonce} at the token endpoint and {@code
 * ath} (the access token's SHA-256, base64url) at Okta's APIs. The key pair is made in memory for
 * this provider, apart from the app's own key, and never leaves it. Thread-safe. Not API.
 */
final class DpopProofs {
  private final KeyPair keys;
  private final Map<String, Object> header;

  DpopProofs() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make an RSA key for DPoP", e);
    }
    RSAPublicKey publicKey = (RSAPublicKey) keys.getPublic();
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("e", unsigned(publicKey.getPublicExponent()));
    jwk.put("n", unsigned(publicKey.getModulus()));
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("typ", "dpop+jwt");
    h.put("alg", "RS256");
    h.put("jwk", jwk);
    this.header = Map.copyOf(h);
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
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("htm", method);
    claims.put("htu", url);
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    try {
      if (accessToken != null) {
        byte[] hash =
            MessageDigest.getInstance("SHA-256")
                .digest(accessToken.getBytes(StandardCharsets.US_ASCII));
        claims.put("ath", Jws.B64.encodeToString(hash));
      }
      return Jws.rs256(header, claims, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(
          "cannot sign a DPoP proof (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Jws.B64.encodeToString(bytes);
  }
}
