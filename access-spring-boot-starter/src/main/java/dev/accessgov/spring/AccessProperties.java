package dev.accessgov.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code access.*} properties the auto-configuration reads. Credentials ({@code api-token},
 * {@code client-secret}, {@code private-key}, {@code service-account-key}) are best given as
 * environment variables ({@code ACCESS_PROVIDERS_OKTA_API_TOKEN}, ...); they are handed to the
 * providers behind a {@code Supplier}, never logged, and have no getter that {@code toString()} or
 * an error message would print.
 */
@ConfigurationProperties("access")
public class AccessProperties {
  private @Nullable Path catalogFile;
  private final Store store = new Store();
  private final Providers providers = new Providers();
  private Map<String, PersonProperties> people = new LinkedHashMap<>();
  private List<String> administrators = new ArrayList<>();
  private List<String> verifiedDomains = new ArrayList<>();
  private List<String> verifiedDomainsWithSubdomains = new ArrayList<>();
  private final Scheduler scheduler = new Scheduler();
  private Duration stuckAfter = Duration.ofMinutes(15);
  private final Health health = new Health();
  private final Metrics metrics = new Metrics();
  private final Evidence evidence = new Evidence();
  private final UsageEvidenceProperties usageEvidence = new UsageEvidenceProperties();
  private final Justification justification = new Justification();

  /**
   * A YAML or JSON catalog file ({@code .yaml}, {@code .yml}, {@code .json}) on the file system,
   * read at start-up; used when the application defines no {@code Catalog} bean. Default: none.
   */
  public @Nullable Path getCatalogFile() {
    return catalogFile;
  }

  /** Sets {@link #getCatalogFile()}. */
  public void setCatalogFile(@Nullable Path catalogFile) {
    this.catalogFile = catalogFile;
  }

  /** Where records and evidence are kept. */
  public Store getStore() {
    return store;
  }

  /** The identity providers built from properties. */
  public Providers getProviders() {
    return providers;
  }

  /**
   * People and their managers for the in-memory directory used when the application defines no
   * {@code PeopleDirectory} bean (for development): {@code access.people.bob.manager=carol}.
   */
  public Map<String, PersonProperties> getPeople() {
    return people;
  }

  /** Sets {@link #getPeople()}. */
  public void setPeople(Map<String, PersonProperties> people) {
    this.people = people;
  }

  /** People who may approve anything (the service's administrators). Default: none. */
  public List<String> getAdministrators() {
    return administrators;
  }

  /** Sets {@link #getAdministrators()}. */
  public void setAdministrators(List<String> administrators) {
    this.administrators = administrators;
  }

  /**
   * The organisation's verified e-mail domains, matched exactly (e.g. {@code acme.com}): accounts
   * outside them are marked unmanaged in reviews, reconcile findings and reports. Default: none,
   * nothing is marked.
   */
  public List<String> getVerifiedDomains() {
    return verifiedDomains;
  }

  /** Sets {@link #getVerifiedDomains()}. */
  public void setVerifiedDomains(List<String> verifiedDomains) {
    this.verifiedDomains = verifiedDomains;
  }

  /**
   * Verified domains whose subdomains are verified too (e.g. {@code acme.io} verifies {@code
   * eu.acme.io}). Default: none.
   */
  public List<String> getVerifiedDomainsWithSubdomains() {
    return verifiedDomainsWithSubdomains;
  }

  /** Sets {@link #getVerifiedDomainsWithSubdomains()}. */
  public void setVerifiedDomainsWithSubdomains(List<String> verifiedDomainsWithSubdomains) {
    this.verifiedDomainsWithSubdomains = verifiedDomainsWithSubdomains;
  }

  /** The background jobs (expiry, recovery, reviews, checkpoints). */
  public Scheduler getScheduler() {
    return scheduler;
  }

  /**
   * How long an in-flight (provisioning or deprovisioning) record may stay unchanged before health
   * and meters count it as stuck. Default: 15 minutes.
   */
  public Duration getStuckAfter() {
    return stuckAfter;
  }

  /** Sets {@link #getStuckAfter()}. */
  public void setStuckAfter(Duration stuckAfter) {
    this.stuckAfter = stuckAfter;
  }

  /** The Actuator health indicator. */
  public Health getHealth() {
    return health;
  }

  /** The Micrometer meters. */
  public Metrics getMetrics() {
    return metrics;
  }

  /** How evidence checkpoints are signed and published. */
  public Evidence getEvidence() {
    return evidence;
  }

  /** Whether and how usage evidence is recorded when time-bound access ends. */
  public UsageEvidenceProperties getUsageEvidence() {
    return usageEvidence;
  }

  /** The catalog-wide default justification rule. */
  public Justification getJustification() {
    return justification;
  }

  /**
   * {@code access.usage-evidence.*}: the service's {@code UsageEvidence} settings. Defaults are
   * those of {@code UsageEvidence.defaults()}.
   */
  public static class UsageEvidenceProperties {
    private boolean enabled = true;
    private Duration lookPast = Duration.ofMinutes(30);
    private Duration retryAfter = Duration.ofMinutes(10);
    private int maxAttempts = 3;
    private int maxEvents = 10_000;

    /**
     * Whether a time-bound grant that ends gets a USAGE_OBSERVED event from the identity providers'
     * activity logs ("not available from this provider" for those without one). Default: true.
     */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * How long after the end to look for activity that should not be there; 0 does not look past
     * the end. Default: 30 minutes.
     */
    public Duration getLookPast() {
      return lookPast;
    }

    /** Sets {@link #getLookPast()}. */
    public void setLookPast(Duration lookPast) {
      this.lookPast = lookPast;
    }

    /** How long after a failed, retryable question the expiry sweep asks again. Default: 10m. */
    public Duration getRetryAfter() {
      return retryAfter;
    }

    /** Sets {@link #getRetryAfter()}. */
    public void setRetryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
    }

    /** How many times one question is asked before "unavailable" stands. Default: 3. */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets {@link #getMaxAttempts()}. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * The most events read for one window; beyond it the count is a lower bound. Default: 10000.
     */
    public int getMaxEvents() {
      return maxEvents;
    }

    /** Sets {@link #getMaxEvents()}. */
    public void setMaxEvents(int maxEvents) {
      this.maxEvents = maxEvents;
    }
  }

  /**
   * {@code access.justification.*}: the catalog-wide default {@code JustificationRule}, for roles
   * whose own rule and whose tier's rule are not set. Unset (the default), the catalog's own
   * default applies; set, it replaces a catalog that has none, and a catalog file with a different
   * one is refused at start-up.
   */
  public static class Justification {
    private @Nullable Integer minLength;
    private @Nullable String ticketPattern;
    private boolean requireOpenTicket;

    /**
     * The fewest meaningful characters (letters and digits) a reason must have, 0 to 1000. Default:
     * none.
     */
    public @Nullable Integer getMinLength() {
      return minLength;
    }

    /** Sets {@link #getMinLength()}. */
    public void setMinLength(@Nullable Integer minLength) {
      this.minLength = minLength;
    }

    /**
     * A regular expression a ticket key must match, in the reason or the request's ticket key, e.g.
     * {@code [A-Z][A-Z0-9]+-\d+}. Default: none, no ticket required.
     */
    public @Nullable String getTicketPattern() {
      return ticketPattern;
    }

    /** Sets {@link #getTicketPattern()}. */
    public void setTicketPattern(@Nullable String ticketPattern) {
      this.ticketPattern = ticketPattern == null || ticketPattern.isBlank() ? null : ticketPattern;
    }

    /**
     * Whether the ticket must exist and be open in the ticketing system; needs {@code
     * ticket-pattern}. Default: false.
     */
    public boolean isRequireOpenTicket() {
      return requireOpenTicket;
    }

    /** Sets {@link #isRequireOpenTicket()}. */
    public void setRequireOpenTicket(boolean requireOpenTicket) {
      this.requireOpenTicket = requireOpenTicket;
    }

    /** Whether any of the properties is set. */
    boolean configured() {
      return minLength != null || ticketPattern != null || requireOpenTicket;
    }
  }

  /** {@code access.evidence.*}. */
  public static class Evidence {
    private @Nullable Path signingKey;
    private String origin = "access-governance";
    private boolean createKey;
    private @Nullable Path checkpointDir;

    /**
     * The Ed25519 private key (PKCS#8 PEM) that signs checkpoints. Default: none, and the evidence
     * log is not signed (health then shows no checkpoint age).
     */
    public @Nullable Path getSigningKey() {
      return signingKey;
    }

    /** Sets {@link #getSigningKey()}. */
    public void setSigningKey(@Nullable Path signingKey) {
      this.signingKey = signingKey;
    }

    /** The origin line of signed checkpoints. Default: {@code access-governance}. */
    public String getOrigin() {
      return origin;
    }

    /** Sets {@link #getOrigin()}. */
    public void setOrigin(String origin) {
      this.origin = origin;
    }

    /**
     * Whether a missing {@code signing-key} file is generated (owner-readable only), as an embedded
     * application keeping its key beside its store may want. Default: false.
     */
    public boolean isCreateKey() {
      return createKey;
    }

    /** Sets {@link #isCreateKey()}. */
    public void setCreateKey(boolean createKey) {
      this.createKey = createKey;
    }

    /**
     * A directory each signed checkpoint is also written to, ideally on another volume or host than
     * the store. Default: none.
     */
    public @Nullable Path getCheckpointDir() {
      return checkpointDir;
    }

    /** Sets {@link #getCheckpointDir()}. */
    public void setCheckpointDir(@Nullable Path checkpointDir) {
      this.checkpointDir = checkpointDir;
    }
  }

  /** The kinds of store {@code access.store.type} selects. */
  public enum StoreType {
    /** A SQLite file in {@code access.store.path}, for one instance of the application. */
    EMBEDDED,
    /** The application's {@code DataSource} (PostgreSQL, or H2), shared by its instances. */
    DATASOURCE,
    /** In memory, lost at shutdown: tests and demos only. */
    MEMORY
  }

  /** {@code access.store.*}. */
  public static class Store {
    private StoreType type = StoreType.EMBEDDED;
    private @Nullable Path path;

    /** Which store: {@code embedded} (default), {@code datasource} or {@code memory}. */
    public StoreType getType() {
      return type;
    }

    /** Sets {@link #getType()}. */
    public void setType(StoreType type) {
      this.type = type;
    }

    /** The embedded store's directory. Required with {@code access.store.type=embedded}. */
    public @Nullable Path getPath() {
      return path;
    }

    /** Sets {@link #getPath()}. */
    public void setPath(@Nullable Path path) {
      this.path = path;
    }
  }

  /** {@code access.scheduler.*}. */
  public static class Scheduler {
    private boolean enabled = true;

    /**
     * Whether this instance runs the background jobs (needs a durable store). Default: true; turn
     * it off on instances that should only serve requests.
     */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** {@code access.health.*}. */
  public static class Health {
    private String stuckStatus = "UP";

    /**
     * The health status reported while records are stuck in flight, when the store is reachable and
     * the scheduler runs: {@code UP} (default; the count is in the details and the {@code
     * access.inflight.stuck} gauge), or e.g. {@code OUT_OF_SERVICE}. See the module README.
     */
    public String getStuckStatus() {
      return stuckStatus;
    }

    /** Sets {@link #getStuckStatus()}. */
    public void setStuckStatus(String stuckStatus) {
      this.stuckStatus = stuckStatus;
    }
  }

  /** {@code access.metrics.*}. */
  public static class Metrics {
    private Duration statusCacheFor = Duration.ofSeconds(5);

    /**
     * How long the gauges reuse one reading of the runtime's status (which counts rows in the
     * store). Default: 5 seconds; zero reads it at every scrape.
     */
    public Duration getStatusCacheFor() {
      return statusCacheFor;
    }

    /** Sets {@link #getStatusCacheFor()}. */
    public void setStatusCacheFor(Duration statusCacheFor) {
      this.statusCacheFor = statusCacheFor;
    }
  }

  /** {@code access.people.<id>.*}. */
  public static class PersonProperties {
    private @Nullable String manager;

    /** The person's manager's id, or none. */
    public @Nullable String getManager() {
      return manager;
    }

    /** Sets {@link #getManager()}. */
    public void setManager(@Nullable String manager) {
      this.manager = manager == null || manager.isBlank() ? null : manager;
    }
  }

  /** {@code access.providers.*}. */
  public static class Providers {
    private final OktaProperties okta = new OktaProperties();
    private final EntraProperties entra = new EntraProperties();
    private final GoogleProperties google = new GoogleProperties();
    private Map<String, InMemoryProperties> inMemory = new LinkedHashMap<>();

    /** Okta, configured when {@code access.providers.okta.org-url} is set. */
    public OktaProperties getOkta() {
      return okta;
    }

    /** Entra ID, configured when {@code access.providers.entra.tenant-id} is set. */
    public EntraProperties getEntra() {
      return entra;
    }

    /** Google Workspace, configured when {@code access.providers.google.delegated-admin} is set. */
    public GoogleProperties getGoogle() {
      return google;
    }

    /**
     * In-memory identity providers by id, for tests and development: {@code
     * access.providers.in-memory.okta.users=bob} and {@code ...groups=gh-read}.
     */
    public Map<String, InMemoryProperties> getInMemory() {
      return inMemory;
    }

    /** Sets {@link #getInMemory()}. */
    public void setInMemory(Map<String, InMemoryProperties> inMemory) {
      this.inMemory = inMemory;
    }
  }

  /** {@code access.providers.in-memory.<id>.*}. */
  public static class InMemoryProperties {
    private List<String> users = new ArrayList<>();
    private List<String> groups = new ArrayList<>();

    /** Users (id = login) the provider knows. */
    public List<String> getUsers() {
      return users;
    }

    /** Sets {@link #getUsers()}. */
    public void setUsers(List<String> users) {
      this.users = users;
    }

    /** Groups the provider has, empty at start. */
    public List<String> getGroups() {
      return groups;
    }

    /** Sets {@link #getGroups()}. */
    public void setGroups(List<String> groups) {
      this.groups = groups;
    }
  }

  /** {@code access.providers.okta.*}. */
  public static class OktaProperties {
    private String id = "okta";
    private @Nullable String orgUrl;
    private @Nullable String apiToken;
    private @Nullable String clientId;
    private @Nullable String privateKey;
    private @Nullable String keyId;
    private List<String> scopes =
        new ArrayList<>(List.of("okta.users.read", "okta.groups.read", "okta.groups.manage"));

    /** The id catalog group references use. Default: {@code okta}. */
    public String getId() {
      return id;
    }

    /** Sets {@link #getId()}. */
    public void setId(String id) {
      this.id = id;
    }

    /** The org's base URL, e.g. {@code https://example.okta.com}. */
    public @Nullable String getOrgUrl() {
      return orgUrl;
    }

    /** Sets {@link #getOrgUrl()}. */
    public void setOrgUrl(@Nullable String orgUrl) {
      this.orgUrl = orgUrl;
    }

    boolean hasApiToken() {
      return apiToken != null && !apiToken.isBlank();
    }

    @Nullable String apiToken() {
      return apiToken;
    }

    /** An API token (SSWS); or use a service app with {@code client-id} and {@code private-key}. */
    public void setApiToken(@Nullable String apiToken) {
      this.apiToken = apiToken;
    }

    /** The service app's client id, with {@code private-key}. */
    public @Nullable String getClientId() {
      return clientId;
    }

    /** Sets {@link #getClientId()}. */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    @Nullable String privateKey() {
      return privateKey;
    }

    /** The service app's private key, PKCS#8 PEM. */
    public void setPrivateKey(@Nullable String privateKey) {
      this.privateKey = privateKey;
    }

    /** The service app key's {@code kid}, when the app has several. */
    public @Nullable String getKeyId() {
      return keyId;
    }

    /** Sets {@link #getKeyId()}. */
    public void setKeyId(@Nullable String keyId) {
      this.keyId = keyId;
    }

    /** The scopes a service app requests. Default: users read, groups read and manage. */
    public List<String> getScopes() {
      return scopes;
    }

    /** Sets {@link #getScopes()}. */
    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }
  }

  /** {@code access.providers.entra.*}. */
  public static class EntraProperties {
    private String id = "entra";
    private @Nullable String tenantId;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String graphBaseUrl;
    private @Nullable String authorityHost;

    /** The id catalog group references use. Default: {@code entra}. */
    public String getId() {
      return id;
    }

    /** Sets {@link #getId()}. */
    public void setId(String id) {
      this.id = id;
    }

    /** The directory (tenant) id. */
    public @Nullable String getTenantId() {
      return tenantId;
    }

    /** Sets {@link #getTenantId()}. */
    public void setTenantId(@Nullable String tenantId) {
      this.tenantId = tenantId;
    }

    /** The app registration's client id. */
    public @Nullable String getClientId() {
      return clientId;
    }

    /** Sets {@link #getClientId()}. */
    public void setClientId(@Nullable String clientId) {
      this.clientId = clientId;
    }

    @Nullable String clientSecret() {
      return clientSecret;
    }

    /** The app's client secret. */
    public void setClientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
    }

    /** Graph's v1.0 endpoint, for national clouds. Default: the provider's. */
    public @Nullable String getGraphBaseUrl() {
      return graphBaseUrl;
    }

    /** Sets {@link #getGraphBaseUrl()}. */
    public void setGraphBaseUrl(@Nullable String graphBaseUrl) {
      this.graphBaseUrl = graphBaseUrl;
    }

    /** Where tokens come from, for national clouds. Default: the provider's. */
    public @Nullable String getAuthorityHost() {
      return authorityHost;
    }

    /** Sets {@link #getAuthorityHost()}. */
    public void setAuthorityHost(@Nullable String authorityHost) {
      this.authorityHost = authorityHost;
    }
  }

  /** {@code access.providers.google.*}. */
  public static class GoogleProperties {
    private String id = "google";
    private @Nullable String serviceAccountKey;
    private @Nullable String delegatedAdmin;
    private @Nullable String customerId;
    private @Nullable String domain;
    private int requestsPerMinute;

    /** The id catalog group references use. Default: {@code google}. */
    public String getId() {
      return id;
    }

    /** Sets {@link #getId()}. */
    public void setId(String id) {
      this.id = id;
    }

    @Nullable String serviceAccountKey() {
      return serviceAccountKey;
    }

    /** The service account's JSON key, as Google issues it. */
    public void setServiceAccountKey(@Nullable String serviceAccountKey) {
      this.serviceAccountKey = serviceAccountKey;
    }

    /** The Workspace admin the service account acts as. */
    public @Nullable String getDelegatedAdmin() {
      return delegatedAdmin;
    }

    /** Sets {@link #getDelegatedAdmin()}. */
    public void setDelegatedAdmin(@Nullable String delegatedAdmin) {
      this.delegatedAdmin = delegatedAdmin;
    }

    /** The Workspace customer id. Default: the provider's ({@code my_customer}). */
    public @Nullable String getCustomerId() {
      return customerId;
    }

    /** Sets {@link #getCustomerId()}. */
    public void setCustomerId(@Nullable String customerId) {
      this.customerId = customerId;
    }

    /** The primary domain bare names are looked up in. Default: none. */
    public @Nullable String getDomain() {
      return domain;
    }

    /** Sets {@link #getDomain()}. */
    public void setDomain(@Nullable String domain) {
      this.domain = domain;
    }

    /** Calls a minute to pace to (the project's quota). Default: 0, no pacing. */
    public int getRequestsPerMinute() {
      return requestsPerMinute;
    }

    /** Sets {@link #getRequestsPerMinute()}. */
    public void setRequestsPerMinute(int requestsPerMinute) {
      this.requestsPerMinute = requestsPerMinute;
    }
  }
}
