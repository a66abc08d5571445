package dev.accessgov.google.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.google.emulator.GoogleJson.EmuGroup;
import dev.accessgov.google.emulator.GoogleJson.EmuUser;
import dev.accessgov.testkit.ScriptedFailures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stateful Google Admin SDK Directory API on WireMock, for tests and benchmarks: users (with
 * aliases and last logins), groups (with aliases) and their members, served in the shapes of the
 * API's discovery document, with Google's error bodies, an optional per-user quota answered with
 * 403 {@code userRateLimitExceeded} (or 429), scripted failures, and the OAuth token endpoint a
 * service account's key points at ({@link TokenEndpoint}). Every request stays in WireMock's
 * journal, so tests can check them with {@link DirectoryRequestValidator}. Thread-safe.
 */
public final class GoogleEmulator implements AutoCloseable, AfterAllCallback {
  /** The customer id of the emulated Workspace. */
  public static final String CUSTOMER = "C0emulat3d";

  private static final String PREFIX = "/admin/directory/v1/";
  private static final Pattern USER = Pattern.compile(PREFIX + "users/([^/]+)");
  private static final Pattern GROUP = Pattern.compile(PREFIX + "groups/([^/]+)");
  private static final Pattern MEMBERS = Pattern.compile(PREFIX + "groups/([^/]+)/members");
  private static final Pattern MEMBER = Pattern.compile(PREFIX + "groups/([^/]+)/members/([^/]+)");
  private static final Pattern ACTIVITIES =
      Pattern.compile("/admin/reports/v1/activity/users/([^/]+)/applications/([^/]+)");
  private static final Pattern HAS_MEMBER =
      Pattern.compile(PREFIX + "groups/([^/]+)/hasMember/([^/]+)");

  /** The scope the Reports API's {@code activities.list} needs. */
  public static final String REPORTS_SCOPE =
      "https://www.googleapis.com/auth/admin.reports.audit.readonly";

  private final WireMockServer server;
  private final TokenEndpoint tokens = new TokenEndpoint();
  private final Map<String, EmuUser> users = new LinkedHashMap<>();
  private final Map<String, EmuGroup> groups = new LinkedHashMap<>();
  private final Map<String, TreeSet<String>> members = new HashMap<>();
  private final ScriptedFailures<EmulatedFailure> failures = new ScriptedFailures<>();
  private final ReportsLog reports = new ReportsLog();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong ids = new AtomicLong(100_000_000_000_000_000L);
  private int limit = 100_000;
  private long windowMillis = 60_000;
  private int throttleStatus = 403;
  private long windowStart = -1;
  private long windowCount;

  /** Starts an emulator on a free localhost port. */
  public GoogleEmulator() {
    server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(24)
                .extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
  }

  /** The root URL to give the provider, e.g. {@code http://127.0.0.1:PORT/}. */
  public String rootUrl() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** The token endpoint to put in a service account's key as {@code token_uri}. */
  public String tokenUri() {
    return rootUrl() + "token";
  }

  /** The OAuth token endpoint, to trust a key and read what was asked of it. */
  public TokenEndpoint tokens() {
    return tokens;
  }

  /** The WireMock server, for its request journal. */
  public WireMockServer server() {
    return server;
  }

  /** Forgets every user, group, failure, quota count and recorded request; keeps trusted keys. */
  public synchronized GoogleEmulator reset() {
    users.clear();
    groups.clear();
    members.clear();
    reports.clear();
    failures.clear();
    throttled.set(0);
    limit = 100_000;
    windowMillis = 60_000;
    throttleStatus = 403;
    windowStart = -1;
    server.resetRequests();
    return this;
  }

  /** Adds an active user; {@code lastLogin} null means never signed in. Returns the user id. */
  public synchronized String user(String primaryEmail, @Nullable Instant lastLogin) {
    String id = Long.toString(ids.incrementAndGet());
    users.put(id, new EmuUser(id, primaryEmail, List.of(), CUSTOMER, false, lastLogin));
    return id;
  }

  /** Adds a user with an id of the test's choosing, aliases and a customer id. */
  public synchronized GoogleEmulator user(
      String id, String primaryEmail, List<String> aliases, String customerId, boolean suspended) {
    users.put(id, new EmuUser(id, primaryEmail, List.copyOf(aliases), customerId, suspended, null));
    return this;
  }

  /**
   * Reports {@code login_success} events of the user at each of {@code times} (the login report).
   */
  public synchronized GoogleEmulator loginSuccess(String userId, Instant... times) {
    for (Instant at : times) {
      reports.add(
          activity(userId, "login", "login_success", Map.of("login_type", "google_password"), at));
    }
    return this;
  }

  /**
   * Reports {@code authorize} events of the user for the OAuth client {@code clientId} at each of
   * {@code times} (the token report).
   */
  public synchronized GoogleEmulator tokenAuthorized(
      String userId, String clientId, Instant... times) {
    for (Instant at : times) {
      reports.add(
          activity(
              userId,
              "token",
              "authorize",
              Map.of("client_id", clientId, "app_name", "Emulated app"),
              at));
    }
    return this;
  }

  private ReportsLog.Entry activity(
      String userId, String application, String event, Map<String, String> parameters, Instant at) {
    EmuUser u = users.get(userId);
    return new ReportsLog.Entry(
        Long.toString(-1_000_000L - reports.size()),
        userId,
        u == null ? userId : u.primaryEmail(),
        application,
        event,
        parameters,
        at);
  }

  /** Adds an empty group with this id, e-mail and aliases. */
  public synchronized GoogleEmulator group(String id, String email, String... aliases) {
    groups.put(id, new EmuGroup(id, email, List.of(aliases)));
    members.put(id, new TreeSet<>());
    return this;
  }

  /** Puts a user into a group directly, as an admin in the console would. */
  public synchronized GoogleEmulator member(String groupId, String userId) {
    members.get(groupId).add(userId);
    return this;
  }

  /**
   * Makes group {@code childGroupId} a member of {@code parentGroupId}: the child's members are
   * then nested (indirect) members of the parent, as the discovery document's {@code Member} ("A
   * member can be a user or another group") allows.
   */
  public synchronized GoogleEmulator nestedGroup(String parentGroupId, String childGroupId) {
    members.get(parentGroupId).add(childGroupId);
    return this;
  }

  /** Takes a user out of a group directly (benchmarks reset with it). */
  public synchronized GoogleEmulator nonMember(String groupId, String userId) {
    members.get(groupId).remove(userId);
    return this;
  }

  /** The ids of a group's direct members (users and nested groups) right now. */
  public synchronized List<String> memberIds(String groupId) {
    return new ArrayList<>(members.get(groupId));
  }

  /**
   * Allows {@code limit} Directory requests per window of {@code windowMillis}, then answers 403
   * {@code userRateLimitExceeded} (Google's per-user quota) until the window ends.
   */
  public synchronized GoogleEmulator quota(int limit, long windowMillis) {
    this.limit = limit;
    this.windowMillis = windowMillis;
    return this;
  }

  /** Answers quota breaches with 429 {@code rateLimitExceeded} instead of 403. */
  public synchronized GoogleEmulator throttleWith429() {
    this.throttleStatus = 429;
    return this;
  }

  /** Scripts the next {@code times} Directory requests (of any kind) to misbehave. */
  public synchronized GoogleEmulator failNext(int times, EmulatedFailure failure) {
    return failNext(times, ScriptedFailures.ANY, failure);
  }

  /** Scripts the next {@code times} Directory requests with {@code method} to misbehave. */
  public synchronized GoogleEmulator failNext(int times, String method, EmulatedFailure failure) {
    failures.add(times, method, failure);
    return this;
  }

  /** How many requests the emulated quota refused. */
  public long throttledCount() {
    return throttled.get();
  }

  /**
   * Stops the emulator after the test class, when it is registered as a JUnit extension:
   * {@code @RegisterExtension static final GoogleEmulator x = new GoogleEmulator();}.
   */
  @Override
  public void afterAll(ExtensionContext context) {
    // Nested classes inherit the extension and end first; the emulator serves them all.
    if (!context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
      close();
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private synchronized ResponseDefinition answer(ServeEvent event) {
    var request = event.getRequest();
    String method = request.getMethod().getName();
    String path = request.getUrl().split("\\?", 2)[0];
    if (path.equals("/token") && method.equals("POST")) {
      return tokens.answer(request.getBodyAsString()).build();
    }
    long now = System.currentTimeMillis();
    long start = now - now % windowMillis;
    if (start != windowStart) {
      windowStart = start;
      windowCount = 0;
    }
    if (++windowCount > limit) {
      throttled.incrementAndGet();
      return throttle().build();
    }
    EmulatedFailure failure = failures.next(method);
    if (failure != null && !failure.applyFirst()) {
      if (failure.fault() != null) {
        return aResponse().withFault(failure.fault()).build();
      }
      if (failure.malformed()) {
        return aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json; charset=UTF-8")
            .withBody("{\"kind\": \"admin#directory#us")
            .build();
      }
      return error(failure.status(), "Emulated failure", failure.reason()).build();
    }
    ResponseDefinitionBuilder response = route(method, path, request);
    if (failure != null) {
      response = failure.fault() != null ? aResponse().withFault(failure.fault()) : response;
      response.withFixedDelay((int) failure.delayMillis());
    }
    return response.build();
  }

  private ResponseDefinitionBuilder throttle() {
    return throttleStatus == 429
        ? error(429, "Quota exceeded for quota metric 'Queries'.", "rateLimitExceeded")
        : error(
            403,
            "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'.",
            "userRateLimitExceeded");
  }

  private ResponseDefinitionBuilder route(
      String method, String path, com.github.tomakehurst.wiremock.http.Request request) {
    if (!tokens.accepts(request.getHeader("Authorization"))) {
      return error(401, "Request had invalid authentication credentials.", "authError");
    }
    Matcher activities = ACTIVITIES.matcher(path);
    if (activities.matches() && method.equals("GET")) {
      if (!tokens.grants(request.getHeader("Authorization"), REPORTS_SCOPE)) {
        return error(403, "Request had insufficient authentication scopes.", "forbidden");
      }
      ReportsLog.Reply reply =
          reports.list(
              decode(activities.group(1)),
              decode(activities.group(2)),
              query(request.getUrl()),
              key -> {
                EmuUser u = findUser(key);
                return u == null ? null : u.id();
              });
      return reply.reason() == null
          ? json(reply.status(), reply.body())
          : error(reply.status(), reply.body(), reply.reason());
    }
    Matcher m = HAS_MEMBER.matcher(path);
    if (m.matches() && method.equals("GET")) {
      return withGroup(m, g -> hasMember(g, decode(m.group(2))));
    }
    Matcher member = MEMBER.matcher(path);
    if (member.matches() && method.equals("DELETE")) {
      return withGroup(member, g -> removeMember(g, decode(member.group(2))));
    }
    if (member.matches() && method.equals("GET")) {
      return withGroup(member, g -> getMember(g, decode(member.group(2))));
    }
    Matcher list = MEMBERS.matcher(path);
    if (list.matches() && method.equals("POST")) {
      return withGroup(list, g -> insert(g, request.getBodyAsString()));
    }
    if (list.matches() && method.equals("GET")) {
      Map<String, String> query = query(request.getUrl());
      return withGroup(list, g -> list(g, query));
    }
    Matcher group = GROUP.matcher(path);
    if (group.matches() && method.equals("GET")) {
      return withGroup(group, g -> json(200, GoogleJson.group(g, members.get(g.id()).size())));
    }
    Matcher user = USER.matcher(path);
    if (user.matches() && method.equals("GET")) {
      EmuUser u = findUser(decode(user.group(1)));
      return u == null ? notFound("userKey") : json(200, GoogleJson.user(u));
    }
    return error(404, "Not Found", "notFound");
  }

  private ResponseDefinitionBuilder withGroup(
      Matcher m, java.util.function.Function<EmuGroup, ResponseDefinitionBuilder> action) {
    EmuGroup g = findGroup(decode(m.group(1)));
    return g == null ? notFound("groupKey") : action.apply(g);
  }

  /**
   * {@code members.hasMember}: "Membership can be direct or nested, but if nested, the {@code
   * memberKey} and {@code groupKey} must be entities in the same domain or an {@code Invalid input}
   * error is returned" (discovery document, {@code directory.members.hasMember}). Google answers a
   * {@code memberKey} outside the group's domain with 400 {@code invalid} "Invalid Input:
   * memberKey" (googleapis/google-api-java-client#1082), which the emulator does for every such
   * key.
   */
  private ResponseDefinitionBuilder hasMember(EmuGroup g, String memberKey) {
    EmuUser u = findUser(memberKey);
    if (u == null) {
      return notFound("memberKey");
    }
    if (!domain(u.primaryEmail()).equalsIgnoreCase(domain(g.email()))) {
      return error(400, "Invalid Input: memberKey", "invalid");
    }
    return json(200, GoogleJson.hasMember(effectiveMember(g.id(), u.id(), new HashSet<>())));
  }

  private boolean effectiveMember(String groupId, String memberId, Set<String> seen) {
    TreeSet<String> direct = members.get(groupId);
    if (direct == null || !seen.add(groupId)) {
      return false;
    }
    if (direct.contains(memberId)) {
      return true;
    }
    for (String id : direct) {
      if (groups.containsKey(id) && effectiveMember(id, memberId, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code members.get}: a direct member's properties; any key that is not a direct member of the
   * group (a nested member included) is 404 "Resource Not Found: memberKey", the answer Google
   * gives for a member that is not in the group (the same as {@code members.delete}'s).
   */
  private ResponseDefinitionBuilder getMember(EmuGroup g, String memberKey) {
    String id = memberId(memberKey);
    if (id == null || !members.get(g.id()).contains(id)) {
      return notFound("memberKey");
    }
    return json(200, memberJson(id).toString());
  }

  private ResponseDefinitionBuilder removeMember(EmuGroup g, String memberKey) {
    String id = memberId(memberKey);
    if (id == null || !members.get(g.id()).remove(id)) {
      return notFound("memberKey");
    }
    return aResponse().withStatus(204);
  }

  /**
   * {@code members.insert}. The discovery document's {@code Member.email}: "This property is
   * required when adding a member to a group." A body without it is refused as Google refuses a
   * member it cannot identify: 400 {@code required} "Missing required field: memberKey"
   * (DeviaVir/terraform-provider-gsuite#77); an {@code id} alone does not do.
   */
  private ResponseDefinitionBuilder insert(EmuGroup g, String body) {
    JsonNode member;
    try {
      member = GoogleJson.MAPPER.readTree(body);
    } catch (Exception e) {
      return error(400, "Invalid JSON payload received.", "parseError");
    }
    String email = member == null ? "" : member.path("email").asText("");
    if (email.isEmpty()) {
      return error(400, "Missing required field: memberKey", "required");
    }
    String id = memberId(email);
    if (id == null) {
      return notFound("memberKey");
    }
    if (id.equals(g.id())) {
      return error(400, "Invalid Input: memberKey", "invalid");
    }
    if (!members.get(g.id()).add(id)) {
      return error(409, "Member already exists.", "duplicate");
    }
    return json(200, memberJson(id).toString());
  }

  /** The id of the user or group a member key names, or null. */
  private @Nullable String memberId(String key) {
    EmuUser u = findUser(key);
    if (u != null) {
      return u.id();
    }
    EmuGroup nested = findGroup(key);
    return nested == null ? null : nested.id();
  }

  private com.fasterxml.jackson.databind.node.ObjectNode memberJson(String id) {
    EmuUser u = users.get(id);
    return u != null ? GoogleJson.member(u) : GoogleJson.member(groups.get(id));
  }

  private static String domain(String email) {
    return email.substring(email.indexOf('@') + 1);
  }

  private ResponseDefinitionBuilder list(EmuGroup g, Map<String, String> query) {
    int max = Integer.parseInt(query.getOrDefault("maxResults", "200"));
    if (max < 1 || max > 200) {
      return error(400, "Invalid Input: maxResults", "invalid");
    }
    String token = query.get("pageToken");
    TreeSet<String> all = members.get(g.id());
    Iterable<String> from =
        token == null
            ? all
            : all.tailSet(
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8), false);
    List<com.fasterxml.jackson.databind.node.ObjectNode> page = new ArrayList<>();
    String last = null;
    for (String id : from) {
      if (page.size() == max) {
        // Like Google, a next page is offered only when more members follow.
        String next =
            Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(last.getBytes(StandardCharsets.UTF_8));
        return json(200, GoogleJson.members(page, next));
      }
      page.add(memberJson(id));
      last = id;
    }
    return json(200, GoogleJson.members(page, null));
  }

  private @Nullable EmuUser findUser(String key) {
    EmuUser byId = users.get(key);
    if (byId != null) {
      return byId;
    }
    for (EmuUser u : users.values()) {
      if (u.primaryEmail().equalsIgnoreCase(key)
          || u.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(key))) {
        return u;
      }
    }
    return null;
  }

  private @Nullable EmuGroup findGroup(String key) {
    EmuGroup byId = groups.get(key);
    if (byId != null) {
      return byId;
    }
    for (EmuGroup g : groups.values()) {
      if (g.email().equalsIgnoreCase(key)
          || g.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(key))) {
        return g;
      }
    }
    return null;
  }

  static Map<String, String> query(String url) {
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
    return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static ResponseDefinitionBuilder notFound(String what) {
    return error(404, "Resource Not Found: " + what, "notFound");
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json; charset=UTF-8")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(
      int status, String message, @Nullable String reason) {
    boolean quota =
        reason != null && reason.endsWith("LimitExceeded") || "quotaExceeded".equals(reason);
    String domain = quota ? "usageLimits" : "global";
    return json(
            status, GoogleJson.error(status, message, reason == null ? "unknown" : reason, domain))
        .withHeader("Vary", "Origin");
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return answer(serveEvent);
    }

    @Override
    public String getName() {
      return "google-directory-emulator";
    }
  }
}
