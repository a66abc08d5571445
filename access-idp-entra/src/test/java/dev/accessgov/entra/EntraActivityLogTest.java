package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.entra.emulator.EmulatedFailure;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.ActivityLogContract;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The activity-log contract, against the Graph SDK's auditLogs/signIns talking to the emulator. */
class EntraActivityLogTest extends ActivityLogContract {
  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();

  private static final String USER = "a11ce000-0000-4000-8000-000000000001";
  private static final String OTHER = "0the7000-0000-4000-8000-000000000002";
  private static final Map<String, String> APPS =
      Map.of(
          APPLICATION, "00000000-a990-4000-8000-00000000wiki",
          OTHER_APPLICATION, "00000000-a990-4000-8000-000000000crm");

  private final EntraIdentityProvider provider;

  EntraActivityLogTest() {
    seed();
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .pageSize(4)
            .activityApplication(APPLICATION, APPS.get(APPLICATION))
            .activityApplication(OTHER_APPLICATION, APPS.get(OTHER_APPLICATION))
            .client(
                c ->
                    c.maxAttempts(4)
                        .initialBackoff(Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(50))
                        .totalTimeout(Duration.ofMinutes(2))
                        .clock(Clock.systemUTC()))
            .build();
  }

  private static void seed() {
    graph
        .reset()
        .user(USER, "alice@contoso.example", (Instant) null)
        .user(OTHER, "other@contoso.example", (Instant) null);
  }

  @AfterEach
  void requestsFollowTheContract() {
    provider.close();
    assertThat(
            GraphRequestRules.violations(
                graph.server().getAllServeEvents().stream()
                    .filter(e -> e.getResponse().getStatus() == 200)
                    .toList()))
        .isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected ActivityScript vendor() {
    return new ActivityScript() {
      @Override
      public void signIns(String userId, String application, List<Instant> times) {
        graph.signInTo(userId, APPS.get(application), times.toArray(Instant[]::new));
      }

      @Override
      public void failNext(int times, VendorFault fault) {
        graph.failNext(
            times,
            fault == VendorFault.RATE_LIMITED_BRIEFLY
                ? EmulatedFailure.throttled(1)
                : EmulatedFailure.status(503));
      }
    };
  }

  @Override
  protected String user() {
    return USER;
  }

  @Override
  protected String otherUser() {
    return OTHER;
  }

  @Override
  protected int pageSize() {
    return 4;
  }

  @Override
  protected void forgetFailures() {
    seed();
  }

  @Test
  void filtersOnTheUserTheMappedAppAndTheWindow() {
    ActivityPage page =
        provider
            .activityLog()
            .orElseThrow()
            .activity(new ActivityQuery(USER, APPLICATION, FROM, TO), null);
    assertThat(page.query())
        .isEqualTo(
            "/auditLogs/signIns?$filter=userId eq '"
                + USER
                + "' and appId eq '"
                + APPS.get(APPLICATION)
                + "' and createdDateTime ge 2026-01-05T10:00:00Z"
                + " and createdDateTime le 2026-01-05T11:00:00Z&$top=4");
    assertThat(graph.server().getAllServeEvents().get(0).getRequest().getUrl())
        .startsWith("/v1.0/auditLogs/signIns?");
  }

  @Test
  void aTenantWithoutPremiumIsATypedRefusal() {
    graph.signInActivityLicensed(false);
    try {
      provider
          .activityLog()
          .orElseThrow()
          .activity(new ActivityQuery(USER, APPLICATION, FROM, TO), null);
      throw new AssertionError("expected a refusal");
    } catch (dev.accessgov.ProviderException e) {
      assertThat(e.status()).isEqualTo(403);
      assertThat(e.retryable()).isFalse();
    }
  }
}
