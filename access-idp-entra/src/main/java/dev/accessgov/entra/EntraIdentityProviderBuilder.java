package dev.accessgov.entra;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.entra.internal.RotatingCredential;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.retry.RetrySettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link EntraIdentityProvider}. Required: exactly one credential — {@link
 * #clientSecret} or {@link #clientCertificate} (both with {@link #tenantId} and {@link #clientId}),
 * or any {@link #tokenCredential}. Secrets enter as suppliers, are read when a token is needed (so
 * a rotated secret is picked up) and never appear in logs, exceptions or {@code toString()}.
 *
 * <p>Retries: a 429 or 503 waits as long as Graph's {@code Retry-After} says; other 5xx, lost
 * connections and unreadable answers back off exponentially with jitter; other 4xx fail at once.
 * All within {@code maxAttempts} and {@code totalTimeout}. The SDK's own retry handler is off.
 */
public final class EntraIdentityProviderBuilder {
  /**
   * The client settings this builder starts from: the library's defaults ({@link
   * ClientSettings#defaults()}).
   */
  public static final ClientSettings DEFAULT_CLIENT = ClientSettings.defaults();

  private String id = "entra";
  private @Nullable String tenantId;
  private @Nullable String clientId;
  private @Nullable Supplier<String> clientSecret;
  private @Nullable Supplier<String> certificatePem;
  private @Nullable TokenCredential tokenCredential;
  private String graphBaseUrl = "https://graph.microsoft.com/v1.0";
  private String authorityHost = "https://login.microsoftonline.com/";
  private int pageSize = 100;

  private ClientSettings client = DEFAULT_CLIENT;
  private final Map<String, String> activityApps = new LinkedHashMap<>();

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
   * so {@code allowInsecureHttpForTests} does not apply here).
   */
  public EntraIdentityProviderBuilder authorityHost(String authorityHost) {
    this.authorityHost = requireNonNull(authorityHost, "authorityHost");
    return this;
  }

  /**
   * Members per page of {@code members} (and sign-ins per page of the activity log), 1 to 999.
   * Default: 100, Graph's own default.
   */
  public EntraIdentityProviderBuilder pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  /**
   * Maps a catalog application to its Entra application (client) id, so the usage evidence of its
   * roles counts only sign-ins to that application ({@code appId} in the sign-in log). Without a
   * mapping a catalog application's usage is the user's sign-ins to any application. Default: none.
   *
   * @param catalogApplication the catalog's application id, e.g. {@code github}
   * @param appId the application (client) id, a GUID
   */
  public EntraIdentityProviderBuilder activityApplication(String catalogApplication, String appId) {
    activityApps.put(
        requireNonNull(catalogApplication, "catalogApplication"), requireNonNull(appId, "appId"));
    return this;
  }

  /**
   * How this provider talks to Entra: retries, timeouts, the time budget of one operation, plain
   * http for tests, the clock. Replaces all of them; start from {@link #DEFAULT_CLIENT} or share
   * one value across providers.
   */
  public EntraIdentityProviderBuilder client(ClientSettings client) {
    this.client = requireNonNull(client, "client");
    return this;
  }

  /**
   * Changes some of the client settings and keeps the others, e.g. {@code client(c ->
   * c.totalTimeout(Duration.ofMinutes(2)))}.
   *
   * @throws AccessConfigurationException naming the setting that is out of bounds
   */
  public EntraIdentityProviderBuilder client(UnaryOperator<ClientSettings.Builder> change) {
    this.client = requireNonNull(change, "change").apply(client.toBuilder()).build();
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
    RetrySettings retry = client.retry();
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
        id,
        base,
        credential,
        kind,
        pageSize,
        retry,
        client.requestTimeout(),
        client.connectTimeout(),
        client.clock(),
        client.observer(),
        Map.copyOf(activityApps));
  }

  private static String required(String name, @Nullable String value, String what) {
    if (value == null || value.isBlank()) {
      throw new AccessConfigurationException(
          "Entra " + name + " is not set; call " + name + "(...) with " + what);
    }
    return value.trim();
  }

  private URI url(String name, String value, String example) {
    return client.endpoint("Entra", name, value, example);
  }
}
