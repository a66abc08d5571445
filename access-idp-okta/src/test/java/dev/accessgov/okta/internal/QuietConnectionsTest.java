package dev.accessgov.okta.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The quiet connections carry HTTPS, as every real Okta org is, and are reused from the pool. */
class QuietConnectionsTest {
  @Test
  @DisplayName("requests over TLS succeed and reuse one pooled connection")
  void tls() throws Exception {
    WireMockServer server =
        new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicHttpsPort());
    server.start();
    server.stubFor(
        get(urlEqualTo("/ping")).willReturn(aResponse().withStatus(200).withBody("pong")));
    // WireMock's certificate is self-signed: trust it for this test only.
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new TrustAll()}, null);
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setConnectionFactory(QuietConnections.INSTANCE)
            .setSSLSocketFactory(
                SSLConnectionSocketFactoryBuilder.create()
                    .setSslContext(tls)
                    .setHostnameVerifier(NoopHostnameVerifier.INSTANCE)
                    .build())
            .build();
    try (CloseableHttpClient http = HttpClients.custom().setConnectionManager(pool).build()) {
      String url = "https://127.0.0.1:" + server.httpsPort() + "/ping";
      for (int i = 0; i < 3; i++) {
        String body = http.execute(new HttpGet(url), r -> EntityUtils.toString(r.getEntity()));
        assertThat(body).isEqualTo("pong");
      }
      // One connection made, passivated between requests and activated again.
      assertThat(pool.getTotalStats().getAvailable()).isEqualTo(1);
      assertThat(pool.getTotalStats().getLeased()).isZero();
    } finally {
      server.stop();
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
