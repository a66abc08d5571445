package dev.accessgov.jira.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Jira's webhook signature: {@code X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body,
 * keyed with the webhook's secret>}, compared in constant time. Not API.
 */
public final class Signatures {
  private static final String PREFIX = "sha256=";

  private Signatures() {}

  /** The header value Jira would send for {@code body} signed with {@code secret}. */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  /** Whether {@code header} is the signature of {@code body} under {@code secret}. */
  public static boolean valid(String secret, byte[] body, String header) {
    byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    // Constant time: how much of a forged signature matches must not show in the timing.
    return MessageDigest.isEqual(expected, given);
  }
}
