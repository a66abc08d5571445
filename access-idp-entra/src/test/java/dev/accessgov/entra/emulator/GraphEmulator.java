package dev.accessgov.entra.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.entra.emulator.GraphJson.EmuGroup;
import dev.accessgov.entra.emulator.GraphJson.EmuUser;
import dev.accessgov.entra.emulator.GraphJson.SignIns;
import dev.accessgov.testkit.ScriptedFailures;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.core.publisher.Mono;

/**
 * A stateful Microsoft Graph v1.0 on WireMock, for tests and benchmarks: users (with {@code
 * signInActivity}), groups of every kind that matters here, memberships, {@code $batch} (at most 20
 * requests, each answered and throttled on its own, as Graph does), an optional throttle (429 with
 * {@code Retry-After}) and scripted failures. Errors are {@code application/json} bodies in Graph's
 * shape with {@code request-id} headers. Every request stays in WireMock's journal, so tests can
 * check them with {@link GraphRequestRules}. Thread-safe.
 */
public final class GraphEmulator implements AutoCloseable, AfterAllCallback {
  /** The access token the emulator accepts. */
  public static final String TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.emulated-graph-token.";

  private final WireMockServer server;
  private final GraphDirectory directory = new GraphDirectory();
  private final GraphSignInLog signInLog = new GraphSignInLog();
  private final ScriptedFailures<EmulatedFailure> failures = new ScriptedFailures<>();
  private final AtomicLong requestIds = new AtomicLong();
  private final AtomicLong httpRequests = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private int perSecond = Integer.MAX_VALUE;
  private long windowStart = -1;
  private int windowCount;

  /** Starts an emulator on a free localhost port. */
  public GraphEmulator() {
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

  /** The Graph base URL to give the provider: {@code http://localhost:PORT/v1.0}. */
  public String baseUrl() {
    return "http://localhost:" + server.port() + "/v1.0";
  }

  /** A credential that hands out the token this emulator accepts. */
  public static TokenCredential credential() {
    return new TokenCredential() {
      @Override
      public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
        return Mono.just(getTokenSync(request));
      }

      @Override
      public AccessToken getTokenSync(com.azure.core.credential.TokenRequestContext request) {
        return new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1));
      }
    };
  }

  /** The WireMock server, for its request journal. */
  public WireMockServer server() {
    return server;
  }

  /** Forgets every user, group, failure, throttle and recorded request. */
  public synchronized GraphEmulator reset() {
    directory.clear();
    signInLog.clear();
    failures.clear();
    perSecond = Integer.MAX_VALUE;
    windowStart = -1;
    throttled.set(0);
    httpRequests.set(0);
    server.resetRequests();
    return this;
  }

  /**
   * Adds an enabled user whose mail is its UPN, with recorded sign-in activity: one successful
   * interactive sign-in at {@code lastSignIn}, or none (null).
   */
  public synchronized GraphEmulator user(String id, String upn, @Nullable Instant lastSignIn) {
    SignIns signIns =
        lastSignIn == null ? SignIns.NONE : SignIns.NONE.after(lastSignIn, true, true);
    directory.users.put(id, new EmuUser(id, upn, upn, true, signIns));
    return this;
  }

  /** Adds a user with its own mail and no recorded sign-in activity. */
  public synchronized GraphEmulator user(String id, String upn, String mail, boolean enabled) {
    directory.users.put(id, new EmuUser(id, upn, mail, enabled, null));
    return this;
  }

  /**
   * Records a sign-in attempt of an existing user as Entra does: an interactive attempt moves
   * {@code lastSignInDateTime}, a non-interactive one {@code lastNonInteractiveSignInDateTime},
   * whether or not it succeeded; only a successful one moves {@code lastSuccessfulSignInDateTime}.
   */
  public synchronized GraphEmulator signIn(
      String userId, Instant at, boolean interactive, boolean succeeded) {
    EmuUser u = directory.users.get(userId);
    SignIns before = u.signIns() == null ? SignIns.NONE : u.signIns();
    directory.users.put(
        userId,
        new EmuUser(
            u.id(), u.upn(), u.mail(), u.enabled(), before.after(at, interactive, succeeded)));
    return this;
  }

  /**
   * Logs a successful sign-in of an existing user to the application {@code appId} at each of
   * {@code times}, in the sign-in log ({@code /auditLogs/signIns}); {@code signInActivity} is not
   * changed (see {@link #signIn}).
   */
  public synchronized GraphEmulator signInTo(String userId, String appId, Instant... times) {
    EmuUser u = directory.users.get(userId);
    for (Instant at : times) {
      signInLog.add(userId, u == null ? userId : u.upn(), appId, at);
    }
    return this;
  }

  /** Adds an empty assigned security group, whose members may be changed. */
  public synchronized GraphEmulator group(String groupId) {
    return group(new EmuGroup(groupId, List.of(), false, false, false));
  }

  /** Adds an empty role-assignable group. */
  public synchronized GraphEmulator roleAssignableGroup(String groupId) {
    return group(new EmuGroup(groupId, List.of(), true, false, false));
  }

  /** Adds an empty group with dynamic membership. */
  public synchronized GraphEmulator dynamicGroup(String groupId) {
    return group(new EmuGroup(groupId, List.of("DynamicMembership"), false, false, false));
  }

  private GraphEmulator group(EmuGroup group) {
    directory.groups.put(group.id(), group);
    directory.members.put(group.id(), new TreeSet<>());
    return this;
  }

  /** Puts a user into a group directly, as an admin would. */
  public synchronized GraphEmulator member(String groupId, String userId) {
    directory.members.get(groupId).add(userId);
    return this;
  }

  /** Makes group {@code childId} a direct member of group {@code parentId} (nesting). */
  public synchronized GraphEmulator nestedGroup(String parentId, String childId) {
    directory.members.get(parentId).add(childId);
    return this;
  }

  /**
   * Puts a directory object that is not a user into a group: {@code type} is its OData type, {@code
   * device}, {@code servicePrincipal} or {@code orgContact}.
   */
  public synchronized GraphEmulator nonUserMember(String groupId, String objectId, String type) {
    directory.otherObjects.put(objectId, "#microsoft.graph." + type);
    directory.members.get(groupId).add(objectId);
    return this;
  }

  /** Takes a user out of a group directly, without a request (benchmarks reset with it). */
  public synchronized GraphEmulator nonMember(String groupId, String userId) {
    directory.members.get(groupId).remove(userId);
    return this;
  }

  /** The user ids in a group right now. */
  public synchronized List<String> memberIds(String groupId) {
    return GraphDirectory.ids(directory.members, groupId);
  }

  /**
   * Whether reading {@code signInActivity} and the sign-in log works (false: a tenant without Entra
   * ID P1/P2).
   */
  public synchronized GraphEmulator signInActivityLicensed(boolean licensed) {
    directory.signInActivityLicensed = licensed;
    return this;
  }

  /** Allows {@code perSecond} requests (batch sub-requests count one each) per second, then 429. */
  public synchronized GraphEmulator throttle(int perSecond) {
    this.perSecond = perSecond;
    return this;
  }

  /** Scripts the next {@code times} requests (of any method) to misbehave. */
  public synchronized GraphEmulator failNext(int times, EmulatedFailure failure) {
    return failNext(times, ScriptedFailures.ANY, failure);
  }

  /** Scripts the next {@code times} requests (or batch sub-requests) with {@code method}. */
  public synchronized GraphEmulator failNext(int times, String method, EmulatedFailure failure) {
    failures.add(times, method, failure);
    return this;
  }

  /** How many answers were 429 from the throttle. */
  public long throttledCount() {
    return throttled.get();
  }

  /** How many HTTP requests arrived since the last reset (a batch counts one). */
  public long httpRequestCount() {
    return httpRequests.get();
  }

  /**
   * Stops the emulator after the test class, when it is registered as a JUnit extension:
   * {@code @RegisterExtension static final GraphEmulator x = new GraphEmulator();}.
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

  private boolean overLimit() {
    long second = System.currentTimeMillis() / 1000;
    if (second != windowStart) {
      windowStart = second;
      windowCount = 0;
    }
    return ++windowCount > perSecond;
  }

  private synchronized ResponseDefinition answer(ServeEvent event) {
    httpRequests.incrementAndGet();
    var request = event.getRequest();
    String method = request.getMethod().getName();
    String requestId = requestId();
    String url = request.getUrl();
    if (!("Bearer " + TOKEN).equals(request.getHeader("Authorization"))) {
      return render(
          Reply.error(401, "InvalidAuthenticationToken", "Access token is empty.", requestId),
          requestId,
          null);
    }
    if (!url.startsWith("/v1.0/")) {
      return render(Reply.error(400, "BadRequest", "Invalid version.", requestId), requestId, null);
    }
    String rest = url.substring("/v1.0".length());
    String path = rest.split("\\?", 2)[0];
    JsonNode body = json(request.getBodyAsString());
    if (method.equals("POST") && path.equals("/$batch")) {
      EmulatedFailure failure = failures.next("POST");
      if (failure != null && !failure.applyFirst()) {
        return render(misbehave(failure, requestId), requestId, failure);
      }
      return render(batch(body, requestId), requestId, failure);
    }
    return render(one(method, rest, body, requestId, false), requestId, null);
  }

  /** One request, top-level or inside a batch: throttle, scripted failure, then the directory. */
  private Reply one(
      String method, String rest, @Nullable JsonNode body, String requestId, boolean sub) {
    if (overLimit()) {
      throttled.incrementAndGet();
      return Reply.error(429, "TooManyRequests", "Too many requests", requestId)
          .with("Retry-After", "1");
    }
    EmulatedFailure failure = failures.next(method, f -> !sub || !f.httpOnly());
    if (failure != null && !failure.applyFirst()) {
      if (!sub && (failure.fault() != null || failure.malformed())) {
        // Nothing is changed; the HTTP layer breaks the connection or garbles the answer.
        pendingFailure = failure;
        return Reply.of(200, null);
      }
      return misbehave(failure, requestId);
    }
    String[] parts = rest.split("\\?", 2);
    Map<String, String> query = query(parts.length > 1 ? parts[1] : "");
    Reply reply =
        parts[0].equals(GraphSignInLog.PATH) && method.equals("GET")
            ? signInLog.list(query, directory.signInActivityLicensed, baseUrl(), requestId)
            : directory.route(method, parts[0], query, body, baseUrl(), requestId);
    if (failure != null) {
      // Applied first, then the answer is lost or late: the HTTP layer renders that.
      pendingFailure = failure;
    }
    return reply;
  }

  private @Nullable EmulatedFailure pendingFailure;

  private Reply batch(@Nullable JsonNode body, String requestId) {
    JsonNode requests = body == null ? null : body.path("requests");
    if (requests == null || !requests.isArray() || requests.isEmpty()) {
      return Reply.error(400, "BadRequest", "Invalid batch payload format.", requestId);
    }
    if (requests.size() > 20) {
      return Reply.error(
          400,
          "BadRequest",
          "Unable to deserialize the request: the number of requests in the batch exceeds the limit of 20.",
          requestId);
    }
    ObjectNode out = GraphJson.MAPPER.createObjectNode();
    ArrayNode responses = out.putArray("responses");
    for (JsonNode r : requests) {
      String subId = requestId();
      String url = r.path("url").asText("");
      Reply reply =
          one(
              r.path("method").asText("GET"),
              url.startsWith("/") ? url : "/" + url,
              r.get("body"),
              subId,
              true);
      ObjectNode response = responses.addObject();
      response.put("id", r.path("id").asText());
      response.put("status", reply.status());
      ObjectNode headers = response.putObject("headers");
      reply.headers().forEach(headers::put);
      if (reply.body() != null) {
        response.set("body", reply.body());
      }
    }
    pendingFailure = null;
    return Reply.of(200, out);
  }

  private Reply misbehave(EmulatedFailure failure, String requestId) {
    if (failure.fault() != null || failure.malformed()) {
      return Reply.of(failure.malformed() ? 200 : 0, null);
    }
    Reply reply =
        Reply.error(
            failure.status(),
            failure.errorCode() == null ? "UnknownError" : failure.errorCode(),
            failure.status() == 429 ? "Too many requests" : "Emulated failure",
            requestId);
    if (failure.retryAfterSeconds() >= 0) {
      reply.with("Retry-After", Long.toString(failure.retryAfterSeconds()));
    }
    return reply;
  }

  private ResponseDefinition render(
      Reply reply, String requestId, @Nullable EmulatedFailure batchFailure) {
    EmulatedFailure failure = batchFailure != null ? batchFailure : pendingFailure;
    pendingFailure = null;
    ResponseDefinitionBuilder response =
        aResponse().withHeader("request-id", requestId).withHeader("client-request-id", requestId);
    if (failure != null && failure.fault() != null) {
      return response.withFault(failure.fault()).build();
    }
    if (failure != null && failure.malformed()) {
      return response
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"id\": \"trunc")
          .build();
    }
    response.withStatus(reply.status());
    reply.headers().forEach(response::withHeader);
    if (reply.body() != null) {
      response.withBody(reply.body().toString());
    }
    if (failure != null && failure.delayMillis() > 0) {
      response.withFixedDelay((int) failure.delayMillis());
    }
    return response.build();
  }

  private String requestId() {
    return String.format("00000000-e000-4000-8000-%012d", requestIds.incrementAndGet());
  }

  private static @Nullable JsonNode json(@Nullable String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return GraphJson.MAPPER.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, String> query(String q) {
    Map<String, String> query = new HashMap<>();
    if (!q.isEmpty()) {
      for (String pair : q.split("&")) {
        String[] kv = pair.split("=", 2);
        query.put(GraphDirectory.decode(kv[0]), kv.length > 1 ? GraphDirectory.decode(kv[1]) : "");
      }
    }
    return query;
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return answer(serveEvent);
    }

    @Override
    public String getName() {
      return "graph-emulator";
    }
  }
}
