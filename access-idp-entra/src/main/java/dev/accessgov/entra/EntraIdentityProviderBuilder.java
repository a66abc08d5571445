package dev.accessgov.entra;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.entra.internal.RotatingCredential;
import dev.accessgov.retry.RetrySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link EntraIdentityProvider}. Required: exactly one credential — {@link
 * #clientSecret} or {@link #clientCertificate} (both with {@link #tenantId} and {@link #clientId}),
 * or any {@link #tokenCredential}. Secrets enter as suppliers, are read when a token is needed (so
 * a rotated secret is picked up) and never appear in logs, exceptions or {@code toString()}.
 *
 * <p>Retries: a 429 or 503 waits as long as Graph's {@code Retry-After} says; other 5xx, lost
 * connections and unreadable answers back off exponentially with jitter; other 4xx fail at once.
 * All within {@link #maxAttempts} and {@link #totalTimeout}. The SDK's own retry handler is off.
 */
public final class EntraIdentityProviderBuilder {
  private String id = "entra";
  private @Nullable String tenantId;
  private @Nullable String clientId;
  private @Nullable Supplier<String> clientSecret;
  private @Nullable Supplier<String> certificatePem;
  private @Nullable TokenCredential tokenCredential;
  private String graphBaseUrl = "https://graph.microsoft.com/v1.0";
  private String authorityHost = "https://login.microsoftonline.com/";
  private int pageSize = 100;
  private int maxAttempts = 5;
  private Duration initialBackoff = Duration.ofMillis(500);
  private Duration maxBackoff = Duration.ofSeconds(10);
  private Duration totalTimeout = Duration.ofSeconds(75);
  private Duration requestTimeout = Duration.ofSeconds(30);
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Clock clock = Clock.systemUTC();
  private boolean allowInsecureHttpForTests;

  EntraIdentityProviderBuilder() {}

  /** The id catalog group references use for this provider. Default: {@code entra}. */
  public EntraIdentityProviderBuilder id(String id) {
    this.id = requireNonNull(id, "id");
    return this;
  }

  /** The directory (tenant) id, a GUID. Required with a client secret or certificate. */
  public EntraIdentityProviderBuilder tenantId(String tenantId) {
    this.tenantId = requireNonNull(tenantId, "tenantId");
    return this;
  }

  /** The app registration's application (client) id. Required with a secret or certificate. */
  public EntraIdentityProviderBuilder clientId(String clientId) {
    this.clientId = requireNonNull(clientId, "clientId");
    return this;
  }

  /**
   * Authenticate with the app's client secret (client credentials flow). Read whenever a token is
   * needed. One of this, {@link #clientCertificate} or {@link #tokenCredential} is required.
   */
  public EntraIdentityProviderBuilder clientSecret(Supplier<String> clientSecret) {
    this.clientSecret = requireNonNull(clientSecret, "clientSecret");
    return this;
  }

  /**
   * Authenticate with a certificate registered on the app: the supplier returns PEM holding the
   * private key and the certificate. Read whenever a token is needed.
   */
  public EntraIdentityProviderBuilder clientCertificate(
      Supplier<String> privateKeyAndCertificatePem) {
    this.certificatePem = requireNonNull(privateKeyAndCertificatePem, "clientCertificate");
    return this;
  }

  /**
   * Authenticate with any azure-identity credential (managed identity, workload identity, ...).
   * Tokens are asked for the scope {@code <graph host>/.default}.
   */
  public EntraIdentityProviderBuilder tokenCredential(TokenCredential tokenCredential) {
    this.tokenCredential = requireNonNull(tokenCredential, "tokenCredential");
    return this;
  }

  /**
   * Graph's v1.0 endpoint. Default: {@code https://graph.microsoft.com/v1.0}. National clouds:
   * {@code https://graph.microsoft.us/v1.0} (US Gov L4), {@code
   * https://dod-graph.microsoft.us/v1.0} (US Gov L5), {@code
   * https://microsoftgraph.chinacloudapi.cn/v1.0} (21Vianet); set {@link #authorityHost} to match.
   */
  public EntraIdentityProviderBuilder graphBaseUrl(String graphBaseUrl) {
    this.graphBaseUrl = requireNonNull(graphBaseUrl, "graphBaseUrl");
    return this;
  }

  /**
   * Where tokens for a secret or certificate come from. Default: {@code
   * https://login.microsoftonline.com/}; US Gov: {@code https://login.microsoftonline.us/}; China:
   * {@code https://login.chinacloudapi.cn/}. Always https (azure-identity accepts no other scheme,
   * so {@link #allowInsecureHttpForTests} does not apply here).
   */
  public EntraIdentityProviderBuilder authorityHost(String authorityHost) {
    this.authorityHost = requireNonNull(authorityHost, "authorityHost");
    return this;
  }

  /** Members per page of {@code members}, 1 to 999. Default: 100, Graph's own default. */
  public EntraIdentityProviderBuilder pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  /** Attempts per call, the first included; 1 turns retries off. Default: 5. */
  public EntraIdentityProviderBuilder maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  /**
   * The first wait after a 5xx without {@code Retry-After}, a lost connection or an unreadable
   * answer; it doubles per attempt up to {@link #maxBackoff}, with jitter. Default: 500 ms.
   */
  public EntraIdentityProviderBuilder initialBackoff(Duration initialBackoff) {
    this.initialBackoff = requireNonNull(initialBackoff, "initialBackoff");
    return this;
  }

  /** The longest wait between attempts, except waits Graph asked for. Default: 10 s. */
  public EntraIdentityProviderBuilder maxBackoff(Duration maxBackoff) {
    this.maxBackoff = requireNonNull(maxBackoff, "maxBackoff");
    return this;
  }

  /**
   * The most time one operation may take, all calls, attempts and waits included (for {@code
   * $batch}, each batch of 20); a {@code Retry-After} beyond it fails at once with {@link
   * dev.accessgov.RateLimitedException}. Default: 75 s.
   */
  public EntraIdentityProviderBuilder totalTimeout(Duration totalTimeout) {
    this.totalTimeout = requireNonNull(totalTimeout, "totalTimeout");
    return this;
  }

  /** How long to wait for one response. Default: 30 s. */
  public EntraIdentityProviderBuilder requestTimeout(Duration requestTimeout) {
    this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout");
    return this;
  }

  /** How long to wait for a connection. Default: 10 s. */
  public EntraIdentityProviderBuilder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = requireNonNull(connectTimeout, "connectTimeout");
    return this;
  }

  /** Stamps receipts and reads {@code Retry-After} dates. Default: {@link Clock#systemUTC()}. */
  public EntraIdentityProviderBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Accepts an {@code http://} Graph base URL, for tests against a local emulator only: the token
   * then travels unencrypted. Default: false.
   */
  public EntraIdentityProviderBuilder allowInsecureHttpForTests(boolean allow) {
    this.allowInsecureHttpForTests = allow;
    return this;
  }

  /**
   * Builds the provider. Makes no network call.
   *
   * @throws AccessConfigurationException naming the setting to fix
   */
  public EntraIdentityProvider build() {
    if (id.isBlank()) {
      throw new AccessConfigurationException("Entra provider id is blank; give a non-blank id");
    }
    URI base = url("graphBaseUrl", graphBaseUrl, "https://graph.microsoft.com/v1.0");
    if (!base.getRawPath().equals("/v1.0") || base.getRawQuery() != null) {
      throw new AccessConfigurationException(
          "Entra graphBaseUrl '"
              + graphBaseUrl
              + "' must end in /v1.0, e.g."
              + " https://graph.microsoft.com/v1.0 (beta is not supported)");
    }
    int credentials =
        (clientSecret == null ? 0 : 1)
            + (certificatePem == null ? 0 : 1)
            + (tokenCredential == null ? 0 : 1);
    if (credentials != 1) {
      throw new AccessConfigurationException(
          "Entra provider needs exactly one credential: call clientSecret(...),"
              + " clientCertificate(...) or tokenCredential(...)");
    }
    if (pageSize < 1 || pageSize > 999) {
      throw new AccessConfigurationException(
          "Entra pageSize must be 1 to 999, was " + pageSize + "; Graph's default is 100");
    }
    RetrySettings retry =
        RetrySettings.configured("Entra", maxAttempts, initialBackoff, maxBackoff, totalTimeout);
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
    TokenCredential credential;
    String kind;
    if (tokenCredential != null) {
      credential = tokenCredential;
      kind = "tokenCredential " + tokenCredential.getClass().getSimpleName();
    } else {
      String tenant = required("tenantId", tenantId, "the directory (tenant) id");
      String client = required("clientId", clientId, "the app's application (client) id");
      URI authorityUrl = url("authorityHost", authorityHost, "https://login.microsoftonline.com/");
      if (!authorityUrl.getScheme().equalsIgnoreCase("https")) {
        // azure-identity refuses any other scheme, but only at the first token request.
        throw new AccessConfigurationException(
            "Entra authorityHost '"
                + authorityHost
                + "' must use https, even with allowInsecureHttpForTests(true): azure-identity"
                + " accepts no other scheme; e.g. https://login.microsoftonline.com/");
      }
      String authority = authorityUrl.toString();
      credential =
          clientSecret != null
              ? RotatingCredential.clientSecret(tenant, client, clientSecret, authority)
              : RotatingCredential.certificate(
                  tenant, client, requireNonNull(certificatePem), authority);
      kind = (clientSecret != null ? "clientSecret " : "certificate ") + client + "@" + tenant;
    }
    return new EntraIdentityProvider(
        id, base, credential, kind, pageSize, retry, requestTimeout, connectTimeout, clock);
  }

  private static String required(String name, @Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new AccessConfigurationException(
          "Entra " + name + " is not set; call " + name + "(...) with " + what);
    }
    return value.trim();
  }

  private URI url(String name, String value, String example) {
    URI url;
    try {
      url = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw new AccessConfigurationException(
          "Entra " + name + " '" + value + "' is not a URL; expected e.g. " + example);
    }
    if (url.getHost() == null || url.getScheme() == null) {
      throw new AccessConfigurationException(
          "Entra " + name + " '" + value + "' has no host; expected e.g. " + example);
    }
    boolean https = url.getScheme().equalsIgnoreCase("https");
    boolean http = url.getScheme().equalsIgnoreCase("http");
    if (!https && !(http && allowInsecureHttpForTests)) {
      throw new AccessConfigurationException(
          "Entra "
              + name
              + " '"
              + value
              + "' must use https; http is accepted only with allowInsecureHttpForTests(true)");
    }
    return url;
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new AccessConfigurationException("Entra " + name + " must be positive, was " + value);
    }
  }
}
