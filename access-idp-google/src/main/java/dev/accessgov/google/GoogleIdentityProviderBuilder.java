package dev.accessgov.google;

import static java.util.Objects.requireNonNull;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.google.internal.DelegatedCredentials;
import dev.accessgov.google.internal.ReportsActivity;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.retry.RetrySettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link GoogleIdentityProvider}. Required: a credential, either {@link
 * #serviceAccountKey} or {@link #serviceAccount}, and {@link #delegatedAdmin}, the Workspace admin
 * the service account acts as through domain-wide delegation. The key is read once, by {@link
 * #build()}, and never appears in logs, exceptions or {@code toString()}.
 */
public final class GoogleIdentityProviderBuilder {
  /** The client settings this builder starts from: Google's defaults. */
  public static final ClientSettings DEFAULT_CLIENT =
      ClientSettings.builder()
          .maxAttempts(6)
          .initialBackoff(Duration.ofSeconds(1))
          .maxBackoff(Duration.ofSeconds(32))
          .totalTimeout(Duration.ofSeconds(90))
          .requestTimeout(Duration.ofSeconds(30))
          .connectTimeout(Duration.ofSeconds(10))
          .clock(Clock.systemUTC())
          .build();

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private String id = "google";
  private @Nullable Supplier<String> serviceAccountKey;
  private @Nullable ServiceAccountCredentials serviceAccount;
  private @Nullable String delegatedAdmin;
  private String customerId = "my_customer";
  private @Nullable String domain;
  private String rootUrl = "https://admin.googleapis.com/";
  private int pageSize = 200;
  private int requestsPerMinute;
  private boolean activityReports;
  private final Map<String, String> activityClients = new LinkedHashMap<>();

  private ClientSettings client = DEFAULT_CLIENT;

  GoogleIdentityProviderBuilder() {}

  /** The id catalog group references use for this provider. Default: {@code google}. */
  public GoogleIdentityProviderBuilder id(String id) {
    this.id = requireNonNull(id, "id");
    return this;
  }

  /**
   * The service account's JSON key, as Google issues it ({@code "type": "service_account"}). Read
   * once, by {@link #build()}; the private key then stays in memory only. Either this or {@link
   * #serviceAccount} is required.
   */
  public GoogleIdentityProviderBuilder serviceAccountKey(Supplier<String> keyJson) {
    this.serviceAccountKey = requireNonNull(keyJson, "keyJson");
    return this;
  }

  /**
   * Service-account credentials built elsewhere (for example from a secret manager's stream). They
   * are narrowed to this provider's scopes and delegated to {@link #delegatedAdmin} here. Either
   * this or {@link #serviceAccountKey} is required.
   */
  public GoogleIdentityProviderBuilder serviceAccount(ServiceAccountCredentials credentials) {
    this.serviceAccount = requireNonNull(credentials, "credentials");
    return this;
  }

  /**
   * The e-mail of the Workspace admin the service account impersonates (domain-wide delegation).
   * Required. Its admin role bounds what the provider may do: it needs to read users and manage the
   * governed groups' members.
   */
  public GoogleIdentityProviderBuilder delegatedAdmin(String adminEmail) {
    this.delegatedAdmin = requireNonNull(adminEmail, "adminEmail");
    return this;
  }

  /**
   * The Workspace customer id (e.g. {@code C01abcde}). Users of another customer are not found.
   * Default: {@code my_customer}, the delegated admin's own account, which checks nothing.
   */
  public GoogleIdentityProviderBuilder customerId(String customerId) {
    this.customerId = requireNonNull(customerId, "customerId");
    return this;
  }

  /**
   * The primary domain, e.g. {@code example.com}: {@code findUser("alice")} then looks up {@code
   * alice@example.com}. Default: none; bare names are then taken as user ids.
   */
  public GoogleIdentityProviderBuilder domain(String domain) {
    this.domain = requireNonNull(domain, "domain");
    return this;
  }

  /**
   * The Admin SDK's root URL. Default: {@code https://admin.googleapis.com/}. A missing trailing
   * slash is added; http only with {@code allowInsecureHttpForTests}.
   */
  public GoogleIdentityProviderBuilder rootUrl(String rootUrl) {
    this.rootUrl = requireNonNull(rootUrl, "rootUrl");
    return this;
  }

  /** Members per page of {@code members}, 1 to 200. Default: 200, Google's maximum. */
  public GoogleIdentityProviderBuilder pageSize(int pageSize) {
    this.pageSize = pageSize;
    return this;
  }

  /**
   * Offers usage evidence from the Admin SDK Reports API ({@code activities.list}): the provider's
   * {@link GoogleIdentityProvider#activityLog()} then reads the user's sign-ins, and the provider
   * requests the scope {@code https://www.googleapis.com/auth/admin.reports.audit.readonly} beside
   * its Directory scopes, which domain-wide delegation must grant as well (else every token request
   * fails, membership calls included). Default: no activity log, usage "not available".
   */
  public GoogleIdentityProviderBuilder activityReports() {
    this.activityReports = true;
    return this;
  }

  /**
   * Maps a catalog application to the OAuth client id of its Google sign-in, so the usage evidence
   * of its roles counts the user's {@code token} {@code authorize} events for that client; without
   * a mapping it counts the user's Google sign-ins ({@code login_success}). Implies {@link
   * #activityReports()}. Default: none.
   *
   * @param catalogApplication the catalog's application id, e.g. {@code github}
   * @param oauthClientId the OAuth client id, e.g. {@code 1234-abc.apps.googleusercontent.com}
   */
  public GoogleIdentityProviderBuilder activityApplication(
      String catalogApplication, String oauthClientId) {
    activityClients.put(
        requireNonNull(catalogApplication, "catalogApplication"),
        requireNonNull(oauthClientId, "oauthClientId"));
    this.activityReports = true;
    return this;
  }

  /**
   * Spreads calls evenly to at most this many a minute, shared by all threads, so bursts stay under
   * the project's Admin SDK quota instead of drawing 403 {@code userRateLimitExceeded}. Set it to
   * the quota shown in the Cloud console (or a little under, when other tools share it). Default:
   * 0, no pacing: throttling is only answered by backing off.
   */
  public GoogleIdentityProviderBuilder requestsPerMinute(int requestsPerMinute) {
    this.requestsPerMinute = requestsPerMinute;
    return this;
  }

  /**
   * How this provider talks to Google: retries, timeouts, the time budget of one operation, plain
   * http for tests, the clock. Replaces all of them; start from {@link #DEFAULT_CLIENT} or share
   * one value across providers.
   */
  public GoogleIdentityProviderBuilder client(ClientSettings client) {
    this.client = requireNonNull(client, "client");
    return this;
  }

  /**
   * Changes some of the client settings and keeps the others, e.g. {@code client(c ->
   * c.totalTimeout(Duration.ofMinutes(2)))}.
   *
   * @throws AccessConfigurationException naming the setting that is out of bounds
   */
  public GoogleIdentityProviderBuilder client(UnaryOperator<ClientSettings.Builder> change) {
    this.client = requireNonNull(change, "change").apply(client.toBuilder()).build();
    return this;
  }

  /**
   * Builds the provider, reading the key. Makes no network call.
   *
   * @throws AccessConfigurationException naming the setting to fix
   */
  public GoogleIdentityProvider build() {
    if (id.isBlank()) {
      throw new AccessConfigurationException("Google provider id is blank; give a non-blank id");
    }
    String root = validatedRootUrl();
    if ((serviceAccountKey == null) == (serviceAccount == null)) {
      throw new AccessConfigurationException(
          "Google provider needs exactly one credential: call serviceAccountKey(...) or"
              + " serviceAccount(...)");
    }
    if (delegatedAdmin == null || !EMAIL.matcher(delegatedAdmin).matches()) {
      throw new AccessConfigurationException(
          "Google delegatedAdmin "
              + (delegatedAdmin == null ? "is not set" : "'" + delegatedAdmin + "' is no e-mail")
              + "; give the e-mail of the Workspace admin the service account acts as");
    }
    if (customerId.isBlank()) {
      throw new AccessConfigurationException(
          "Google customerId is blank; give the customer id (C0...) or my_customer");
    }
    if (domain != null && (domain.isBlank() || domain.contains("@"))) {
      throw new AccessConfigurationException(
          "Google domain '" + domain + "' is not a domain; give e.g. example.com");
    }
    if (pageSize < 1 || pageSize > 200) {
      throw new AccessConfigurationException(
          "Google pageSize must be 1 to 200 (the API's maximum), was " + pageSize);
    }
    RetrySettings retry = client.retry();
    if (requestsPerMinute < 0) {
      throw new AccessConfigurationException(
          "Google requestsPerMinute must be 0 (no pacing) or more, was " + requestsPerMinute);
    }
    List<String> scopes = new ArrayList<>(GoogleIdentityProvider.SCOPES);
    if (activityReports) {
      scopes.add(ReportsActivity.SCOPE);
    }
    ServiceAccountCredentials credentials =
        serviceAccount != null
            ? DelegatedCredentials.delegate(serviceAccount, delegatedAdmin, scopes)
            : DelegatedCredentials.fromKey(key(), delegatedAdmin, scopes);
    return new GoogleIdentityProvider(
        id,
        root,
        credentials,
        customerId,
        domain,
        pageSize,
        retry,
        requestsPerMinute,
        client.requestTimeout(),
        client.connectTimeout(),
        client.clock(),
        client.observer(),
        activityReports ? Map.copyOf(activityClients) : null);
  }

  private String key() {
    String key = requireNonNull(serviceAccountKey, "serviceAccountKey").get();
    if (key == null || key.isBlank()) {
      throw new AccessConfigurationException(
          "the Google serviceAccountKey supplier returned nothing; check where the key is kept");
    }
    return key;
  }

  private String validatedRootUrl() {
    URI url = client.endpoint("Google", "rootUrl", rootUrl, "https://admin.googleapis.com/");
    if (url.getRawQuery() != null) {
      throw new AccessConfigurationException(
          "Google rootUrl '" + rootUrl + "' has a query; give only https://admin.googleapis.com/");
    }
    String text = url.toString();
    // The client appends "admin/directory/v1/..." to the root as is.
    return text.endsWith("/") ? text : text + "/";
  }
}
