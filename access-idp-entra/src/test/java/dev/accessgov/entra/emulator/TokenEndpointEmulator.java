package dev.accessgov.entra.emulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The Microsoft identity platform's token endpoint for the client credentials flow, {@code POST
 * /{tenant}/oauth2/v2.0/token}, on WireMock over https (azure-identity accepts no other scheme for
 * its authority), answering what a test scripts: a token, or an error in the platform's shape
 * ({@code error}, {@code error_description} with the {@code AADSTS} code, {@code error_codes},
 * trace and correlation ids). Its certificate is a test-only one for 127.0.0.1, trusted through the
 * {@code javax.net.ssl.trustStore} properties while the emulator runs; {@link #close()} puts them
 * back.
 */
public final class TokenEndpointEmulator implements AutoCloseable {
  private static final String PASSWORD = "test-only-tls";

  private final WireMockServer server;
  private final String tenant;
  private final Map<String, String> saved = new HashMap<>();

  /** Starts the endpoint for {@code tenant} on a free localhost port. */
  public TokenEndpointEmulator(String tenant) {
    this.tenant = tenant;
    server =
        new WireMockServer(
            wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .dynamicHttpsPort()
                .keystorePath(resource("/canary/login-tls.p12"))
                .keystoreType("PKCS12")
                .keystorePassword(PASSWORD)
                .keyManagerPassword(PASSWORD));
    server.start();
    Map<String, String> trust =
        Map.of(
            "javax.net.ssl.trustStore",
            resource("/canary/login-trust.p12"),
            "javax.net.ssl.trustStoreType",
            "PKCS12",
            "javax.net.ssl.trustStorePassword",
            PASSWORD);
    trust.forEach(
        (k, v) -> {
          saved.put(k, System.getProperty(k));
          System.setProperty(k, v);
        });
  }

  /** The authority host to give the provider. */
  public String authorityHost() {
    return "https://127.0.0.1:" + server.httpsPort() + "/";
  }

  /** Forgets the scripted answer and the requests received. */
  public TokenEndpointEmulator reset() {
    server.resetAll();
    return this;
  }

  /** Answers every token request so from now on. */
  public TokenEndpointEmulator answer(ResponseDefinitionBuilder answer) {
    server.stubFor(any(urlMatching("/" + tenant + "/oauth2/v2\\.0/token")).willReturn(answer));
    return this;
  }

  /** How many token requests arrived since the last reset. */
  public int requestCount() {
    return server.getAllServeEvents().size();
  }

  /** A successful answer issuing {@code accessToken} for an hour. */
  public static ResponseDefinitionBuilder token(String accessToken) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
                + "\"access_token\":\""
                + accessToken
                + "\"}");
  }

  /** An error answer in the identity platform's shape. */
  public static ResponseDefinitionBuilder error(int status, String error, int code, String text) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":\""
                + error
                + "\",\"error_description\":\"AADSTS"
                + code
                + ": "
                + text
                + " Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 Correlation ID:"
                + " aaaa0000-bb11-2222-33cc-444444dddddd Timestamp: 2026-12-07 02:00:00Z\","
                + "\"error_codes\":["
                + code
                + "],\"timestamp\":\"2026-12-07 02:00:00Z\","
                + "\"trace_id\":\"0000aaaa-11bb-cccc-dd22-eeeeee333333\","
                + "\"correlation_id\":\"aaaa0000-bb11-2222-33cc-444444dddddd\"}");
  }

  @Override
  public void close() {
    server.stop();
    saved.forEach(
        (k, v) -> {
          if (v == null) {
            System.clearProperty(k);
          } else {
            System.setProperty(k, v);
          }
        });
  }

  private static String resource(String name) {
    try {
      return Path.of(TokenEndpointEmulator.class.getResource(name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(name, e);
    }
  }
}
