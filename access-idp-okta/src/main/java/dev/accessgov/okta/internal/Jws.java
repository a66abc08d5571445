package dev.accessgov.okta.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/** Compact JWS with RS256, the one algorithm Okta's assertions and DPoP proofs use here. */
final class Jws {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jws() {}

  /** {@code header.claims.signature}, each part base64url without padding. */
  static String rs256(Map<String, ?> header, Map<String, ?> claims, PrivateKey key)
      throws IOException, GeneralSecurityException {
    String signingInput =
        B64.encodeToString(JSON.writeValueAsBytes(header))
            + "."
            + B64.encodeToString(JSON.writeValueAsBytes(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(rsa.sign());
  }
}
