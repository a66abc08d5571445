package dev.accessgov.jira.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A stateful Jira Cloud site on WireMock: issues with labels, statuses, entity properties,
 * comments, remote links (by global id) and JSM approvals, a global workflow {@code To Do → In
 * Progress → Done} (plus an {@code Approved} status only reachable by hand), served in the shapes
 * of jira-platform-v3.trimmed.json. It can be taken down (503), script failures, count requests and
 * hold one in flight. Thread-safe.
 */
public final class JiraEmulator implements AutoCloseable {
  /** The account e-mail the emulator accepts with {@link #TOKEN}. */
  public static final String EMAIL = "bot@example.com";

  /** The API token (or OAuth bearer token) the emulator accepts. */
  public static final String TOKEN = "emulated-jira-api-token-0123456789";

  /** The project key the emulator accepts. */
  public static final String PROJECT = "ACCESS";

  /** The JSM service desk over {@link #PROJECT}. */
  public static final String SERVICE_DESK = ServiceDeskRoutes.DESK;

  /** A portal request type with a summary and a description, and no labels field. */
  public static final String REQUEST_TYPE = "17";

  /** A request type that also has the Labels field. */
  public static final String LABELLED_REQUEST_TYPE = "18";

  /** A request type with a required field the provider cannot fill (the requester's manager). */
  public static final String MANAGER_REQUEST_TYPE = "19";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISSUE = Pattern.compile("/rest/api/3/issue/([^/]+)(/.*)?");
  private static final Pattern PROPERTY = Pattern.compile("/properties/([^/]+)");
  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");
  private static final Map<String, String> TRANSITIONS =
      Map.of("11", "To Do", "21", "In Progress", "31", "Done", "41", "Declined");

  private final WireMockServer server;
  private final ServiceDeskRoutes serviceDesk = new ServiceDeskRoutes();
  private final FieldRoutes fieldRoutes = new FieldRoutes();
  private final Map<String, @Nullable String> users = new LinkedHashMap<>();
  private final Map<String, EmuIssue> issues = new LinkedHashMap<>();
  private final Deque<Integer> failures = new ArrayDeque<>();
  private final AtomicLong requestIds = new AtomicLong();
  private final Map<String, AtomicLong> counts = new HashMap<>();
  private final Map<String, AtomicLong> schemes = new HashMap<>();
  private final List<Hold> holds = new ArrayList<>();
  private boolean down;
  private long nextId = 10000;
  private long nextComment = 20000;

  /** An issue as the emulator holds it. */
  public static final class EmuIssue {
    final String id;
    final String key;
    final ObjectNode fields;
    String status = "To Do";
    @Nullable String resolution;
    final Map<String, JsonNode> properties = new LinkedHashMap<>();
    final List<ObjectNode> comments = new ArrayList<>();
    final Map<String, JsonNode> remoteLinks = new LinkedHashMap<>();
    final List<ObjectNode> approvals = new ArrayList<>();

    EmuIssue(String id, String key, ObjectNode fields) {
      this.id = id;
      this.key = key;
      this.fields = fields;
    }
  }

  /** Starts an emulator on a free localhost port. */
  public JiraEmulator() {
    server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(16)
                .extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** The base URL to give the provider. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The WireMock server, for its request journal. */
  public WireMockServer server() {
    return server;
  }

  /** Adds an issue directly, as a person would; returns its key. */
  public synchronized String existingIssue(String summary) {
    ObjectNode fields = JSON.createObjectNode().put("summary", summary);
    fields.putArray("labels");
    return put(fields).key;
  }

  /**
   * Adds an issue as the JSM portal does when a customer raises a request: {@code fields} as Jira's
   * REST representation holds them (reporter, request type, custom fields). Returns the issue as a
   * webhook carries it: {@code id}, {@code self}, {@code key} and the fields.
   */
  public synchronized ObjectNode portalRequest(ObjectNode fields) {
    ObjectNode copy = fields.deepCopy();
    if (!copy.has("labels")) {
      copy.putArray("labels");
    }
    EmuIssue issue = put(copy);
    ObjectNode out =
        JSON.createObjectNode()
            .put("id", issue.id)
            .put("self", baseUrl() + "/rest/api/3/issue/" + issue.id)
            .put("key", issue.key);
    out.set("fields", copy.deepCopy());
    return out;
  }

  /**
   * Adds an Atlassian account; {@code email} null means its owner's privacy settings hide the
   * address, as {@code getUser} then answers.
   */
  public synchronized void user(String accountId, @Nullable String email) {
    users.put(accountId, email);
  }

  private ResponseDefinitionBuilder user(@Nullable String accountId) {
    if (accountId == null || accountId.isBlank()) {
      return error(400, "The accountId query parameter needs to be provided.");
    }
    if (!users.containsKey(accountId)) {
      return error(404, "Specified user does not exist or you do not have required permissions");
    }
    ObjectNode u =
        JSON.createObjectNode()
            .put("self", baseUrl() + "/rest/api/3/user?accountId=" + accountId)
            .put("accountId", accountId)
            .put("accountType", "atlassian")
            .put("active", true)
            .put("displayName", accountId)
            .put("timeZone", "Europe/Berlin");
    String email = users.get(accountId);
    if (email != null) {
      u.put("emailAddress", email);
    }
    return json(200, u);
  }

  /** Adds a custom select-list field with one context and these options. */
  public synchronized void selectField(String fieldId, boolean globalContext, String... options) {
    fieldRoutes.field(fieldId, globalContext, options);
  }

  /** Adds another context to a custom select-list field. */
  public synchronized void selectFieldContext(String fieldId, boolean global, String... options) {
    fieldRoutes.field(fieldId, global, options);
  }

  /** The option values of a field's first context, in order. */
  public synchronized List<String> options(String fieldId) {
    List<FieldRoutes.Context> contexts = fieldRoutes.contexts(fieldId);
    List<String> out = new ArrayList<>();
    if (contexts != null) {
      contexts.get(0).options.forEach(o -> out.add(o.value()));
    }
    return out;
  }

  /** While false, the custom field endpoints answer 403, as for a caller who is no Jira admin. */
  public synchronized void fieldAdmin(boolean admin) {
    fieldRoutes.admin(admin);
  }

  /** While true, every request is answered 503, as during an outage. */
  public synchronized JiraEmulator down(boolean down) {
    this.down = down;
    return this;
  }

  /**
   * Answers the next {@code times} requests with {@code status} (429 carries Retry-After: 0; -1
   * resets the connection; -2 answers 200 with a body that is not JSON, as a proxy's page).
   */
  public synchronized JiraEmulator failNext(int times, int status) {
    for (int i = 0; i < times; i++) {
      failures.add(status);
    }
    return this;
  }

  /**
   * Holds the next request with this method and a path starting with {@code pathPrefix} on arrival
   * (it is counted then): it is answered, as the emulator stands at that moment, only once the hold
   * is released. Other requests go on meanwhile.
   */
  public synchronized Hold hold(String method, String pathPrefix) {
    Hold hold = new Hold(method + " " + pathPrefix);
    holds.add(hold);
    return hold;
  }

  /**
   * Waits until at least {@code n} requests with this method and path prefix have arrived; false
   * when {@code timeout} passed first.
   */
  public synchronized boolean awaitCount(String method, String pathPrefix, long n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(method, pathPrefix) < n) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /**
   * How many requests arrived with an {@code Authorization} header of this scheme ({@code Basic},
   * {@code Bearer}), answered or not.
   */
  public synchronized long countAuthorizedBy(String scheme) {
    AtomicLong n = schemes.get(scheme);
    return n == null ? 0 : n.get();
  }

  /** A request held on arrival until released; see {@link #hold}. */
  public static final class Hold implements AutoCloseable {
    private final String request;
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch answered = new CountDownLatch(1);

    private Hold(String request) {
      this.request = request;
    }

    /** Waits until the held request arrived; false when {@code timeout} passed first. */
    public boolean awaitArrival(Duration timeout) throws InterruptedException {
      return arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Lets the request be answered; no request is held by this hold afterwards. */
    public void release() {
      released.countDown();
    }

    /**
     * Waits until the emulator has acted on the released request (created the issue, say), whether
     * or not the client still listened; false when {@code timeout} passed first.
     */
    public boolean awaitAnswered(Duration timeout) throws InterruptedException {
      return answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Releases. */
    @Override
    public void close() {
      release();
    }

    private boolean matches(String methodAndPath) {
      return arrived.getCount() > 0 && released.getCount() > 0 && methodAndPath.startsWith(request);
    }

    private void awaitRelease() {
      try {
        // A liveness bound only: tests release their holds, and close() releases every hold.
        if (!released.await(5, TimeUnit.MINUTES)) {
          throw new IllegalStateException("hold of " + request + " was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Moves an issue's status by hand, without a transition or approval. */
  public synchronized void moveStatus(String key, String status) {
    issue(key).status = status;
  }

  /**
   * Adds a JSM approval to an issue: {@code decisions} maps approver account ids to their decision.
   */
  public synchronized void approval(
      String key, String approvalId, String finalDecision, Map<String, String> decisions) {
    ObjectNode a =
        JSON.createObjectNode()
            .put("id", approvalId)
            .put("name", "Access approval")
            .put("finalDecision", finalDecision);
    ArrayNode approvers = a.putArray("approvers");
    decisions.forEach(
        (account, decision) -> {
          ObjectNode ap = approvers.addObject();
          ap.putObject("approver").put("accountId", account).put("displayName", account);
          ap.put("approverDecision", decision);
        });
    a.put("canAnswerApproval", false);
    issue(key).approvals.add(a);
  }

  /** Every issue's key, in creation order. */
  public synchronized List<String> issueKeys() {
    return new ArrayList<>(issues.keySet());
  }

  /** The plain text of each comment on an issue, oldest first. */
  public synchronized List<String> comments(String key) {
    List<String> out = new ArrayList<>();
    for (ObjectNode c : issue(key).comments) {
      out.add(dev.accessgov.jira.internal.Adf.plainText(c.path("body")));
    }
    return out;
  }

  /** The issue's status name. */
  public synchronized String status(String key) {
    return issue(key).status;
  }

  /** The issue's resolution, or null. */
  public synchronized @Nullable String resolution(String key) {
    return issue(key).resolution;
  }

  /** An entity property's value, or null. */
  public synchronized @Nullable JsonNode property(String key, String propertyKey) {
    return issue(key).properties.get(propertyKey);
  }

  /** The remote links of an issue. */
  public synchronized List<JsonNode> remoteLinks(String key) {
    return new ArrayList<>(issue(key).remoteLinks.values());
  }

  /** The issue's labels. */
  public synchronized List<String> labels(String key) {
    List<String> out = new ArrayList<>();
    issue(key).fields.path("labels").forEach(l -> out.add(l.asText()));
    return out;
  }

  /** How many requests with this method and path prefix arrived so far, held ones included. */
  public synchronized long count(String method, String pathPrefix) {
    long n = 0;
    for (var e : counts.entrySet()) {
      if (e.getKey().startsWith(method + " " + pathPrefix)) {
        n += e.getValue().get();
      }
    }
    return n;
  }

  @Override
  public void close() {
    synchronized (this) {
      holds.forEach(Hold::release);
      holds.clear();
    }
    server.stop();
  }

  private EmuIssue issue(String keyOrId) {
    for (EmuIssue i : issues.values()) {
      if (i.key.equals(keyOrId) || i.id.equals(keyOrId)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no issue " + keyOrId);
  }

  /** The issue with this key or id, or null. */
  @Nullable EmuIssue findIssue(String keyOrId) {
    return find(keyOrId);
  }

  /** Adds an issue with these fields, as a create does. */
  EmuIssue addIssue(ObjectNode fields) {
    return put(fields);
  }

  /** Defines (or replaces) a request type of the service desk, with these field ids. */
  public synchronized void requestType(String id, String... fieldIds) {
    ObjectNode[] fields = new ObjectNode[fieldIds.length];
    for (int i = 0; i < fieldIds.length; i++) {
      String f = fieldIds[i];
      boolean system = !f.startsWith("customfield_");
      fields[i] =
          ServiceDeskRoutes.field(
              f,
              f,
              f.equals("summary"),
              f.equals("labels") ? "array" : "string",
              system ? f : null);
    }
    serviceDesk.requestType(id, fields);
  }

  private @Nullable EmuIssue find(String keyOrId) {
    for (EmuIssue i : issues.values()) {
      if (i.key.equals(keyOrId) || i.id.equals(keyOrId)) {
        return i;
      }
    }
    return null;
  }

  private EmuIssue put(ObjectNode fields) {
    String id = Long.toString(nextId++);
    EmuIssue issue = new EmuIssue(id, PROJECT + "-" + (issues.size() + 1), fields);
    issues.put(issue.key, issue);
    return issue;
  }

  /** Counts a request as it arrives; returns the hold it must wait for, or null. */
  private synchronized @Nullable Hold arrive(ServeEvent event) {
    var request = event.getRequest();
    String methodAndPath =
        request.getMethod().getName() + " " + request.getUrl().split("\\?", 2)[0];
    counts.computeIfAbsent(methodAndPath, k -> new AtomicLong()).incrementAndGet();
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      schemes
          .computeIfAbsent(authorization.split(" ", 2)[0], k -> new AtomicLong())
          .incrementAndGet();
    }
    notifyAll();
    for (Hold hold : holds) {
      if (hold.matches(methodAndPath)) {
        hold.arrived.countDown();
        return hold;
      }
    }
    return null;
  }

  private synchronized ResponseDefinition answer(ServeEvent event) {
    var request = event.getRequest();
    String method = request.getMethod().getName();
    String path = request.getUrl().split("\\?", 2)[0];
    ResponseDefinitionBuilder response;
    Integer failure = failures.poll();
    // The JSM API answers errors in its own shape (ErrorResponse), the platform API in its own.
    boolean jsm = path.startsWith("/rest/servicedeskapi/");
    if (down) {
      response = anyError(jsm, 503, "Service unavailable (emulated outage)");
    } else if (failure != null && failure == -1) {
      response = aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
    } else if (failure != null && failure == -2) {
      response =
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "text/html")
              .withBody("<html><body>Gateway says hello</body></html>");
    } else if (failure != null) {
      response = anyError(jsm, failure, "Emulated failure");
      if (failure == 429) {
        response.withHeader("Retry-After", "0");
      }
    } else if (!authorized(request.getHeader("Authorization"))) {
      response = anyError(jsm, 401, "Client must be authenticated to access this resource.");
    } else {
      try {
        response = route(method, path, query(request.getUrl()), request.getBodyAsString());
      } catch (IllegalArgumentException | java.io.IOException e) {
        response = error(400, e.getMessage());
      }
    }
    return response.withHeader("X-AREQUESTID", "emu-" + requestIds.incrementAndGet()).build();
  }

  private static ResponseDefinitionBuilder anyError(boolean jsm, int status, String message) {
    return jsm
        ? ServiceDeskRoutes.error(status, message, "emulator.error")
        : error(status, message);
  }

  private static boolean authorized(@Nullable String header) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((EMAIL + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
    return basic.equals(header) || ("Bearer " + TOKEN).equals(header);
  }

  private ResponseDefinitionBuilder route(
      String method, String path, Map<String, String> q, String body) throws java.io.IOException {
    if (method.equals("POST") && path.equals("/rest/api/3/issue")) {
      return createIssue((ObjectNode) JSON.readTree(body));
    }
    if (path.startsWith("/rest/servicedeskapi/")) {
      ResponseDefinitionBuilder jsm = serviceDesk.route(this, method, path, body);
      return jsm != null
          ? jsm
          : ServiceDeskRoutes.error(
              404, "No such endpoint in the emulator: " + method + " " + path, "emulator.error");
    }
    if (path.startsWith("/rest/api/3/field/")) {
      ResponseDefinitionBuilder field = fieldRoutes.route(method, path, q, body);
      if (field != null) {
        return field;
      }
    }
    if (method.equals("GET") && path.equals("/rest/api/3/user")) {
      return user(q.get("accountId"));
    }
    if (method.equals("GET") && path.equals("/rest/api/3/search/jql")) {
      return search(q.getOrDefault("jql", ""));
    }
    Matcher m = ISSUE.matcher(path);
    if (!m.matches()) {
      return error(404, "No such endpoint in the emulator: " + method + " " + path);
    }
    EmuIssue issue = find(decode(m.group(1)));
    if (issue == null) {
      return error(404, "Issue does not exist or you do not have permission to see it.");
    }
    String rest = m.group(2) == null ? "" : m.group(2);
    return IssueRoutes.route(this, issue, method, rest, q, body);
  }

  private ResponseDefinitionBuilder createIssue(ObjectNode body) {
    ObjectNode fields = (ObjectNode) body.path("fields");
    if (!PROJECT.equals(fields.path("project").path("key").asText())) {
      return error(400, null, "project", "valid project is required");
    }
    if (fields.path("summary").asText().isBlank()) {
      return error(400, null, "summary", "You must specify a summary of the issue.");
    }
    EmuIssue issue = put(fields.deepCopy());
    for (JsonNode p : body.path("properties")) {
      issue.properties.put(p.path("key").asText(), p.path("value"));
    }
    return json(
        201,
        JSON.createObjectNode()
            .put("id", issue.id)
            .put("key", issue.key)
            .put("self", baseUrl() + "/rest/api/3/issue/" + issue.id));
  }

  private ResponseDefinitionBuilder search(String jql) {
    Matcher m = LABEL.matcher(jql);
    ObjectNode page = JSON.createObjectNode().put("isLast", true);
    ArrayNode found = page.putArray("issues");
    if (m.find()) {
      for (EmuIssue i : issues.values()) {
        for (JsonNode l : i.fields.path("labels")) {
          if (l.asText().equals(m.group(1))) {
            found.addObject().put("id", i.id).put("key", i.key);
          }
        }
      }
    }
    return json(200, page);
  }

  synchronized ObjectNode newComment(JsonNode body) {
    ObjectNode c = JSON.createObjectNode().put("id", Long.toString(nextComment++));
    c.set("body", body);
    c.putObject("author")
        .put("accountId", "emu-bot")
        .put("displayName", "access bot")
        .put("active", true);
    c.put("created", "2026-01-05T09:00:00.000Z");
    return c;
  }

  static Map<String, String> transitions() {
    return TRANSITIONS;
  }

  static String propertyKey(String rest) {
    Matcher m = PROPERTY.matcher(rest);
    return m.matches() ? decode(m.group(1)) : "";
  }

  private static Map<String, String> query(String url) {
    Map<String, String> query = new HashMap<>();
    int q = url.indexOf('?');
    if (q >= 0) {
      for (String pair : url.substring(q + 1).split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
      }
    }
    return query;
  }

  static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  static ResponseDefinitionBuilder json(int status, JsonNode body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString());
  }

  static ResponseDefinitionBuilder error(int status, @Nullable String message) {
    return error(status, message, null, null);
  }

  static ResponseDefinitionBuilder error(
      int status, @Nullable String message, @Nullable String field, @Nullable String fieldError) {
    ObjectNode e = JSON.createObjectNode();
    ArrayNode messages = e.putArray("errorMessages");
    if (message != null) {
      messages.add(message);
    }
    ObjectNode errors = e.putObject("errors");
    if (field != null) {
      errors.put(field, fieldError);
    }
    return json(status, e);
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      Hold hold = arrive(serveEvent);
      if (hold == null) {
        return answer(serveEvent);
      }
      hold.awaitRelease(); // outside the emulator's lock, so other requests go on
      ResponseDefinition answer = answer(serveEvent);
      hold.answered.countDown();
      return answer;
    }

    @Override
    public String getName() {
      return "jira-emulator";
    }
  }
}
