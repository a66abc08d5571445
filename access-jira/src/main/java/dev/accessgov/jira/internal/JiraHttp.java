package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.retry.BudgetedRetry;
import dev.accessgov.retry.JdkHttpLogging;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.AccessObserver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls Jira's REST API with bounded retries (resilience4j): a 429 waits until {@code Retry-After}
 * / {@code X-RateLimit-Reset}; a 5xx, a lost connection or an unreadable answer backs off
 * exponentially with jitter; other errors fail at once with a typed {@link ProviderException}. No
 * call takes longer than its deadline. Redirects are never followed, so the credential only goes to
 * the configured site.
 *
 * <p>After {@link #close()} no request starts; an interrupted caller sends nothing more, and one
 * interrupted while waiting for Jira abandons that request. Thread-safe. Not API.
 */
public final class JiraHttp {
  private static final Logger LOG = LoggerFactory.getLogger(JiraHttp.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Supplier<String> authorization;
  private final RetrySettings settings;
  private final Duration requestTimeout;
  private final Clock clock;
  private final String providerId;

  /** Retries by the most attempts a call may make: the settings' own, or a caller's. */
  private final Map<Integer, BudgetedRetry> retries = new ConcurrentHashMap<>();

  private volatile AccessObserver observer = AccessObserver.none();

  private final JiraErrors errors;
  private final HttpClient client;

  /** Starting a request takes the read lock, closing the write lock: none starts after close. */
  private final ReadWriteLock gate = new ReentrantReadWriteLock();

  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  private boolean closed; // guarded by gate

  /**
   * A transport for one Jira site.
   *
   * @param providerId names the provider in exceptions
   * @param base the site URL without a trailing slash
   * @param authorization produces the {@code Authorization} header value for each request
   */
  public JiraHttp(
      String providerId,
      URI base,
      Supplier<String> authorization,
      RetrySettings settings,
      Duration requestTimeout,
      Duration connectTimeout,
      Clock clock) {
    JdkHttpLogging.refuseHeaderLogging("Jira");
    this.base = base;
    this.authorization = authorization;
    this.settings = settings;
    this.requestTimeout = requestTimeout;
    this.clock = clock;
    this.providerId = providerId;
    this.errors = new JiraErrors(providerId, clock);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Reports retries and rate limits to {@code observer}, naming this provider; set before the first
   * call.
   */
  public JiraHttp observe(AccessObserver observer) {
    this.observer = observer;
    return this;
  }

  /** A deadline {@code totalTimeout} from now, on the monotonic clock. */
  public long deadline() {
    return deadline(settings.totalTimeout());
  }

  /** A deadline {@code budget} from now, on the monotonic clock. */
  public long deadline(Duration budget) {
    return System.nanoTime() + budget.toNanos();
  }

  /**
   * Sends one request, retrying within the settings and before {@code deadline}.
   *
   * @param path the path and query below the site URL, already encoded
   * @param body the JSON body, or null
   * @param attempts the most attempts, the first included
   * @return the answer's JSON, or a missing node for an empty body
   * @throws ProviderException when Jira refused, or retries ran out, or the call was stopped by
   *     {@link #close()} or an interrupt (then {@code retryable}: another process may succeed)
   */
  public JsonNode call(
      String operation,
      String method,
      String path,
      @Nullable JsonNode body,
      int attempts,
      long deadline) {
    if (closed()) {
      throw errors.closed(operation);
    }
    return retry(Math.max(1, attempts))
        .run(() -> attempt(operation, method, path, body, deadline), deadline);
  }

  private BudgetedRetry retry(int attempts) {
    return retries.computeIfAbsent(
        attempts,
        n ->
            new BudgetedRetry(
                    "Jira " + providerId,
                    new RetrySettings(
                        n,
                        settings.initialBackoff(),
                        settings.maxBackoff(),
                        settings.totalTimeout()),
                    clock)
                .observe(providerId, observer));
  }

  /** {@link #call} with the configured attempts and total timeout. */
  public JsonNode call(String operation, String method, String path, @Nullable JsonNode body) {
    return call(operation, method, path, body, settings.maxAttempts(), deadline());
  }

  private JsonNode attempt(
      String operation, String method, String path, @Nullable JsonNode body, long deadline) {
    long leftNanos = deadline - System.nanoTime();
    if (leftNanos <= 0) {
      throw errors.lost(operation, new java.net.http.HttpTimeoutException("deadline passed"));
    }
    Duration timeout = Duration.ofNanos(Math.min(requestTimeout.toNanos(), leftNanos));
    String credential = authorization.get();
    if (credential == null || credential.isBlank()) {
      throw new AccessConfigurationException(
          "the Jira credential supplier returned nothing; check the configured token source");
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(timeout)
            .header("Authorization", credential)
            .header("Accept", "application/json");
    if (body != null) {
      request
          .header("Content-Type", "application/json")
          .method(
              method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = send(operation, request.build());
    } catch (IOException e) {
      ProviderException lost = errors.lost(operation, e);
      LOG.debug("Jira {} attempt failed: {}", operation, lost.getMessage());
      throw lost;
    }
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      ProviderException failure =
          errors.answer(operation, status, response.headers(), response.body());
      LOG.debug("Jira {} attempt failed: {}", operation, failure.getMessage());
      throw failure;
    }
    if (response.body() == null || response.body().isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw errors.unreadable(operation, status, response.headers());
    }
  }

  /**
   * Sends one request and waits for the answer. It is not sent when this transport is closed or the
   * calling thread is interrupted; an interrupt or a {@link #close()} while waiting abandons it.
   */
  private HttpResponse<String> send(String operation, HttpRequest request) throws IOException {
    CompletableFuture<HttpResponse<String>> answer;
    gate.readLock().lock();
    try {
      if (closed) {
        throw errors.closed(operation);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw errors.interrupted(operation, false);
      }
      answer =
          client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      inFlight.add(answer);
    } finally {
      gate.readLock().unlock();
    }
    try {
      return answer.get();
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw errors.interrupted(operation, true);
    } catch (CancellationException e) {
      throw errors.closed(operation);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof CancellationException) {
        // Only close() cancels; depending on timing the client reports it wrapped or not.
        throw errors.closed(operation);
      }
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(cause);
    } finally {
      inFlight.remove(answer);
    }
  }

  /**
   * Stops all traffic to Jira: no request starts after this returns, and requests in flight are
   * abandoned, their callers getting a retryable {@link ProviderException} (whether Jira acted on
   * such a request is as unknown as after a lost answer). Idempotent.
   */
  public void close() {
    gate.writeLock().lock();
    try {
      closed = true;
    } finally {
      gate.writeLock().unlock();
    }
    inFlight.forEach(f -> f.cancel(true));
  }

  private boolean closed() {
    gate.readLock().lock();
    try {
      return closed;
    } finally {
      gate.readLock().unlock();
    }
  }

  /** The wait before attempt {@code attempt + 1}: exponential with jitter. */
  public long backoff(int attempt) {
    return retry(settings.maxAttempts()).backoffMillis(attempt);
  }
}
