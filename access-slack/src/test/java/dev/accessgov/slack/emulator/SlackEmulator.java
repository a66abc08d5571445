package dev.accessgov.slack.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A stateful Slack workspace on WireMock, serving the Web API methods this module uses as the
 * official Java SDK calls them ({@code POST /api/<method>}, a form body, {@code Authorization:
 * Bearer}): {@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral}, {@code
 * views.open}, {@code views.update}, {@code users.info}, {@code users.lookupByEmail}, {@code
 * conversations.open} and {@code auth.test} (which the SDK's metrics call).
 *
 * <p>It holds users with e-mails, channels and their members, direct-message channels, messages by
 * channel and ts, ephemeral messages, trigger ids and opened views; it refuses what Slack refuses,
 * with Slack's shape {@code {"ok":false,"error":"..."}} at HTTP 200: no token ({@code not_authed}),
 * a wrong one ({@code invalid_auth}), unknown channels, messages, users and e-mails, a used or
 * expired trigger id, a message with neither text nor blocks. Scripted {@link Fault}s answer chosen
 * requests with 429 + {@code Retry-After}, 5xx, or {@code invalid_auth}; {@link #down} answers
 * everything 503. Every exchange can be checked against Slack's OpenAPI document with {@link
 * #violations()}. Thread-safe.
 */
public final class SlackEmulator implements AutoCloseable {
  /** The bot token the emulator accepts. */
  public static final String TOKEN = "xoxb-emulated-0000000000-slack-bot-token";

  /** The workspace's team id. */
  public static final String TEAM = "T0EMULATED1";

  /** The bot's user id. */
  public static final String BOT_USER = "U0BOTUSER1";

  /** The bot's bot id. */
  public static final String BOT_ID = "B0BOTUSER1";

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String ANY = "*";

  private final WireMockServer server;
  private final MethodRoutes routes = new MethodRoutes(this);
  final Map<String, EmuUser> users = new LinkedHashMap<>();
  final Map<String, EmuChannel> channels = new LinkedHashMap<>();
  final Map<String, String> dms = new HashMap<>();
  final Map<String, Boolean> triggers = new HashMap<>();
  final List<ObjectNode> views = new ArrayList<>();
  final List<ObjectNode> ephemerals = new ArrayList<>();
  private final List<Map.Entry<String, Fault>> faults = new ArrayList<>();
  private final Map<String, Long> counts = new HashMap<>();
  private boolean down;
  private long nextId = 1;
  private long nextTs = 1;

  /** A workspace member. */
  public static final class EmuUser {
    final String id;
    final String email;
    final String name;
    final boolean bot;
    boolean deleted;

    EmuUser(String id, String email, String name) {
      this(id, email, name, false);
    }

    EmuUser(String id, String email, String name, boolean bot) {
      this.id = id;
      this.email = email;
      this.name = name;
      this.bot = bot;
    }
  }

  /** A channel (public or DM) with its members and messages by ts, in posting order. */
  static final class EmuChannel {
    final String id;
    final String name;
    final List<String> members = new ArrayList<>();
    final Map<String, ObjectNode> messages = new LinkedHashMap<>();

    EmuChannel(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  /** A message as the emulator holds it. */
  public record Message(String channel, String ts, String text, JsonNode blocks) {
    /** The action ids of every button in the message's blocks, in order. */
    public List<String> actionIds() {
      List<String> out = new ArrayList<>();
      blocks.findValues("action_id").forEach(n -> out.add(n.asText()));
      return out;
    }

    /** The values of every button in the message's blocks, in order. */
    public List<String> buttonValues() {
      List<String> out = new ArrayList<>();
      blocks.findParents("action_id").forEach(n -> out.add(n.path("value").asText()));
      return out;
    }

    /** All text of the message and its blocks, joined by newlines, for assertions. */
    public String allText() {
      StringBuilder b = new StringBuilder(text);
      blocks
          .findValues("text")
          .forEach(
              t -> b.append('\n').append(t.isTextual() ? t.asText() : t.path("text").asText()));
      return b.toString();
    }
  }

  /** Starts an emulator on a free localhost port. */
  public SlackEmulator() {
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

  /** The methods URL prefix ({@code http://127.0.0.1:<port>/api/}) to give the SDK. */
  public String methodsUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/";
  }

  /** An SDK client pointed at the emulator with this token (stats and auth.test calls off). */
  public MethodsClient client(String token) {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(methodsUrl());
    config.setStatsEnabled(false);
    return Slack.getInstance(config).methods(token);
  }

  /** The WireMock server, for its request journal. */
  public WireMockServer server() {
    return server;
  }

  /** Every violation of Slack's OpenAPI document among the exchanges so far. */
  public List<String> violations() {
    return SpecValidator.violations(server.getAllServeEvents());
  }

  /** Adds a workspace member with this e-mail; returns the user id. */
  public synchronized String user(String email, String name) {
    String id = id("U");
    users.put(id, new EmuUser(id, email, name));
    return id;
  }

  /**
   * Adds a bot user (another app's bot, say): {@code is_bot} true and, as Slack shows bots, no
   * e-mail in its profile; returns its user id.
   */
  public synchronized String bot(String name) {
    String id = id("U");
    users.put(id, new EmuUser(id, "", name, true));
    return id;
  }

  /** Marks a member deactivated (Slack still answers for it, with {@code deleted: true}). */
  public synchronized void deactivate(String userId) {
    requireUser(userId).deleted = true;
  }

  /** Adds a public channel the bot and these users are in; returns its id. */
  public synchronized String channel(String name, String... memberIds) {
    EmuChannel c = new EmuChannel(id("C"), name);
    c.members.add(BOT_USER);
    c.members.addAll(List.of(memberIds));
    channels.put(c.id, c);
    return c.id;
  }

  /** Issues a trigger id, as Slack puts in an interaction payload; usable once. */
  public synchronized String triggerId() {
    String t = nextId++ + ".1234567890.abcdef0123456789";
    triggers.put(t, Boolean.TRUE);
    return t;
  }

  /** Lets a trigger id expire (Slack's are good for 3 seconds). */
  public synchronized void expire(String triggerId) {
    triggers.put(triggerId, Boolean.FALSE);
  }

  /** The DM channel id opened with a user, or null when none was opened. */
  public synchronized @Nullable String dmOf(String userId) {
    return dms.get(userId);
  }

  /** The messages in a channel (a DM id too), oldest first, as they stand now. */
  public synchronized List<Message> messages(String channelId) {
    EmuChannel c = channels.get(channelId);
    List<Message> out = new ArrayList<>();
    if (c != null) {
      c.messages.values().forEach(m -> out.add(message(c.id, m)));
    }
    return out;
  }

  /** Every message in every channel, in posting order within each channel. */
  public synchronized List<Message> allMessages() {
    List<Message> out = new ArrayList<>();
    channels.values().forEach(c -> c.messages.values().forEach(m -> out.add(message(c.id, m))));
    return out;
  }

  /** The messages posted to a user's DM, oldest first; empty when none. */
  public synchronized List<Message> dmMessages(String userId) {
    String dm = dms.get(userId);
    return dm == null ? List.of() : messages(dm);
  }

  /** Ephemeral messages as posted (channel, user, text, blocks), oldest first. */
  public synchronized List<JsonNode> ephemerals() {
    return new ArrayList<>(ephemerals);
  }

  /**
   * Views opened with views.open (each as Slack echoed it, with its id and hash), oldest first; a
   * view replaced by views.update appears as it stands now.
   */
  public synchronized List<JsonNode> views() {
    return new ArrayList<>(views);
  }

  /** While true, every request is answered 503, as during an outage. */
  public synchronized SlackEmulator down(boolean down) {
    this.down = down;
    return this;
  }

  /** Answers the next requests (any method), one fault each, in order. */
  public synchronized SlackEmulator failNext(Fault... next) {
    for (Fault f : next) {
      faults.add(Map.entry(ANY, f));
    }
    return this;
  }

  /** Answers the next requests to this method (e.g. {@code chat.postMessage}), one fault each. */
  public synchronized SlackEmulator failNext(String method, Fault... next) {
    for (Fault f : next) {
      faults.add(Map.entry(method, f));
    }
    return this;
  }

  /** How many requests to this method (e.g. {@code chat.update}) arrived, faults included. */
  public synchronized long count(String method) {
    return counts.getOrDefault(method, 0L);
  }

  /**
   * Waits until at least {@code n} requests to this method arrived; false when {@code timeout}
   * passed first (a liveness bound, not a measure of speed).
   */
  public synchronized boolean awaitCount(String method, long n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (count(method) < n) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /**
   * Waits until the channel holds at least {@code n} messages; false when {@code timeout} passed.
   */
  public synchronized boolean awaitMessages(String channelId, int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (messages(channelId).size() < n) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  @Override
  public void close() {
    server.stop();
  }

  synchronized String id(String prefix) {
    return prefix + String.format(Locale.ROOT, "%09d", nextId++);
  }

  synchronized String ts() {
    return String.format(Locale.ROOT, "%d.%06d", 1_765_000_000L + nextTs / 1000, nextTs++ % 1000);
  }

  EmuUser requireUser(String id) {
    EmuUser u = users.get(id);
    if (u == null) {
      throw new IllegalArgumentException("no user " + id);
    }
    return u;
  }

  private static Message message(String channel, ObjectNode m) {
    return new Message(channel, m.path("ts").asText(), m.path("text").asText(), m.path("blocks"));
  }

  private synchronized ResponseDefinition answer(ServeEvent event) {
    var request = event.getRequest();
    String path = request.getUrl().split("\\?", 2)[0];
    String method = path.startsWith("/api/") ? path.substring(5) : path;
    counts.merge(method, 1L, Long::sum);
    notifyAll();
    ResponseDefinitionBuilder response;
    Fault fault = takeFault(method);
    if (down) {
      response = aResponse().withStatus(503).withBody("upstream connect error (emulated outage)");
    } else if (fault != null) {
      response = fault(fault);
    } else {
      response =
          routes.route(method, SpecValidator.params(request), request.getHeader("Authorization"));
    }
    ResponseDefinition answer = response.build();
    notifyAll();
    return answer;
  }

  private @Nullable Fault takeFault(String method) {
    for (int i = 0; i < faults.size(); i++) {
      String m = faults.get(i).getKey();
      if (m.equals(ANY) || m.equals(method)) {
        return faults.remove(i).getValue();
      }
    }
    return null;
  }

  private static ResponseDefinitionBuilder fault(Fault fault) {
    if (fault.status() == -1) {
      return aResponse()
          .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
    }
    if (fault.status() == -2) {
      return aResponse()
          .withStatus(200)
          .withHeader("Content-Type", "application/json; charset=utf-8")
          .withBody(fault.error());
    }
    if (fault.status() == 429) {
      return aResponse()
          .withStatus(429)
          .withHeader("Content-Type", "application/json")
          .withHeader("Retry-After", Integer.toString(fault.retryAfterSeconds()))
          .withBody("{\"ok\":false,\"error\":\"ratelimited\"}");
    }
    if (fault.status() == 200) {
      return error(fault.error());
    }
    return aResponse().withStatus(fault.status()).withBody("emulated failure " + fault.status());
  }

  static ResponseDefinitionBuilder ok(ObjectNode body) {
    body.put("ok", true);
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(body.toString());
  }

  static ResponseDefinitionBuilder error(String code) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(JSON.createObjectNode().put("ok", false).put("error", code).toString());
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      return answer(serveEvent);
    }

    @Override
    public String getName() {
      return "slack-emulator";
    }
  }
}
