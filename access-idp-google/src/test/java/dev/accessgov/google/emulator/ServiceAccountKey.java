package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A throwaway service account: a fresh RSA key pair and the JSON key file Google would issue for
 * it, whose {@code token_uri} points at the emulator. The key exists only in the test's memory.
 */
public final class ServiceAccountKey {
  /** The service account's e-mail. */
  public static final String CLIENT_EMAIL = "access-gov@emulated-project.iam.gserviceaccount.com";

  /** The service account's OAuth client id (what domain-wide delegation is granted to). */
  public static final String CLIENT_ID = "109876543210987654321";

  private final KeyPair pair;
  private final String json;

  /** A new key whose token endpoint is {@code tokenUri}. */
  public ServiceAccountKey(String tokenUri) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    ObjectNode n = GoogleJson.MAPPER.createObjectNode();
    n.put("type", "service_account");
    n.put("project_id", "emulated-project");
    n.put("private_key_id", "0123456789abcdef0123456789abcdef01234567");
    n.put("private_key", pem);
    n.put("client_email", CLIENT_EMAIL);
    n.put("client_id", CLIENT_ID);
    n.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
    n.put("token_uri", tokenUri);
    this.json = n.toString();
  }

  /** The JSON key file's content; a secret in real life. */
  public String json() {
    return json;
  }

  /** The public half, to verify the assertions the provider signs. */
  public PublicKey publicKey() {
    return pair.getPublic();
  }

  /** A distinctive slice of the private key, to check it never leaks into text. */
  public String privateKeyFragment() {
    String encoded = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    return encoded.substring(100, 140);
  }

  @Override
  public String toString() {
    return "ServiceAccountKey[" + CLIENT_EMAIL + ", key=***]";
  }
}
