package dev.accessgov.okta;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.retry.RetrySettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Configures an {@link OktaIdentityProvider}. Required: {@link #orgUrl} and exactly one credential,
 * {@link #apiToken} or {@link #serviceApp}. Secrets enter as suppliers, are read when a request
 * needs them (so a rotated secret is picked up) and never appear in logs, exceptions or {@code
 * toString()}.
 */
public final class OktaIdentityProviderBuilder {
  /**
   * The client settings this builder starts from: the library's defaults ({@link
   * ClientSettings#defaults()}), which fit Okta: 75 s outlasts one of its one-minute rate-limit
   * windows.
   */
  public static final ClientSettings DEFAULT_CLIENT = ClientSettings.defaults();

  private String id = "okta";
  private @Nullable String orgUrl;
  private @Nullable Supplier<String> apiToken;
  private @Nullable ServiceAppCredentials serviceApp;
  private int pageSize = 200;
  private double slowDownBelow = 0.1;

  private ClientSettings client = DEFAULT_CLIENT;
  private final Map<String, String> activityApps = new LinkedHashMap<>();

  OktaIdentityProviderBuilder() {}

  /** The id catalog group references use for this provider. Default: {@code okta}. */
  public OktaIdentityProviderBuilder id(String id) {
    this.id = requireNonNull(id, "id");
    return this;
  }

  /** The org's base URL, e.g. {@code https://example.okta.com}. Required; https only. */
  public OktaIdentityProviderBuilder orgUrl(String orgUrl) {
    this.orgUrl = requireNonNull(orgUrl, "orgUrl");
    return this;
  }

  /**
   * Authenticate with an Okta API token ({@code Authorization: SSWS ...}). The supplier is called
   * for every request. Either this or {@link #serviceApp} is required.
   */
  public OktaIdentityProviderBuilder apiToken(Supplier<String> apiToken) {
    this.apiToken = requireNonNull(apiToken, "apiToken");
    return this;
  }

  /**
   * Authenticate as an OAuth 2.0 service app with a private key (client credentials with {@code
   * private_key_jwt}); an app that requires DPoP gets DPoP-bound tokens and a proof with each
   * request. Either this or {@link #apiToken} is required.
   *
   * @param clientId the service app's client id
   * @param privateKeyPem the app's RSA private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}); read
   *     whenever a new access token is needed
   * @param keyId the key's {@code kid} as registered with the app, or null when it has one key
   * @param scopes the scopes to request and granted to the app: {@code okta.users.read}, {@code
   *     okta.groups.read}, to change membership {@code okta.groups.manage}, and for usage evidence
   *     {@code okta.logs.read}
   */
  public OktaIdentityProviderBuilder serviceApp(
      String clientId,
      Supplier<String> privateKeyPem,
      @Nullable String keyId,
      List<String> scopes) {
    this.serviceApp =
        new ServiceAppCredentials(
            requireNonNull(clientId, "clientId"),
            requireNonNull(privateKeyPem, "privateKeyPem"),
            keyId,
            List.copyOf(requireNonNull(scopes, "scopes")));
    return this;
  }

  /** Members per page of {@code members}, 1 to 1000. Default: 200, Okta's recommendation. */
  public OktaIdentityProviderBuilder pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  /**
   * Maps a catalog application to its Okta app instance, so the usage evidence of its roles counts
   * only sign-ins to that app ({@code target.id} in the System Log). Without a mapping a catalog
   * application's usage is the user's single sign-ons to any app. Default: none.
   *
   * @param catalogApplication the catalog's application id, e.g. {@code github}
   * @param oktaAppId the Okta app instance id, e.g. {@code 0oa1b2c3d4e5f6g7h8i9}
   */
  public OktaIdentityProviderBuilder activityApplication(
      String catalogApplication, String oktaAppId) {
    activityApps.put(
        requireNonNull(catalogApplication, "catalogApplication"),
        requireNonNull(oktaAppId, "oktaAppId"));
    return this;
  }

  /**
   * When fewer than this share of an endpoint's rate limit remains ({@code X-Rate-Limit-Remaining}
   * / {@code -Limit}), calls are spread over the time left until the reset. 0 turns pacing off.
   * Default: 0.1.
   */
  public OktaIdentityProviderBuilder slowDownBelow(double slowDownBelow) {
    this.slowDownBelow = slowDownBelow;
    return this;
  }

  /**
   * How this provider talks to Okta: retries, timeouts, the time budget of one operation, plain
   * http for tests, the clock. Replaces all of them; start from {@link #DEFAULT_CLIENT} or share
   * one value across providers.
   */
  public OktaIdentityProviderBuilder client(ClientSettings client) {
    this.client = requireNonNull(client, "client");
    return this;
  }

  /**
   * Changes some of the client settings and keeps the others, e.g. {@code client(c ->
   * c.totalTimeout(Duration.ofMinutes(2)))}.
   *
   * @throws AccessConfigurationException naming the setting that is out of bounds
   */
  public OktaIdentityProviderBuilder client(UnaryOperator<ClientSettings.Builder> change) {
    this.client = requireNonNull(change, "change").apply(client.toBuilder()).build();
    return this;
  }

  /**
   * Builds the provider. Makes no network call.
   *
   * @throws AccessConfigurationException naming the setting to fix
   */
  public OktaIdentityProvider build() {
    if (id.isBlank()) {
      throw new AccessConfigurationException("Okta provider id is blank; give a non-blank id");
    }
    URI url = validatedOrgUrl();
    if ((apiToken == null) == (serviceApp == null)) {
      throw new AccessConfigurationException(
          "Okta provider needs exactly one credential: call apiToken(...) or serviceApp(...)");
    }
    if (serviceApp != null && serviceApp.scopes().isEmpty()) {
      throw new AccessConfigurationException(
          "Okta service app has no scopes; request okta.users.read, okta.groups.read and"
              + " okta.groups.manage");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new AccessConfigurationException(
          "Okta pageSize must be 1 to 1000, was " + pageSize + "; Okta recommends 200");
    }
    RetrySettings retry = client.retry();
    if (!(slowDownBelow >= 0 && slowDownBelow < 1)) {
      throw new AccessConfigurationException(
          "Okta slowDownBelow must be in [0, 1), was " + slowDownBelow + "; 0 turns pacing off");
    }
    return new OktaIdentityProvider(
        id,
        url,
        apiToken,
        serviceApp,
        pageSize,
        retry,
        slowDownBelow,
        client.requestTimeout(),
        client.connectTimeout(),
        client.clock(),
        client.observer(),
        Map.copyOf(activityApps));
  }

  private URI validatedOrgUrl() {
    if (orgUrl == null) {
      throw new AccessConfigurationException(
          "Okta orgUrl is not set; call orgUrl(\"https://<your-org>.okta.com\")");
    }
    URI url = client.endpoint("Okta", "orgUrl", orgUrl, "https://<your-org>.okta.com");
    if (url.getHost().contains("-admin.")) {
      throw new AccessConfigurationException(
          "Okta orgUrl '" + orgUrl + "' is the admin console; use the org URL without '-admin'");
    }
    String path = url.getRawPath();
    if ((path != null && !path.isEmpty() && !path.equals("/")) || url.getRawQuery() != null) {
      throw new AccessConfigurationException(
          "Okta orgUrl '"
              + orgUrl
              + "' has a path or query; give only https://<your-org>.okta.com");
    }
    return url;
  }

  /** A service app's credentials; the key stays behind its supplier. */
  record ServiceAppCredentials(
      String clientId,
      Supplier<String> privateKeyPem,
      @Nullable String keyId,
      List<String> scopes) {
    @Override
    public String toString() {
      return "ServiceApp[clientId=" + clientId + ", key=***, scopes=" + scopes + "]";
    }
  }
}
