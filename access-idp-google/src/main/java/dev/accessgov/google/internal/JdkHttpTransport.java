package dev.accessgov.google.internal;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.util.StreamingContent;
import dev.accessgov.retry.JdkHttpLogging;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * google-http-client's transport on the JDK's {@link HttpClient}, used instead of {@code
 * NetHttpTransport} because {@code java.net.HttpURLConnection}, under {@code NetHttpTransport},
 * logs every request's headers — the {@code Authorization: Bearer} token included — to
 * java.util.logging ({@code sun.net.www.protocol.http.HttpURLConnection}) whenever that logger is
 * at {@code FINE}, and no setting of ours can stop it per connection. {@link HttpClient} logs
 * headers only when the JVM is started with {@code -Djdk.httpclient.HttpClient.log=headers}, an
 * explicit operator choice, never because of a logger level; the transport then refuses to start
 * ({@link JdkHttpLogging}), as access-jira's does. Redirects are never followed; each exchange,
 * headers and body, is bounded by the read timeout google-http-client sets. Not API.
 */
final class JdkHttpTransport extends HttpTransport {
  /** Headers {@link HttpClient} sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient client;

  JdkHttpTransport(Duration connectTimeout) {
    JdkHttpLogging.refuseHeaderLogging("Google");
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public boolean supportsMethod(String method) {
    return true;
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new Request(method, url);
  }

  private final class Request extends LowLevelHttpRequest {
    private final String method;
    private final String url;
    private final List<String[]> headers = new ArrayList<>();
    private int readTimeoutMillis;

    Request(String method, String url) {
      this.method = method;
      this.url = url;
    }

    @Override
    public void addHeader(String name, String value) {
      headers.add(new String[] {name, value});
    }

    @Override
    public void setTimeout(int connectTimeout, int readTimeout) {
      this.readTimeoutMillis = readTimeout;
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
      for (String[] header : headers) {
        if (!RESTRICTED.contains(header[0].toLowerCase(Locale.ROOT))) {
          builder.header(header[0], header[1]);
        }
      }
      if (getContentType() != null) {
        builder.header("Content-Type", getContentType());
      }
      if (getContentEncoding() != null) {
        builder.header("Content-Encoding", getContentEncoding());
      }
      StreamingContent content = getStreamingContent();
      HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
      if (content != null) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        content.writeTo(bytes);
        body = HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray());
      }
      builder.method(method, body);
      CompletableFuture<HttpResponse<byte[]>> exchange =
          client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      try {
        // Bounds the whole exchange, body included, as a read timeout would.
        HttpResponse<byte[]> response =
            readTimeoutMillis > 0
                ? exchange.get(readTimeoutMillis, TimeUnit.MILLISECONDS)
                : exchange.get();
        return new Response(response);
      } catch (TimeoutException e) {
        exchange.cancel(true);
        throw new SocketTimeoutException("no answer within " + readTimeoutMillis + " ms");
      } catch (InterruptedException e) {
        exchange.cancel(true);
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for Google");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        String what = cause == null ? "no cause" : cause.getClass().getSimpleName();
        throw new IOException("the HTTP exchange failed: " + what, cause);
      }
    }
  }

  private static final class Response extends LowLevelHttpResponse {
    private final HttpResponse<byte[]> response;
    private final List<String[]> headers = new ArrayList<>();

    Response(HttpResponse<byte[]> response) {
      this.response = response;
      for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
        if (header.getKey().startsWith(":")) {
          continue;
        }
        for (String value : header.getValue()) {
          headers.add(new String[] {header.getKey(), value});
        }
      }
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(response.body());
    }

    @Override
    public @Nullable String getContentEncoding() {
      return response.headers().firstValue("content-encoding").orElse(null);
    }

    @Override
    public long getContentLength() {
      return response.body().length;
    }

    @Override
    public @Nullable String getContentType() {
      return response.headers().firstValue("content-type").orElse(null);
    }

    @Override
    public @Nullable String getStatusLine() {
      return null;
    }

    @Override
    public int getStatusCode() {
      return response.statusCode();
    }

    @Override
    public @Nullable String getReasonPhrase() {
      // HttpClient does not expose the reason phrase; the status code says it all.
      return null;
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index)[0];
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index)[1];
    }
  }
}
