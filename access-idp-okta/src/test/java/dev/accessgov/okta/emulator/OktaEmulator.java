package dev.accessgov.okta.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.okta.emulator.OktaJson.EmuUser;
import dev.accessgov.testkit.ScriptedFailures;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A stateful Okta on WireMock, for tests and benchmarks: users, groups of type {@code OKTA_GROUP}
 * or {@code APP_GROUP} and their members, served in the shapes of okta-management.trimmed.json,
 * with Okta's rate-limit headers, an optional rate limit, and scripted failures. Every request
 * stays in WireMock's journal, so tests can validate them against the spec. Thread-safe.
 */
public final class OktaEmulator implements AutoCloseable, AfterAllCallback {
  /** The API token the emulator accepts. */
  public static final String TOKEN = "00emulated-okta-api-token";

  /** The access token the emulated token endpoint issues to the service app. */
  public static final String ACCESS_TOKEN = "eyJemulated-okta-service-app-access-token";

  private static final Pattern USER = Pattern.compile("/api/v1/users/([^/?]+)");
  private static final Pattern MEMBER = Pattern.compile("/api/v1/groups/([^/?]+)/users/([^/?]+)");
  private static final Pattern MEMBERS = Pattern.compile("/api/v1/groups/([^/?]+)/users");
  private static final String LOGS = "/api/v1/logs";
  private static final Pattern CLAUSE =
      Pattern.compile("(eventType|actor\\.id|target\\.id) eq \"([^\"]*)\"");

  private final WireMockServer server;
  private final Map<String, EmuUser> users = new LinkedHashMap<>();
  private final Map<String, String> groupTypes = new HashMap<>();
  private final Map<String, TreeSet<String>> members = new HashMap<>();
  private final ScriptedFailures<EmulatedFailure> failures = new ScriptedFailures<>();
  private final Map<String, long[]> windows = new HashMap<>();
  private final List<OktaJson.LogEntry> logs = new ArrayList<>();
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicLong rateLimited = new AtomicLong();
  private java.security.@Nullable PublicKey serviceAppKey;
  private boolean requireDpop;
  private final DpopVerifier dpopVerifier = new DpopVerifier();
  private final String dpopNonce = "emu-dpop-nonce-" + Long.toHexString(System.nanoTime());
  private @Nullable String boundJwk;
  private final java.util.Set<String> usedAssertionIds = new java.util.HashSet<>();
  private int limit = 100_000;
  private long windowMillis = 60_000;
  private long windowOrigin;

  /** Starts an emulator on a free localhost port. */
  public OktaEmulator() {
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

  /** The org URL to give the provider, e.g. {@code http://127.0.0.1:PORT}. */
  public String orgUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The WireMock server, for its request journal. */
  public WireMockServer server() {
    return server;
  }

  /** Forgets every user, group, failure, rate-limit count and recorded request. */
  public synchronized OktaEmulator reset() {
    users.clear();
    groupTypes.clear();
    members.clear();
    failures.clear();
    windows.clear();
    logs.clear();
    rateLimited.set(0);
    requireDpop = false;
    boundJwk = null;
    limit = 100_000;
    windowMillis = 60_000;
    windowOrigin = 0;
    server.resetRequests();
    return this;
  }

  /** Adds an active user with id {@code id} and login and e-mail {@code login}. */
  public synchronized OktaEmulator user(String id, String login, @Nullable Instant lastLogin) {
    users.put(id, new EmuUser(id, login, login, "ACTIVE", lastLogin));
    return this;
  }

  /**
   * Logs a {@code user.authentication.sso} event (a successful single sign-on) of the user to the
   * app instance {@code appId} at each of {@code times}, in the System Log.
   */
  public synchronized OktaEmulator signIn(String userId, String appId, Instant... times) {
    EmuUser user = users.get(userId);
    String login = user == null ? userId : user.login();
    for (Instant at : times) {
      logs.add(
          new OktaJson.LogEntry(
              "emu-log-" + (logs.size() + 1000000),
              userId,
              login,
              appId,
              at,
              "user.authentication.sso"));
    }
    return this;
  }

  /** Accepts service-app token requests whose assertion this key verifies. */
  public synchronized OktaEmulator serviceAppKey(java.security.PublicKey key) {
    this.serviceAppKey = key;
    return this;
  }

  /**
   * Makes the service app require DPoP ("Require Demonstrating Proof of Possession (DPoP) header in
   * token requests"): a token request without a proof is refused {@code 400 invalid_dpop_proof},
   * one without the server's nonce {@code 400 use_dpop_nonce} with a {@code dpop-nonce} header, and
   * the token issued is of type {@code DPoP}, accepted only with a proof by the same key for each
   * request (see {@link DpopVerifier}).
   */
  public synchronized OktaEmulator requireDpop(boolean require) {
    this.requireDpop = require;
    return this;
  }

  /** Adds an empty group whose membership the API may change ({@code OKTA_GROUP}). */
  public synchronized OktaEmulator group(String groupId) {
    return group(groupId, "OKTA_GROUP");
  }

  /** Adds an empty group of a given type; only {@code OKTA_GROUP} accepts membership changes. */
  public synchronized OktaEmulator group(String groupId, String type) {
    groupTypes.put(groupId, type);
    members.put(groupId, new TreeSet<>());
    return this;
  }

  /** Puts a user into a group directly, as an import or an admin would. */
  public synchronized OktaEmulator member(String groupId, String userId) {
    members.get(groupId).add(userId);
    return this;
  }

  /** Takes a user out of a group directly, without a request (benchmarks reset with it). */
  public synchronized OktaEmulator nonMember(String groupId, String userId) {
    members.get(groupId).remove(userId);
    return this;
  }

  /** The user ids in a group right now. */
  public synchronized List<String> memberIds(String groupId) {
    return new ArrayList<>(members.get(groupId));
  }

  /**
   * Allows {@code limit} requests per endpoint family per window, then answers 429. Windows are
   * counted from the whole second this is called in, so a test knows how far away the first reset
   * is whatever the time of day (windows aligned to the epoch could end a moment later).
   */
  public synchronized OktaEmulator rateLimit(int limit, long windowMillis) {
    if (windowMillis % 1000 != 0) {
      throw new IllegalArgumentException("windows are whole seconds, as Okta's reset header is");
    }
    long now = System.currentTimeMillis();
    this.limit = limit;
    this.windowMillis = windowMillis;
    this.windowOrigin = now - now % 1000;
    return this;
  }

  /** Scripts the next {@code times} requests (of any kind) to misbehave. */
  public synchronized OktaEmulator failNext(int times, EmulatedFailure failure) {
    return failNext(times, ScriptedFailures.ANY, failure);
  }

  /** Scripts the next {@code times} requests with HTTP method {@code method} to misbehave. */
  public synchronized OktaEmulator failNext(int times, String method, EmulatedFailure failure) {
    failures.add(times, method, failure);
    return this;
  }

  /** How many requests were answered 429 by the emulated rate limit. */
  public long rateLimitedCount() {
    return rateLimited.get();
  }

  /**
   * Stops the emulator after the test class, when it is registered as a JUnit extension:
   * {@code @RegisterExtension static final OktaEmulator x = new OktaEmulator();}.
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
    String bucket = bucket(method, path);
    long now = System.currentTimeMillis();
    long[] window = windows.computeIfAbsent(bucket, k -> new long[] {-1, 0});
    long windowStart = now - Math.floorMod(now - windowOrigin, windowMillis);
    if (window[0] != windowStart) {
      window[0] = windowStart;
      window[1] = 0;
    }
    window[1]++;
    long reset = (windowStart + windowMillis) / 1000;
    int remaining = (int) Math.max(0, limit - window[1]);
    boolean overLimit = window[1] > limit;
    EmulatedFailure failure = overLimit ? null : failures.next(method);
    ResponseDefinitionBuilder response;
    if (overLimit) {
      rateLimited.incrementAndGet();
      response = error(429, "E0000047", "API call exceeded rate limit due to too many requests.");
    } else if (failure != null && !failure.applyFirst()) {
      response = misbehave(failure, now);
      if (failure.status() == 429) {
        remaining = 0;
        reset = now / 1000 + 1;
      }
    } else if (path.equals("/oauth2/v1/token") && method.equals("POST")) {
      response =
          token(
              request.getHeader("Content-Type"),
              request.containsHeader("DPoP") ? request.getHeader("DPoP") : null,
              request.getBodyAsString(),
              orgUrl() + "/oauth2/v1/token");
    } else {
      response =
          route(
              method,
              path,
              request.getAbsoluteUrl(),
              request.getHeader("Authorization"),
              request.containsHeader("DPoP") ? request.getHeader("DPoP") : null);
      if (failure != null) {
        response = failure.fault() != null ? aResponse().withFault(failure.fault()) : response;
        response.withFixedDelay((int) failure.delayMillis());
      }
    }
    return response
        .withHeader("X-Okta-Request-Id", "emu-" + requestIds.incrementAndGet())
        .withHeader("X-Rate-Limit-Limit", Integer.toString(limit))
        .withHeader("X-Rate-Limit-Remaining", Integer.toString(remaining))
        .withHeader("X-Rate-Limit-Reset", Long.toString(reset))
        .build();
  }

  private static String bucket(String method, String path) {
    if (path.equals(LOGS)) {
      return "logs";
    }
    if (MEMBER.matcher(path).matches()) {
      return "membership";
    }
    return MEMBERS.matcher(path).matches() ? "group-users" : "users";
  }

  private ResponseDefinitionBuilder misbehave(EmulatedFailure failure, long now) {
    if (failure.fault() != null) {
      return aResponse().withFault(failure.fault());
    }
    if (failure.malformed()) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"id\": \"00u-trunc");
    }
    String summary = failure.status() == 429 ? "API call exceeded rate limit" : "Emulated failure";
    return error(failure.status(), failure.errorCode(), summary)
        .withFixedDelay((int) failure.delayMillis());
  }

  private ResponseDefinitionBuilder route(
      String method,
      String path,
      String url,
      @Nullable String authorization,
      @Nullable String dpop) {
    if (!("SSWS " + TOKEN).equals(authorization)
        && !(boundJwk == null && ("Bearer " + ACCESS_TOKEN).equals(authorization))
        && !(("DPoP " + ACCESS_TOKEN).equals(authorization) && dpopProofHolds(method, url, dpop))) {
      return error(401, "E0000011", "Invalid token provided");
    }
    String base = url.substring(0, url.indexOf("/api/"));
    Matcher m = MEMBER.matcher(path);
    if (m.matches() && (method.equals("PUT") || method.equals("DELETE"))) {
      return changeMembership(method, decode(m.group(1)), decode(m.group(2)));
    }
    m = MEMBERS.matcher(path);
    if (m.matches() && method.equals("GET")) {
      return listMembers(decode(m.group(1)), url, base);
    }
    if (path.equals(LOGS) && method.equals("GET")) {
      return listLogs(url, base);
    }
    m = USER.matcher(path);
    if (m.matches() && method.equals("GET")) {
      EmuUser user = findUser(decode(m.group(1)));
      if (user == null) {
        return error(404, "E0000007", "Not found: Resource not found: " + m.group(1) + " (User)");
      }
      return json(200, OktaJson.user(user, base).toString());
    }
    return error(404, "E0000022", "The endpoint does not support the provided HTTP method");
  }

  /**
   * Okta's {@code POST /oauth2/v1/token} for a service app: client credentials with a {@code
   * private_key_jwt} client assertion, form-encoded. Follows "Implement OAuth for Okta with a
   * service app" (developer.okta.com/docs/guides/implement-oauth-for-okta-serviceapp/main/) and
   * Okta's client-authentication reference: the assertion is signed by a key registered with the
   * app, {@code aud} is the org's token URL, {@code iss} and {@code sub} are the client id, {@code
   * exp} is at most one hour ahead, and a {@code jti} is not accepted twice; a bad assertion is
   * {@code 401 invalid_client}. An app that requires DPoP answers a request without a {@code DPoP}
   * header {@code 400 invalid_dpop_proof} "The DPoP proof JWT header is missing." (Okta support
   * article of that title).
   */
  private ResponseDefinitionBuilder token(
      @Nullable String contentType, @Nullable String dpop, String form, String tokenUrl) {
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      return oauthError(400, "invalid_request", "The request must be form-encoded.");
    }
    Map<String, String> params = query("?" + form);
    if (!"client_credentials".equals(params.get("grant_type"))) {
      return oauthError(400, "unsupported_grant_type", "The grant type is not supported.");
    }
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        .equals(params.get("client_assertion_type"))) {
      return oauthError(401, "invalid_client", "client_assertion_type is missing or invalid.");
    }
    if (params.getOrDefault("scope", "").isBlank()) {
      return oauthError(400, "invalid_scope", "The authorization server requires a scope.");
    }
    String[] jwt = params.getOrDefault("client_assertion", "").split("\\.");
    if (serviceAppKey == null || jwt.length != 3 || !signedByAppKey(jwt)) {
      return oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
    }
    com.fasterxml.jackson.databind.JsonNode claims;
    try {
      claims = OktaJson.MAPPER.readTree(java.util.Base64.getUrlDecoder().decode(jwt[1]));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return oauthError(401, "invalid_client", "The client_assertion is not a JWT.");
    }
    long now = System.currentTimeMillis() / 1000;
    String iss = claims.path("iss").asText("");
    long exp = claims.path("exp").asLong(0);
    String jti = claims.path("jti").asText("");
    if (!tokenUrl.equals(claims.path("aud").asText())
        || iss.isEmpty()
        || !iss.equals(claims.path("sub").asText())
        || exp <= now
        || exp > now + 3600
        || (!jti.isEmpty() && !usedAssertionIds.add(jti))) {
      return oauthError(401, "invalid_client", "The client_assertion token is invalid.");
    }
    String tokenType = "Bearer";
    if (requireDpop) {
      if (dpop == null) {
        return oauthError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
      }
      DpopVerifier.Proof proof = dpopVerifier.verify(dpop, "POST", tokenUrl);
      if (proof == null) {
        return oauthError(400, "invalid_dpop_proof", "The DPoP proof JWT is invalid.");
      }
      if (!dpopNonce.equals(proof.claims().path("nonce").asText())) {
        return oauthError(
                400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.")
            .withHeader("dpop-nonce", dpopNonce);
      }
      boundJwk = proof.jwk();
      tokenType = "DPoP";
    }
    return json(
        200,
        "{\"token_type\":\""
            + tokenType
            + "\",\"expires_in\":3600,\"access_token\":\""
            + ACCESS_TOKEN
            + "\",\"scope\":\""
            + params.get("scope")
            + "\"}");
  }

  /**
   * A request with a DPoP-bound token carries a proof by the key the token is bound to, naming this
   * request, with the token's hash as {@code ath} (Okta: "Make a request to an Okta resource").
   */
  private boolean dpopProofHolds(String method, String url, @Nullable String dpop) {
    if (boundJwk == null) {
      return false;
    }
    DpopVerifier.Proof proof = dpopVerifier.verify(dpop, method, url.split("\\?", 2)[0]);
    return proof != null
        && boundJwk.equals(proof.jwk())
        && DpopVerifier.ath(ACCESS_TOKEN).equals(proof.claims().path("ath").asText());
  }

  private boolean signedByAppKey(String[] jwt) {
    try {
      java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
      rsa.initVerify(serviceAppKey);
      rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
      return rsa.verify(java.util.Base64.getUrlDecoder().decode(jwt[2]));
    } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static ResponseDefinitionBuilder oauthError(
      int status, String error, String description) {
    return json(
        status, "{\"error\":\"" + error + "\",\"error_description\":\"" + description + "\"}");
  }

  private @Nullable EmuUser findUser(String idOrLogin) {
    EmuUser byId = users.get(idOrLogin);
    if (byId != null) {
      return byId;
    }
    for (EmuUser u : users.values()) {
      if (u.login().equalsIgnoreCase(idOrLogin)) {
        return u;
      }
    }
    return null;
  }

  private ResponseDefinitionBuilder changeMembership(String method, String groupId, String userId) {
    TreeSet<String> group = members.get(groupId);
    if (group == null) {
      return error(404, "E0000007", "Not found: Resource not found: " + groupId + " (UserGroup)");
    }
    if (!users.containsKey(userId)) {
      return error(404, "E0000007", "Not found: Resource not found: " + userId + " (User)");
    }
    if (!"OKTA_GROUP".equals(groupTypes.get(groupId))) {
      return error(403, "E0000006", "You do not have permission to perform the requested action");
    }
    // Okta answers 204 whether or not anything changed.
    if (method.equals("PUT")) {
      group.add(userId);
    } else {
      group.remove(userId);
    }
    return aResponse().withStatus(204);
  }

  private ResponseDefinitionBuilder listMembers(String groupId, String url, String base) {
    TreeSet<String> group = members.get(groupId);
    if (group == null) {
      return error(404, "E0000007", "Not found: Resource not found: " + groupId + " (UserGroup)");
    }
    Map<String, String> query = query(url);
    int pageLimit = Integer.parseInt(query.getOrDefault("limit", "1000"));
    String after = query.get("after");
    List<EmuUser> page = new ArrayList<>();
    for (String id : after == null ? group : group.tailSet(after, false)) {
      if (page.size() == pageLimit) {
        break;
      }
      page.add(users.get(id));
    }
    String self = base + "/api/v1/groups/" + groupId + "/users?limit=" + pageLimit;
    ResponseDefinitionBuilder response =
        json(200, OktaJson.users(page, base)).withHeader("Link", "<" + self + ">; rel=\"self\"");
    // Like Okta, a full page links to a next one, which may turn out empty.
    if (page.size() == pageLimit) {
      String next = self + "&after=" + page.get(page.size() - 1).id();
      response.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response;
  }

  /**
   * {@code GET /api/v1/logs} as Okta documents it ("System Log query"): a bounded query from {@code
   * since} (default: seven days before {@code until}) to {@code until} (default: now), both ISO
   * 8601; a SCIM {@code filter} of {@code eq} clauses joined by {@code and} (only {@code
   * eventType}, {@code actor.id} and {@code target.id} are emulated; any other expression is
   * refused {@code 400 E0000031}); {@code limit} 0 to 1000 (default 100); {@code sortOrder}; and
   * the {@code after} cursor of the {@code Link rel="next"} header, which is sent while more events
   * remain.
   */
  private ResponseDefinitionBuilder listLogs(String url, String base) {
    Map<String, String> q = query(url);
    int pageLimit;
    try {
      pageLimit = Integer.parseInt(q.getOrDefault("limit", "100"));
    } catch (NumberFormatException e) {
      pageLimit = -1;
    }
    if (pageLimit < 0 || pageLimit > 1000) {
      return error(400, "E0000001", "Api validation failed: limit");
    }
    Instant until;
    Instant since;
    try {
      until = q.containsKey("until") ? Instant.parse(q.get("until")) : Instant.now();
      since =
          q.containsKey("since") ? Instant.parse(q.get("since")) : until.minusSeconds(7 * 86400);
    } catch (java.time.format.DateTimeParseException e) {
      return error(400, "E0000001", "Api validation failed: since/until are not ISO 8601");
    }
    if (since.isAfter(until)) {
      return error(400, "E0000001", "Api validation failed: since is after until");
    }
    String sortOrder = q.getOrDefault("sortOrder", "ASCENDING");
    if (!sortOrder.equals("ASCENDING") && !sortOrder.equals("DESCENDING")) {
      return error(400, "E0000001", "Api validation failed: sortOrder");
    }
    Map<String, String> clauses = new HashMap<>();
    String filter = q.get("filter");
    if (filter != null) {
      for (String clause : filter.split(" and ")) {
        Matcher c = CLAUSE.matcher(clause.trim());
        if (!c.matches()) {
          return error(400, "E0000031", "Invalid search criteria.");
        }
        clauses.put(c.group(1), c.group(2));
      }
    }
    List<OktaJson.LogEntry> found = new ArrayList<>();
    for (OktaJson.LogEntry e : logs) {
      boolean matches =
          !e.published().isBefore(since)
              && !e.published().isAfter(until)
              && clauses.getOrDefault("eventType", e.eventType()).equals(e.eventType())
              && clauses.getOrDefault("actor.id", e.userId()).equals(e.userId())
              && clauses.getOrDefault("target.id", e.appId()).equals(e.appId());
      if (matches) {
        found.add(e);
      }
    }
    java.util.Comparator<OktaJson.LogEntry> order =
        java.util.Comparator.comparing(OktaJson.LogEntry::published)
            .thenComparing(OktaJson.LogEntry::uuid);
    found.sort(sortOrder.equals("ASCENDING") ? order : order.reversed());
    int from = 0;
    String after = q.get("after");
    if (after != null) {
      from = -1;
      for (int i = 0; i < found.size(); i++) {
        if (found.get(i).uuid().equals(after)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        return error(400, "E0000001", "Api validation failed: after");
      }
    }
    List<OktaJson.LogEntry> page = found.subList(from, Math.min(found.size(), from + pageLimit));
    String self =
        base
            + LOGS
            + "?since="
            + since
            + "&until="
            + until
            + (filter == null ? "" : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8))
            + "&limit="
            + pageLimit
            + "&sortOrder="
            + sortOrder;
    ResponseDefinitionBuilder response =
        json(200, OktaJson.logEvents(page)).withHeader("Link", "<" + self + ">; rel=\"self\"");
    if (!page.isEmpty() && from + page.size() < found.size()) {
      String next = self + "&after=" + page.get(page.size() - 1).uuid();
      response.withHeader("Link", "<" + next + ">; rel=\"next\"");
    }
    return response;
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

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  private static ResponseDefinitionBuilder error(
      int status, @Nullable String code, String summary) {
    return json(status, OktaJson.error(code == null ? "E0000009" : code, summary));
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return answer(serveEvent);
    }

    @Override
    public String getName() {
      return "okta-emulator";
    }
  }
}
