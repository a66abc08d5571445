package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.okta.emulator.EmulatedFailure;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
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

/** The activity-log contract, against the Okta SDK's SystemLogApi talking to the emulator. */
class OktaActivityLogTest extends ActivityLogContract {
  @RegisterExtension static final OktaEmulator okta = new OktaEmulator();

  private static final String USER = "00uactive0000000001";
  private static final String OTHER = "00uother00000000001";
  private static final Map<String, String> APPS =
      Map.of(APPLICATION, "0oawiki000000000001", OTHER_APPLICATION, "0oacrm0000000000001");

  private final OktaIdentityProvider provider;

  OktaActivityLogTest() {
    okta.reset().user(USER, "active@example.com", null).user(OTHER, "other@example.com", null);
    provider =
        OktaIdentityProvider.builder()
            .orgUrl(okta.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
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

  @AfterEach
  void requestsFollowTheSpec() {
    provider.close();
    assertThat(SpecValidator.violations(okta.server().getAllServeEvents(), false)).isEmpty();
    assertThat(
            SpecValidator.violations(
                okta.server().getAllServeEvents().stream()
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
        okta.signIn(userId, APPS.get(application), times.toArray(Instant[]::new));
      }

      @Override
      public void failNext(int times, VendorFault fault) {
        okta.failNext(
            times,
            fault == VendorFault.RATE_LIMITED_BRIEFLY
                ? EmulatedFailure.rateLimited()
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
    okta.reset().user(USER, "active@example.com", null).user(OTHER, "other@example.com", null);
  }

  @Test
  void asksForSingleSignOnsOfTheUserToTheMappedApp() {
    ActivityPage page =
        provider
            .activityLog()
            .orElseThrow()
            .activity(new ActivityQuery(USER, APPLICATION, FROM, TO), null);
    assertThat(page.query())
        .startsWith("/api/v1/logs?since=2026-01-05T10:00:00Z&until=2026-01-05T11:00:00Z&filter=")
        .contains("sortOrder=ASCENDING", "limit=4");
    var request = okta.server().getAllServeEvents().get(0).getRequest();
    assertThat(request.queryParameter("filter").firstValue())
        .isEqualTo(
            "eventType eq \"user.authentication.sso\" and actor.id eq \""
                + USER
                + "\" and target.id eq \"0oawiki000000000001\"");
  }
}
