package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.jira.internal.IssueOps;
import dev.accessgov.jira.internal.JiraHttp;
import dev.accessgov.jira.internal.JiraSettings;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.retry.ClientSettings;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.Outbox;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JiraTicketing}. Required: {@link #baseUrl}, one credential ({@link
 * #basicAuth} or {@link #bearerToken}), and where issues go: {@link #project} (with {@link
 * #issueType}) or {@link #serviceDesk}. Secrets enter as suppliers, are read for every request (so
 * a rotated token is picked up) and never appear in logs, exceptions or {@code toString()}.
 */
public final class JiraTicketingBuilder {
  private ClientSettings client = DEFAULT_CLIENT;

  /** The client settings this builder starts from: Jira's defaults. */
  public static final ClientSettings DEFAULT_CLIENT =
      ClientSettings.builder()
          .maxAttempts(4)
          .initialBackoff(Duration.ofMillis(500))
          .maxBackoff(Duration.ofSeconds(30))
          .totalTimeout(Duration.ofSeconds(30))
          .requestTimeout(Duration.ofSeconds(10))
          .connectTimeout(Duration.ofSeconds(5))
          .clock(Clock.systemUTC())
          .build();

  private static final Pattern PROJECT_KEY = Pattern.compile("[A-Z][A-Z0-9_]{0,254}");
  private static final Pattern OAUTH_PATH = Pattern.compile("/ex/jira/[0-9a-fA-F-]{8,64}/?");

  private String id = "jira";
  private @Nullable String baseUrl;
  private @Nullable String email;
  private @Nullable Supplier<String> apiToken;
  private @Nullable Supplier<String> bearerToken;
  private @Nullable String project;
  private String issueType = "Task";
  private @Nullable String serviceDeskId;
  private @Nullable String requestTypeId;
  private final Map<RecordState, String> transitions = new EnumMap<>(RecordState.class);
  private @Nullable String resolution;
  private Function<RecordId, @Nullable URI> recordUrl = r -> null;
  private Outbox outbox = new InMemoryOutbox();
  private String propertyKey = "accessgov.record";
  private Duration openTimeout = Duration.ofSeconds(3);
  private Duration lateAfter = Duration.ofMinutes(1);

  JiraTicketingBuilder() {
    transitions.put(RecordState.PROVISIONING, "In Progress");
    transitions.put(RecordState.ACTIVE, "In Progress");
    transitions.put(RecordState.DEPROVISIONING, "In Progress");
    transitions.put(RecordState.DENIED, "Done");
    transitions.put(RecordState.REVOKED, "Done");
    transitions.put(RecordState.EXPIRED, "Done");
    transitions.put(RecordState.FAILED, "Done");
  }

  /** The provider id, written into ticket references and evidence. Default: {@code jira}. */
  public JiraTicketingBuilder id(String id) {
    this.id = requireNonNull(id, "id");
    return this;
  }

  /**
   * The site: {@code https://<site>.atlassian.net}, or for OAuth 2.0 (3LO) tokens {@code
   * https://api.atlassian.com/ex/jira/<cloudId>}. Required; https only.
   */
  public JiraTicketingBuilder baseUrl(String baseUrl) {
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    return this;
  }

  /**
   * Authenticate as an Atlassian account with an API token (HTTP Basic). The token supplier is
   * called for every request. Either this or {@link #bearerToken} is required.
   */
  public JiraTicketingBuilder basicAuth(String email, Supplier<String> apiToken) {
    this.email = requireNonNull(email, "email");
    this.apiToken = requireNonNull(apiToken, "apiToken");
    return this;
  }

  /**
   * Authenticate with an OAuth 2.0 access token ({@code Authorization: Bearer}), e.g. from a 3LO
   * app; use the {@code api.atlassian.com/ex/jira/<cloudId>} base URL. Called for every request.
   */
  public JiraTicketingBuilder bearerToken(Supplier<String> token) {
    this.bearerToken = requireNonNull(token, "token");
    return this;
  }

  /** The Jira project key issues are created in, e.g. {@code ACCESS}. Default: none. */
  public JiraTicketingBuilder project(String projectKey) {
    this.project = requireNonNull(projectKey, "projectKey");
    return this;
  }

  /** The issue type of created issues, by name or numeric id. Default: {@code Task}. */
  public JiraTicketingBuilder issueType(String issueType) {
    this.issueType = requireNonNull(issueType, "issueType");
    return this;
  }

  /**
   * Create issues as Jira Service Management requests of this service desk and request type
   * (numeric ids) instead of in a {@link #project}. Default: none.
   */
  public JiraTicketingBuilder serviceDesk(String serviceDeskId, String requestTypeId) {
    this.serviceDeskId = requireNonNull(serviceDeskId, "serviceDeskId");
    this.requestTypeId = requireNonNull(requestTypeId, "requestTypeId");
    return this;
  }

  /**
   * The name of the workflow transition that mirrors {@code state}, or null for none. Defaults:
   * {@code In Progress} for PROVISIONING, ACTIVE and DEPROVISIONING; {@code Done} for DENIED,
   * REVOKED, EXPIRED and FAILED; none for PENDING_APPROVAL (the issue's initial status).
   */
  public JiraTicketingBuilder transition(RecordState state, @Nullable String transitionName) {
    requireNonNull(state, "state");
    if (transitionName == null) {
      transitions.remove(state);
    } else {
      transitions.put(state, transitionName);
    }
    return this;
  }

  /**
   * The resolution set with the transition of a final state (DENIED, REVOKED, EXPIRED, FAILED),
   * e.g. {@code Done}; needs the resolution field on that transition's screen. Default: none, the
   * workflow sets it.
   */
  public JiraTicketingBuilder resolution(String resolution) {
    this.resolution = requireNonNull(resolution, "resolution");
    return this;
  }

  /**
   * The host's page for a record, linked from the issue as a remote link; the function may return
   * null for records without one. Default: no remote link.
   */
  public JiraTicketingBuilder recordUrl(Function<RecordId, @Nullable URI> recordUrl) {
    this.recordUrl = requireNonNull(recordUrl, "recordUrl");
    return this;
  }

  /** Where updates wait for Jira. Default: a new {@link InMemoryOutbox}. */
  public JiraTicketingBuilder outbox(Outbox outbox) {
    this.outbox = requireNonNull(outbox, "outbox");
    return this;
  }

  /**
   * The issue entity property holding the record id and state. Default: {@code accessgov.record}.
   */
  public JiraTicketingBuilder propertyKey(String propertyKey) {
    this.propertyKey = requireNonNull(propertyKey, "propertyKey");
    return this;
  }

  /**
   * How long {@link JiraTicketing#openOrLink} may wait for Jira to create an issue on the caller's
   * thread before handing out a pending key and leaving the create to the outbox. Default: 3 s.
   */
  public JiraTicketingBuilder openTimeout(Duration openTimeout) {
    this.openTimeout = requireNonNull(openTimeout, "openTimeout");
    return this;
  }

  /** How long a comment may wait in the outbox before it says it arrived late. Default: 1 min. */
  public JiraTicketingBuilder lateAfter(Duration lateAfter) {
    this.lateAfter = requireNonNull(lateAfter, "lateAfter");
    return this;
  }

  /**
   * How this provider talks to Jira: retries, timeouts, the time budget of one operation, plain
   * http for tests, the clock. Replaces all of them; start from {@link #DEFAULT_CLIENT} or share
   * one value across providers.
   */
  public JiraTicketingBuilder client(ClientSettings client) {
    this.client = requireNonNull(client, "client");
    return this;
  }

  /**
   * Changes some of the client settings and keeps the others, e.g. {@code client(c ->
   * c.totalTimeout(Duration.ofMinutes(2)))}.
   *
   * @throws AccessConfigurationException naming the setting that is out of bounds
   */
  public JiraTicketingBuilder client(UnaryOperator<ClientSettings.Builder> change) {
    this.client = requireNonNull(change, "change").apply(client.toBuilder()).build();
    return this;
  }

  /**
   * Builds the provider and starts its delivery thread. Makes no network call.
   *
   * @throws AccessConfigurationException naming the setting to fix
   */
  public JiraTicketing build() {
    if (id.isBlank()) {
      throw new AccessConfigurationException("Jira provider id is blank; give a non-blank id");
    }
    URI url = validatedBaseUrl();
    if ((apiToken == null) == (bearerToken == null)) {
      throw new AccessConfigurationException(
          "Jira needs exactly one credential: call basicAuth(email, apiToken) or bearerToken(...)");
    }
    if (email != null && !email.contains("@")) {
      throw new AccessConfigurationException(
          "Jira basicAuth e-mail '"
              + email
              + "' is not an e-mail address; give the account's e-mail");
    }
    if ((project == null) == (serviceDeskId == null)) {
      throw new AccessConfigurationException(
          "Jira needs exactly one place for issues: call project(\"KEY\") or serviceDesk(deskId, requestTypeId)");
    }
    if (project != null && !PROJECT_KEY.matcher(project).matches()) {
      throw new AccessConfigurationException(
          "Jira project key '"
              + project
              + "' is not a project key; expected upper case like ACCESS");
    }
    if (serviceDeskId != null && !(digits(serviceDeskId) && digits(requestTypeId))) {
      throw new AccessConfigurationException(
          "Jira serviceDesk ids must be numeric, were '"
              + serviceDeskId
              + "' and '"
              + requestTypeId
              + "'");
    }
    if (propertyKey.isBlank() || propertyKey.length() > 255) {
      throw new AccessConfigurationException(
          "Jira propertyKey must be 1 to 255 characters, was '" + propertyKey + "'");
    }
    RetrySettings retry = client.retry();
    positive("openTimeout", openTimeout);
    if (lateAfter.isNegative()) {
      throw new AccessConfigurationException(
          "Jira lateAfter must not be negative, was " + lateAfter);
    }
    Supplier<String> authorization = authorization();
    JiraHttp http =
        new JiraHttp(
                id,
                url,
                authorization,
                retry,
                client.requestTimeout(),
                client.connectTimeout(),
                client.clock())
            .observe(client.observer());
    JiraSettings settings =
        new JiraSettings(
            id,
            project,
            project == null ? null : issueType,
            serviceDeskId,
            requestTypeId,
            Map.copyOf(transitions),
            resolution,
            propertyKey,
            lateAfter);
    return new JiraTicketing(
        id,
        url,
        new IssueOps(http, settings),
        outbox,
        recordUrl,
        openTimeout,
        lateAfter,
        client.clock());
  }

  private Supplier<String> authorization() {
    if (bearerToken != null) {
      Supplier<String> token = bearerToken;
      return () -> {
        String t = token.get();
        return t == null || t.isBlank() ? "" : "Bearer " + t.trim();
      };
    }
    String user = requireNonNull(email);
    Supplier<String> token = requireNonNull(apiToken);
    return () -> {
      String t = token.get();
      return t == null || t.isBlank()
          ? ""
          : "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + t.trim()).getBytes(StandardCharsets.UTF_8));
    };
  }

  private URI validatedBaseUrl() {
    String example = "https://<site>.atlassian.net or https://api.atlassian.com/ex/jira/<cloudId>";
    if (baseUrl == null) {
      throw new AccessConfigurationException(
          "Jira baseUrl is not set; call baseUrl(\"" + example + "\")");
    }
    URI url = client.endpoint("Jira", "baseUrl", baseUrl, example);
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    boolean bare = path.isEmpty() || path.equals("/");
    if ((!bare && !OAUTH_PATH.matcher(path).matches()) || url.getRawQuery() != null) {
      throw new AccessConfigurationException(
          "Jira baseUrl '" + baseUrl + "' has an unexpected path or query; expected " + example);
    }
    String s = url.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  private static boolean digits(@Nullable String s) {
    return s != null && !s.isEmpty() && s.chars().allMatch(Character::isDigit);
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new AccessConfigurationException("Jira " + name + " must be positive, was " + value);
    }
  }
}
