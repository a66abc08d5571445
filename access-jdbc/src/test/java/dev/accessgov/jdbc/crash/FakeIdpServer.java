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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An identity provider that lives outside the process under test: group memberships kept in this
 * (the test's) JVM and changed over HTTP on 127.0.0.1, so they survive the client being killed
 * mid-call, as a real IdP's would. Paths: {@code /users/{id}}, {@code /groups/{g}/members/{u}}
 * (GET, PUT, DELETE); answers are one word.
 *
 * <p>A {@linkplain #trap trap} holds one membership change inside the call — applied or not, the
 * caller never hears back — so the test can kill the client at the worst moment: after the IdP
 * acted, before the client could record it.
 */
final class FakeIdpServer implements AutoCloseable {
  private final HttpServer server;
  private final Set<String> users = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> groups = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> additions = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> removals = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private volatile Trap trap;

  /** A change the server will hold; see {@link FakeIdpServer#trap}. */
  static final class Trap {
    private final long at;
    private final boolean applyFirst;
    private final CountDownLatch sprung = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Trap(long at, boolean applyFirst) {
      this.at = at;
      this.applyFirst = applyFirst;
    }

    /** Waits until a call walked into the trap; false when none did within the liveness bound. */
    boolean awaitSprung(long seconds) throws InterruptedException {
      return sprung.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the held call go (its client is dead by then, so nobody reads the answer). */
    void release() {
      released.countDown();
    }
  }

  FakeIdpServer() throws IOException {
    // Without TCP_NODELAY every small answer waits ~40 ms for a delayed ACK (Nagle).
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::handle);
    // One thread per call, so a held call does not stop the others.
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
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
    additions.computeIfAbsent(id, g -> new AtomicLong());
    removals.computeIfAbsent(id, g -> new AtomicLong());
  }

  /** The members of a group now, sorted. */
  Set<String> members(String group) {
    return new TreeSet<>(groups.get(group));
  }

  /** How many memberships of {@code group} were actually added (not already present). */
  long additions(String group) {
    return additions.get(group).get();
  }

  /** How many memberships of {@code group} were actually removed (present before). */
  long removals(String group) {
    return removals.get(group).get();
  }

  /**
   * Holds the {@code after}-th membership change from now (1 = the next one): it is applied first
   * when {@code applyFirst}, and its caller never gets an answer until {@link Trap#release()}.
   */
  Trap trap(long after, boolean applyFirst) {
    Trap t = new Trap(changes.get() + after, applyFirst);
    trap = t;
    return t;
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
      boolean change = method.equals("PUT") || method.equals("DELETE");
      Trap held = change ? springs(changes.incrementAndGet()) : null;
      if (held != null && !held.applyFirst) {
        hold(held);
      }
      answer = apply(path[1], path[3], method);
      if (held != null) {
        hold(held);
      }
    } else {
      status = 404;
      answer = "no such resource";
    }
    byte[] body = (answer == null ? "" : answer).getBytes(StandardCharsets.UTF_8);
    try {
      exchange.getResponseHeaders().add("X-Request-Id", "fake-" + requests.incrementAndGet());
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
    } catch (IOException clientGone) {
      // The client was killed while its call was held: nobody is listening.
    } finally {
      exchange.close();
    }
  }

  private Trap springs(long change) {
    Trap t = trap;
    if (t != null && t.at == change) {
      trap = null;
      return t;
    }
    return null;
  }

  private static void hold(Trap t) {
    t.sprung.countDown();
    try {
      t.released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String apply(String group, String user, String method) {
    Set<String> members = groups.get(group);
    synchronized (members) {
      switch (method) {
        case "PUT" -> {
          boolean added = members.add(user);
          additions.get(group).addAndGet(added ? 1 : 0);
          return added ? "ADDED" : "ALREADY_MEMBER";
        }
        case "DELETE" -> {
          boolean removed = members.remove(user);
          removals.get(group).addAndGet(removed ? 1 : 0);
          return removed ? "REMOVED" : "NOT_A_MEMBER";
        }
        default -> {
          return String.valueOf(members.contains(user));
        }
      }
    }
  }

  @Override
  public void close() {
    Trap t = trap;
    if (t != null) {
      t.release();
    }
    server.stop(0);
  }
}
