package dev.accessgov.jdbc.crash;

import dev.accessgov.ProviderException;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.ProviderReceipt;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The client side of {@link FakeIdpServer}: an {@link IdentityProvider} over HTTP. */
final class HttpIdentityProvider implements IdentityProvider {
  private final String id;
  private final String base;
  private final Clock clock;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  HttpIdentityProvider(String id, int port, Clock clock) {
    this.id = id;
    this.base = "http://127.0.0.1:" + port;
    this.clock = clock;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    HttpResponse<String> r = call("findUser", "GET", "/users/" + idLoginOrEmail);
    return r.statusCode() == 404
        ? Optional.empty()
        : Optional.of(new IdpUser(r.body(), r.body(), null, true));
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    return change("addMember", "PUT", groupId, userId);
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    return change("removeMember", "DELETE", groupId, userId);
  }

  @Override
  public boolean isMember(String groupId, String userId) {
    return Boolean.parseBoolean(
        call("isMember", "GET", "/groups/" + groupId + "/members/" + userId).body());
  }

  @Override
  public MemberPage members(String groupId, String pageToken) {
    throw new UnsupportedOperationException("not needed by the crash test");
  }

  @Override
  public LastLogin lastLogin(String userId) {
    return LastLogin.unknown();
  }

  private MembershipChange change(String operation, String method, String groupId, String user) {
    HttpResponse<String> r = call(operation, method, "/groups/" + groupId + "/members/" + user);
    if (r.statusCode() != 200) {
      throw new ProviderException(id, operation, r.statusCode(), null, null, false, r.body(), null);
    }
    ProviderReceipt receipt =
        new ProviderReceipt(
            id,
            operation,
            r.statusCode(),
            r.headers().firstValue("X-Request-Id").orElse(null),
            clock.instant());
    return new MembershipChange(MembershipOutcome.valueOf(r.body()), groupId, user, receipt);
  }

  private HttpResponse<String> call(String operation, String method, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ProviderException(id, operation, 0, null, null, true, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(id, operation, 0, null, null, true, "interrupted", e);
    }
  }

  @Override
  public String toString() {
    return "HttpIdentityProvider[" + base + "]";
  }
}
