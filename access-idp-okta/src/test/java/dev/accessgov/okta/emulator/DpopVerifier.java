package dev.accessgov.okta.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks DPoP proofs as Okta documents them ("Configure OAuth 2.0 Demonstrating
 * Proof-of-Possession", Okta resource server; RFC 9449): header {@code typ=dpop+jwt}, an asymmetric
 * {@code alg} (RS256 here) and the public {@code jwk} that verifies the signature; claims {@code
 * htm} and {@code htu} naming the request, a recent {@code iat}, a {@code jti} never seen before,
 * and {@code ath}, the base64url SHA-256 of the access token, on requests to Okta's APIs. Not
 * thread-safe; the emulator calls it under its lock.
 */
final class DpopVerifier {
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  private final Set<String> seenIds = new HashSet<>();

  /** A proof that passed: its claims and the thumbprint-free identity of its key. */
  record Proof(JsonNode claims, String jwk) {}

  /**
   * The proof, or null when it is malformed, badly signed, stale, replayed, or names another
   * request than {@code method} {@code url}.
   */
  @Nullable Proof verify(@Nullable String jwt, String method, String url) {
    if (jwt == null) {
      return null;
    }
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonNode header = OktaJson.MAPPER.readTree(B64.decode(parts[0]));
      JsonNode claims = OktaJson.MAPPER.readTree(B64.decode(parts[1]));
      JsonNode jwk = header.path("jwk");
      if (!"dpop+jwt".equals(header.path("typ").asText())
          || !"RS256".equals(header.path("alg").asText())
          || !"RSA".equals(jwk.path("kty").asText())) {
        return null;
      }
      PublicKey key =
          KeyFactory.getInstance("RSA")
              .generatePublic(
                  new RSAPublicKeySpec(
                      new BigInteger(1, B64.decode(jwk.path("n").asText())),
                      new BigInteger(1, B64.decode(jwk.path("e").asText()))));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      long now = System.currentTimeMillis() / 1000;
      long iat = claims.path("iat").asLong(0);
      if (!rsa.verify(B64.decode(parts[2]))
          || !method.equals(claims.path("htm").asText())
          || !url.equals(claims.path("htu").asText())
          || Math.abs(now - iat) > 300
          || claims.path("jti").asText("").isEmpty()
          || !seenIds.add(claims.path("jti").asText())) {
        return null;
      }
      return new Proof(claims, jwk.path("n").asText() + "." + jwk.path("e").asText());
    } catch (java.io.IOException | IllegalArgumentException | GeneralSecurityException e) {
      return null;
    }
  }

  /** The {@code ath} a proof must carry for {@code accessToken}. */
  static String ath(String accessToken) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
