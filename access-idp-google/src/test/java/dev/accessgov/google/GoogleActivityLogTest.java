package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.EmulatedFailure;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.ActivityLogContract;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The activity-log contract, against the Reports API's activities.list on the emulator: the mapped
 * application through the token report, the other through the login report.
 */
class GoogleActivityLogTest extends ActivityLogContract {
  private static final String CLIENT = "1234-wiki.apps.googleusercontent.com";

  private static GoogleEmulator google;
  private static ServiceAccountKey key;

  private final GoogleIdentityProvider provider;
  private final String user;
  private final String other;

  @BeforeAll
  static void startEmulator() {
    google = new GoogleEmulator();
    key = new ServiceAccountKey(google.tokenUri());
    google.tokens().trust(key.publicKey());
  }

  @AfterAll
  static void stopEmulator() {
    google.close();
  }

  GoogleActivityLogTest() {
    google.reset();
    user = google.user("alice@example.com", null);
    other = google.user("other@example.com", null);
    provider =
        Emulated.provider(google, key)
            .pageSize(4)
            .activityApplication(APPLICATION, CLIENT)
            .client(c -> c.maxAttempts(4))
            .build();
  }

  @AfterEach
  void everyRequestIsAValidCall() {
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
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
        Instant[] at = times.toArray(Instant[]::new);
        if (application.equals(APPLICATION)) {
          google.tokenAuthorized(userId, CLIENT, at);
        } else {
          // Another application: its own OAuth client, and a sign-in to Google that is no use
          // of the wiki either.
          google.tokenAuthorized(userId, "9999-crm.apps.googleusercontent.com", at);
          google.loginSuccess(userId, at);
        }
      }

      @Override
      public void failNext(int times, VendorFault fault) {
        google.failNext(
            times,
            fault == VendorFault.RATE_LIMITED_BRIEFLY
                ? EmulatedFailure.userRateLimited()
                : EmulatedFailure.status(503));
      }
    };
  }

  @Override
  protected String user() {
    return user;
  }

  @Override
  protected String otherUser() {
    return other;
  }

  @Override
  protected int pageSize() {
    return 4;
  }

  @Override
  protected void forgetFailures() {
    google.reset();
  }

  @Test
  void asksTheTokenReportForTheMappedClientAndTheLoginReportOtherwise() {
    ActivityPage mapped =
        provider
            .activityLog()
            .orElseThrow()
            .activity(new ActivityQuery(user, APPLICATION, FROM, TO), null);
    assertThat(mapped.query())
        .isEqualTo(
            "/admin/reports/v1/activity/users/"
                + user
                + "/applications/token?startTime=2026-01-05T10:00:00Z&endTime=2026-01-05T11:00:00Z"
                + "&eventName=authorize&filters=client_id=="
                + CLIENT
                + "&maxResults=4");
    google.loginSuccess(user, FROM.plusSeconds(5));
    ActivityPage login =
        provider
            .activityLog()
            .orElseThrow()
            .activity(new ActivityQuery(user, OTHER_APPLICATION, FROM, TO), null);
    assertThat(login.query()).contains("/applications/login?", "eventName=login_success");
    assertThat(login.events()).hasSize(1);
  }

  @Test
  void withoutActivityReportsThereIsNoLogAndNoReportsScope() {
    GoogleIdentityProvider plain = Emulated.provider(google, key).build();
    assertThat(plain.activityLog()).isEmpty();
    plain.findUser("alice@example.com");
    assertThat(
            google
                .tokens()
                .claims()
                .get(google.tokens().claims().size() - 1)
                .path("scope")
                .asText())
        .doesNotContain("admin.reports");
  }
}
