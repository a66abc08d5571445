package dev.accessgov.okta.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnection;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * HTTP/1.1 connections for Apache HttpClient 5 that never log what they send or receive.
 *
 * <p>Why: the connections HttpClient makes by default print every request header, {@code
 * Authorization} included, to the logger {@code org.apache.hc.client5.http.headers}, and every byte
 * on the socket to {@code org.apache.hc.client5.http.wire}, as soon as either is at DEBUG. An
 * application that turns on DEBUG to chase a connection problem would write the Okta API token or
 * the service app's access token into its logs. That is ours to prevent, not the user's logging
 * configuration: the credential is set on every request (see {@link OktaTransport}), so no
 * interceptor can hide it from the connection, and the Okta SDK offers no hook for header
 * redaction. These connections are HttpCore's own {@link DefaultBHttpClientConnection}, which has
 * no logging at all, with what HttpClient's pool needs added (rebinding after a TLS upgrade, idle
 * socket timeouts); everything else HttpClient logs (routes, pool leases, request lines, which
 * carry no credential) is left as it is. Not API.
 */
final class QuietConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {
  static final QuietConnections INSTANCE = new QuietConnections();

  private QuietConnections() {}

  @Override
  public ManagedHttpClientConnection createConnection(@Nullable Socket socket) throws IOException {
    QuietConnection connection = new QuietConnection();
    if (socket != null) {
      connection.bind(socket);
    }
    return connection;
  }

  /** One connection; its socket timeout is parked while the pool holds it idle. */
  private static final class QuietConnection extends DefaultBHttpClientConnection
      implements ManagedHttpClientConnection {
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Timeout socketTimeout = Timeout.DISABLED;

    QuietConnection() {
      super(Http1Config.DEFAULT);
    }

    @Override
    public void bind(Socket socket) throws IOException {
      if (closed.get()) {
        socket.close();
        throw new InterruptedIOException("connection already shut down");
      }
      super.bind(socket);
      socketTimeout = Timeout.ofMilliseconds(socket.getSoTimeout());
    }

    @Override
    public @Nullable Socket getSocket() {
      SocketHolder holder = getSocketHolder();
      return holder == null ? null : holder.getSocket();
    }

    @Override
    public void setSocketTimeout(Timeout timeout) {
      super.setSocketTimeout(timeout);
      socketTimeout = timeout;
    }

    @Override
    public void passivate() {
      super.setSocketTimeout(Timeout.ZERO_MILLISECONDS);
    }

    @Override
    public void activate() {
      super.setSocketTimeout(socketTimeout);
    }

    @Override
    public void close() throws IOException {
      if (closed.compareAndSet(false, true)) {
        super.close();
      }
    }

    @Override
    public void close(CloseMode mode) {
      if (closed.compareAndSet(false, true)) {
        super.close(mode);
      }
    }
  }
}
