package dev.accessgov.google;

import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.testkit.ProviderWorld;
import dev.accessgov.time.TestClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Usage evidence from Google's activity reports")
class GoogleUsageTest {
  private static final String CLIENT = "1234-wiki.apps.googleusercontent.com";
  private static final String GROUP = "03wikiadmins01";

  private static GoogleEmulator google;
  private static ServiceAccountKey key;

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

  @Test
  @DisplayName("a privileged grant that expires unused is flagged; its token events are counted")
  void expiredGrantHasUsageEvidence() {
    google.reset().group(GROUP, "wiki-admins@example.com");
    String alice = google.user("alice@example.com", null);
    String bob = google.user("bob@example.com", null);
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    GoogleIdentityProvider provider =
        Emulated.provider(google, key)
            .pageSize(2)
            .activityApplication("wiki", CLIENT)
            .client(c -> c.clock(clock))
            .build();
    AccessService access = ProviderWorld.usageService(provider, GROUP, "alice@example.com", clock);
    AccessRecord used = ProviderWorld.grantAdmin(access, "alice@example.com", Duration.ofHours(2));
    Instant start = used.activatedAt();
    google.tokenAuthorized(
        alice, CLIENT, start.plusSeconds(10), start.plusSeconds(20), start.plusSeconds(3000));
    google.tokenAuthorized(alice, "9999-other.apps.googleusercontent.com", start.plusSeconds(15));
    google.loginSuccess(alice, start.plusSeconds(5)); // a Google sign-in, not the wiki's

    clock.advance(Duration.ofHours(2));
    access.expireDue();

    AccessRecord expired = access.record(used.id());
    assertThat(expired.state()).isEqualTo(RecordState.EXPIRED);
    assertThat(google.memberIds(GROUP)).doesNotContain(alice);
    EvidenceEvent usage = expired.lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
    assertThat(usage.detailText(USAGE_PHASE)).isEqualTo("WINDOW");
    assertThat(usage.detailText(USAGE)).isEqualTo("OBSERVED");
    assertThat(usage.detail(EVENT_COUNT)).isEqualTo(3L);
    assertThat(usage.detailText(FIRST_EVENT_AT)).isEqualTo(start.plusSeconds(10).toString());
    assertThat(usage.detailText(LAST_EVENT_AT)).isEqualTo(start.plusSeconds(3000).toString());
    assertThat(usage.detailText(USAGE_SOURCE)).isEqualTo("google:/admin/reports/v1/activity");
    assertThat(bob).isNotEqualTo(alice);
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
  }

  @Test
  @DisplayName("a grant never used in its window is flagged NEVER_USED")
  void neverUsed() {
    google.reset().group(GROUP, "wiki-admins@example.com");
    google.user("alice@example.com", null);
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    GoogleIdentityProvider provider =
        Emulated.provider(google, key)
            .activityApplication("wiki", CLIENT)
            .client(c -> c.clock(clock))
            .build();
    AccessService access = ProviderWorld.usageService(provider, GROUP, "alice@example.com", clock);
    AccessRecord granted =
        ProviderWorld.grantAdmin(access, "alice@example.com", Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    access.expireDue();

    EvidenceEvent usage =
        access.record(granted.id()).lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
    assertThat(usage.detail(EVENT_COUNT)).isEqualTo(0L);
    assertThat(usage.detailText(USAGE_FLAG)).isEqualTo("NEVER_USED");
  }

  @Test
  @DisplayName("the emulated activity report refuses what Google refuses")
  void emulatorRefusesWhatGoogleRefuses() throws Exception {
    google.reset();
    String alice = google.user("alice@example.com", null);
    Emulated.provider(google, key).build().findUser("alice@example.com"); // a Directory-only token
    String directoryOnly = "Bearer ya29.emulated-" + google.tokens().claims().size();
    String path = "/admin/reports/v1/activity/users/" + alice + "/applications/login";
    assertThat(get(path, directoryOnly).statusCode()).isEqualTo(403);
    google.tokens().acceptFixed("ya29.fixed-test-token");
    String fixed = "Bearer ya29.fixed-test-token";
    assertThat(get(path + "?maxResults=5000", fixed).statusCode()).isEqualTo(400);
    assertThat(
            get(path + "?startTime=2026-01-05T11:00:00Z&endTime=2026-01-05T10:00:00Z", fixed)
                .statusCode())
        .isEqualTo(400);
    assertThat(
            get("/admin/reports/v1/activity/users/nobody@example.com/applications/login", fixed)
                .statusCode())
        .isEqualTo(404);
    assertThat(get(path + "?maxResults=5", fixed).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    String root = google.rootUrl();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(root.substring(0, root.length() - 1) + path))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
