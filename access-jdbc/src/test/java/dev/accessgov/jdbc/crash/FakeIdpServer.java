package dev.accessgov.jdbc.crash;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An identity provider that lives outside the process under test: group memberships kept in this
 * (the test's) JVM and changed over HTTP on 127.0.0.1, so they survive the client being killed
 * mid-call, as a real IdP's would. Paths: {@code /users/{id}}, {@code /groups/{g}/members/{u}}
 * (GET, PUT, DELETE); answers are one word.
 */
final class FakeIdpServer implements AutoCloseable {
  private final HttpServer server;
  private final Set<String> users = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong removals = new AtomicLong();
  private final AtomicLong additions = new AtomicLong();

  FakeIdpServer() throws IOException {
    // Without TCP_NODELAY every small answer waits ~40 ms for a delayed ACK (Nagle).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void user(String id) {
    users.add(id);
  }

  void group(String id) {
    groups.computeIfAbsent(id, g -> ConcurrentHashMap.newKeySet());
  }

  /** The members of a group now, sorted. */
  Set<String> members(String group) {
    return new TreeSet<>(groups.get(group));
  }

  /** How many memberships were actually added (not already present). */
  long additions() {
    return additions.get();
  }

  /** How many memberships were actually removed (present before). */
  long removals() {
    return removals.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String[] path = exchange.getRequestURI().getPath().substring(1).split("/");
    String method = exchange.getRequestMethod();
    String answer;
    int status = 200;
    if (path.length == 2 && path[0].equals("users")) {
      answer = users.contains(path[1]) ? path[1] : null;
      status = answer == null ? 404 : 200;
    } else if (path.length == 4 && path[0].equals("groups") && groups.containsKey(path[1])) {
      Set<String> members = groups.get(path[1]);
      String user = path[3];
      synchronized (members) {
        switch (method) {
          case "PUT" -> {
            boolean added = members.add(user);
            answer = added ? "ADDED" : "ALREADY_MEMBER";
            additions.addAndGet(added ? 1 : 0);
          }
          case "DELETE" -> {
            boolean removed = members.remove(user);
            answer = removed ? "REMOVED" : "NOT_A_MEMBER";
            removals.addAndGet(removed ? 1 : 0);
          }
          default -> answer = String.valueOf(members.contains(user));
        }
      }
    } else {
      status = 404;
      answer = "no such resource";
    }
    byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("X-Request-Id", "fake-" + requests.incrementAndGet());
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      exchange.getResponseBody().write(body);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
