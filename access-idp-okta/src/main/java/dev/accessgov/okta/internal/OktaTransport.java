package dev.accessgov.okta.internal;

import com.okta.sdk.cache.Caches;
import com.okta.sdk.resource.client.ApiClient;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client under the Okta SDK. We build it ourselves rather than through the SDK's client
 * builder so that: the SDK retries nothing (retries are ours, see {@link OktaCalls}); redirects are
 * never followed (a redirect to another host would carry the credential there); the credential's
 * headers ({@link OktaCredential}) are computed for every request (a DPoP proof names the request)
 * and only sent to the org's own host; and every response's status, request id and rate-limit
 * headers are captured for evidence, including on 204 answers, whose headers the SDK drops. Its
 * connections log no header and no wire byte at any log level (see {@link QuietConnections}), so
 * the credential cannot reach a log. Not API.
 */
public final class OktaTransport implements Closeable {
  private static final ThreadLocal<@Nullable ResponseMeta> LAST = new ThreadLocal<>();
  private static final ThreadLocal<@Nullable Long> DEADLINE = new ThreadLocal<>();

  private final CloseableHttpClient http;
  private final ApiClient apiClient;
  private final Duration requestTimeout;

  /**
   * A transport for one org.
   *
   * @param orgUrl the org's base URL, already validated
   * @param credential the authentication headers, computed per request
   * @param connectTimeout how long to wait for a TCP connection
   * @param requestTimeout how long to wait for one response
   * @param userAgent sent as {@code User-Agent}
   */
  public OktaTransport(
      URI orgUrl,
      OktaCredential credential,
      Duration connectTimeout,
      Duration requestTimeout,
      String userAgent) {
    this.requestTimeout = requestTimeout;
    String orgHost = orgUrl.getHost();
    int orgPort = port(orgUrl.getScheme(), orgUrl.getPort());
    this.http =
        HttpClients.custom()
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    // HttpClient's own connections log the Authorization header at DEBUG.
                    .setConnectionFactory(QuietConnections.INSTANCE)
                    .setMaxConnTotal(64)
                    .setMaxConnPerRoute(64)
                    .setDefaultConnectionConfig(
                        ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.of(connectTimeout))
                            .setSocketTimeout(Timeout.of(requestTimeout))
                            .build())
                    .build())
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setConnectionRequestTimeout(Timeout.of(requestTimeout))
                    .setResponseTimeout(Timeout.of(requestTimeout))
                    .build())
            .addRequestInterceptorLast(
                (HttpRequest request, @Nullable EntityDetails entity, HttpContext context) -> {
                  URIAuthority target = request.getAuthority();
                  if (target == null
                      || !orgHost.equalsIgnoreCase(target.getHostName())
                      || orgPort != port(request.getScheme(), target.getPort())) {
                    throw new IOException(
                        "refusing to send the Okta credential to "
                            + target
                            + "; only the org's host "
                            + orgHost
                            + " is allowed");
                  }
                  String path = request.getPath() == null ? "/" : request.getPath();
                  int query = path.indexOf('?');
                  String url =
                      request.getScheme()
                          + "://"
                          + target
                          + (query < 0 ? path : path.substring(0, query));
                  credential.headers(request.getMethod(), url).forEach(request::setHeader);
                  request.setHeader("User-Agent", userAgent);
                  limitResponseTimeToDeadline(context);
                })
            .addResponseInterceptorLast(
                (HttpResponse response, @Nullable EntityDetails entity, HttpContext context) ->
                    LAST.set(ResponseMeta.of(response)))
            .build();
    ApiClient client = new ApiClient(http, Caches.newDisabledCacheManager());
    client.setBasePath(stripTrailingSlash(orgUrl.toString()));
    this.apiClient = client;
  }

  private void limitResponseTimeToDeadline(HttpContext context) {
    Long deadline = DEADLINE.get();
    if (deadline == null) {
      return;
    }
    // The call's total budget bounds each attempt, so a slow answer cannot outlast the budget.
    long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    long millis = Math.min(requestTimeout.toMillis(), remainingMillis);
    HttpClientContext clientContext = HttpClientContext.adapt(context);
    clientContext.setRequestConfig(
        RequestConfig.copy(clientContext.getRequestConfig())
            .setResponseTimeout(Timeout.ofMilliseconds(millis))
            .build());
  }

  private static int port(@Nullable String scheme, int port) {
    if (port >= 0) {
      return port;
    }
    return "http".equalsIgnoreCase(scheme) ? 80 : 443;
  }

  private static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The SDK client that all API classes share. */
  public ApiClient apiClient() {
    return apiClient;
  }

  /** Forgets the last response on this thread and sets the deadline of the coming attempt. */
  static void beginAttempt(long deadlineNanos) {
    LAST.remove();
    DEADLINE.set(deadlineNanos);
  }

  /** The response the last attempt on this thread received, or null when none arrived. */
  static @Nullable ResponseMeta endAttempt() {
    DEADLINE.remove();
    ResponseMeta meta = LAST.get();
    LAST.remove();
    return meta;
  }

  @Override
  public void close() throws IOException {
    http.close();
  }
}
