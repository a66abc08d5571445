package dev.accessgov.google.internal;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The Directory API client and the HTTP setup under it. We configure every request ourselves so
 * that: the client retries nothing but one token refresh after a 401 (retries are ours, see {@link
 * GoogleCalls}); redirects are never followed (a redirect to another host would carry the access
 * token there); each response wait is cut to the time left in the operation's budget; and every
 * answer's HTTP status is kept for evidence; and no request is logged with its credentials (see
 * {@link JdkHttpTransport}). Not API.
 */
public final class DirectoryTransport {
  private static final ThreadLocal<@Nullable Long> DEADLINE = new ThreadLocal<>();

  private final Directory directory;

  /**
   * A client for one Workspace.
   *
   * @param rootUrl the API's root URL, ending in {@code /}
   * @param credentials scoped and, for a service account, delegated credentials
   * @param connectTimeout how long to wait for a TCP connection
   * @param requestTimeout how long to wait for one response
   * @param applicationName sent in {@code User-Agent}
   */
  public DirectoryTransport(
      String rootUrl,
      GoogleCredentials credentials,
      Duration connectTimeout,
      Duration requestTimeout,
      String applicationName) {
    HttpCredentialsAdapter auth = new HttpCredentialsAdapter(credentials);
    HttpRequestInitializer initializer =
        request -> {
          auth.initialize(request);
          request.setFollowRedirects(false);
          // google-http-client logs each request and response to java.util.logging at CONFIG,
          // headers and a curl line included, and the Authorization header itself once the
          // logger is at ALL. Its own per-request switches turn that off, whatever the host's
          // logging configuration; the token request is already built with logging off by
          // google-auth-library.
          request.setLoggingEnabled(false);
          request.setCurlLoggingEnabled(false);
          // One repeat, used only by the credentials adapter to refresh the token after a 401.
          request.setNumberOfRetries(1);
          request.setConnectTimeout((int) connectTimeout.toMillis());
          request.setReadTimeout((int) readTimeout(requestTimeout));
        };
    this.directory =
        new Directory.Builder(
                new JdkHttpTransport(connectTimeout), GsonFactory.getDefaultInstance(), initializer)
            .setRootUrl(rootUrl)
            .setApplicationName(applicationName)
            .build();
  }

  private static long readTimeout(Duration requestTimeout) {
    Long deadline = DEADLINE.get();
    if (deadline == null) {
      return requestTimeout.toMillis();
    }
    // The operation's total budget bounds each attempt, so a slow answer cannot outlast it.
    long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    return Math.min(requestTimeout.toMillis(), left);
  }

  /** The Directory API client. */
  public Directory directory() {
    return directory;
  }

  /**
   * Sends {@code request} and parses the answer as {@code type}.
   *
   * @throws IOException when Google refused ({@code GoogleJsonResponseException}), no answer
   *     arrived, or the answer could not be read
   */
  public static <T> GoogleAnswer<T> parsed(AbstractGoogleClientRequest<T> request, Class<T> type)
      throws IOException {
    HttpResponse response = request.executeUnparsed();
    int status = response.getStatusCode();
    try {
      return new GoogleAnswer<>(response.parseAs(type), status, null);
    } catch (IOException | IllegalArgumentException e) {
      throw new GoogleErrors.UnreadableAnswer(status, e);
    } finally {
      response.disconnect();
    }
  }

  /** Sends {@code request} and ignores the body (a delete's answer has none). */
  public static <T> GoogleAnswer<T> empty(AbstractGoogleClientRequest<T> request)
      throws IOException {
    HttpResponse response = request.executeUnparsed();
    try {
      return new GoogleAnswer<>(null, response.getStatusCode(), null);
    } finally {
      response.ignore();
      response.disconnect();
    }
  }

  /** Sets the deadline of the coming attempt on this thread. */
  static void beginAttempt(long deadlineNanos) {
    DEADLINE.set(deadlineNanos);
  }

  /** Forgets the deadline. */
  static void endAttempt() {
    DEADLINE.remove();
  }
}
