package dev.accessgov.entra.internal;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.core.requests.options.GraphClientOption;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.http.middleware.RedirectHandler;
import com.microsoft.kiota.http.middleware.RetryHandler;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client under the Graph SDK. It is the SDK's own OkHttp stack with two of its handlers
 * removed: the retry handler (retries are ours, bounded by the operation's time budget) and the
 * redirect handler (a redirect is an error, so the token never travels to another host). One
 * interceptor of ours records each response's status and {@code request-id} for the calling thread
 * and cuts each wait for an answer to the time the operation has left. Not API.
 */
public final class GraphTransport implements AutoCloseable {
  private static final ThreadLocal<Attempt> CURRENT = new ThreadLocal<>();

  private final OkHttpClient http;
  private final GraphServiceClient graph;
  private final long requestTimeoutMillis;
  private final Clock clock;

  /**
   * A transport for {@code baseUrl} (e.g. {@code https://graph.microsoft.com/v1.0}).
   *
   * @param credential where tokens come from
   * @param scope the scope to ask tokens for, e.g. {@code https://graph.microsoft.com/.default}
   */
  public GraphTransport(
      URI baseUrl,
      TokenCredential credential,
      String scope,
      Duration connectTimeout,
      Duration requestTimeout,
      Clock clock) {
    this.requestTimeoutMillis = requestTimeout.toMillis();
    this.clock = clock;
    OkHttpClient.Builder builder = GraphClientFactory.create(new GraphClientOption());
    builder.interceptors().removeIf(i -> i instanceof RetryHandler || i instanceof RedirectHandler);
    this.http =
        builder
            .addInterceptor(new Recorder())
            .followRedirects(false)
            .followSslRedirects(false)
            // A silent re-send would hide attempts from the retry budget and the evidence.
            .retryOnConnectionFailure(false)
            .connectTimeout(connectTimeout)
            .readTimeout(requestTimeout)
            .writeTimeout(requestTimeout)
            .build();
    TokenAuthentication auth = new TokenAuthentication(credential, scope, baseUrl.getHost());
    this.graph = new GraphServiceClient(auth, http);
    graph.getRequestAdapter().setBaseUrl(baseUrl.toString());
  }

  /** The SDK client; its calls go through this transport. */
  public GraphServiceClient graph() {
    return graph;
  }

  /** Starts recording the responses of the calling thread; waits end by {@code deadline}. */
  static void beginAttempt(long deadlineNanos) {
    CURRENT.set(new Attempt(deadlineNanos));
  }

  /** Milliseconds left to the calling thread's attempt deadline; MAX_VALUE outside attempts. */
  static long millisLeft() {
    Attempt attempt = CURRENT.get();
    return attempt == null
        ? Long.MAX_VALUE
        : (attempt.deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  /** Stops recording; the last response seen since {@link #beginAttempt}, or null. */
  static @Nullable ResponseMeta endAttempt() {
    Attempt attempt = CURRENT.get();
    CURRENT.remove();
    return attempt == null ? null : attempt.meta;
  }

  /** Releases the connections and threads of the HTTP client. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  private static final class Attempt {
    final long deadlineNanos;
    @Nullable ResponseMeta meta;

    Attempt(long deadlineNanos) {
      this.deadlineNanos = deadlineNanos;
    }
  }

  private final class Recorder implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Attempt attempt = CURRENT.get();
      Chain bounded = chain;
      if (attempt != null) {
        long left = (attempt.deadlineNanos - System.nanoTime()) / 1_000_000;
        int wait = (int) Math.max(1, Math.min(requestTimeoutMillis, left));
        bounded =
            chain
                .withConnectTimeout(
                    Math.min(wait, chain.connectTimeoutMillis()), TimeUnit.MILLISECONDS)
                .withReadTimeout(wait, TimeUnit.MILLISECONDS)
                .withWriteTimeout(wait, TimeUnit.MILLISECONDS);
      }
      Response response = bounded.proceed(bounded.request());
      if (attempt != null) {
        attempt.meta = ResponseMeta.of(response, clock.instant());
      }
      return response;
    }
  }
}
