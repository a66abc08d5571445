package dev.accessgov.entra.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.AadCredentialBuilderBase;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import dev.accessgov.AccessConfigurationException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A client-secret or certificate credential whose secret is read from a supplier whenever a token
 * is needed: when the supplier starts returning a rotated secret, a new azure-identity credential
 * is built from it (its token cache starts afresh). Only a digest of the secret in use is kept here
 * for the comparison. {@code toString()} names the client, never the secret. Not API.
 */
public final class RotatingCredential implements TokenCredential {
  private static final Set<String> KNOWN_AUTHORITIES =
      Set.of(
          "https://login.microsoftonline.com",
          "https://login.microsoftonline.us",
          "https://login.chinacloudapi.cn");

  private final String description;
  private final Supplier<String> secret;
  private final Function<String, TokenCredential> factory;
  private byte @Nullable [] digest;
  private @Nullable TokenCredential current;

  RotatingCredential(
      String description, Supplier<String> secret, Function<String, TokenCredential> factory) {
    this.description = description;
    this.secret = secret;
    this.factory = factory;
  }

  /** A client-secret credential (OAuth 2.0 client credentials with a shared secret). */
  public static RotatingCredential clientSecret(
      String tenantId, String clientId, Supplier<String> secret, String authorityHost) {
    return new RotatingCredential(
        "clientSecret " + clientId,
        secret,
        s ->
            common(new ClientSecretCredentialBuilder(), tenantId, clientId, authorityHost)
                .clientSecret(s)
                .build());
  }

  /** A certificate credential; the supplier returns the PEM of the private key and certificate. */
  public static RotatingCredential certificate(
      String tenantId, String clientId, Supplier<String> pem, String authorityHost) {
    return new RotatingCredential(
        "certificate " + clientId,
        pem,
        s ->
            common(new ClientCertificateCredentialBuilder(), tenantId, clientId, authorityHost)
                .pemCertificate(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)))
                .build());
  }

  private static <T extends AadCredentialBuilderBase<T>> T common(
      T builder, String tenantId, String clientId, String authorityHost) {
    builder.tenantId(tenantId).clientId(clientId).authorityHost(authorityHost);
    // The token request's body holds the client secret (or a signed client assertion, good for
    // tokens until it expires). azure-core logs bodies when AZURE_HTTP_LOG_DETAIL_LEVEL says so in
    // the environment; fixing the level here keeps the secret out of every log, whatever is set.
    builder.httpLogOptions(new HttpLogOptions().setLogLevel(HttpLogDetailLevel.NONE));
    // Our own retries and time budget govern; azure-identity's would add up to minutes. maxRetry
    // bounds azure-identity's own loop only: azure-core's HTTP pipeline would still try each token
    // request four times with its own backoff, so its retries are switched off as well.
    builder.maxRetry(1);
    builder.retryOptions(new RetryOptions(new FixedDelayOptions(0, Duration.ofMillis(1))));
    if (!KNOWN_AUTHORITIES.contains(authorityHost.replaceAll("/+$", ""))) {
      // MSAL would ask login.microsoftonline.com about an authority it does not know.
      builder.disableInstanceDiscovery();
    }
    return builder;
  }

  /** The credential for the supplier's current secret, built anew when the secret changed. */
  synchronized TokenCredential current() {
    String value = secret.get();
    if (value == null || value.isBlank()) {
      throw new AccessConfigurationException(
          "the Entra " + description + " secret supplier returned nothing; check where it is kept");
    }
    byte[] now = sha256(value);
    if (current == null || digest == null || !MessageDigest.isEqual(digest, now)) {
      current = factory.apply(value);
      digest = now;
    }
    return current;
  }

  @Override
  public Mono<AccessToken> getToken(TokenRequestContext request) {
    return Mono.defer(() -> current().getToken(request));
  }

  @Override
  public AccessToken getTokenSync(TokenRequestContext request) {
    return current().getTokenSync(request);
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "RotatingCredential[" + description + ", secret=***]";
  }
}
