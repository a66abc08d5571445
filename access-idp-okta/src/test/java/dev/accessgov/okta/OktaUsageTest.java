package dev.accessgov.okta;

import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_QUERY;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.record.Walkthrough;
import dev.accessgov.testkit.ProviderWorld;
import dev.accessgov.time.TestClock;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Usage evidence from Okta's System Log")
class OktaUsageTest {
  @RegisterExtension static final OktaEmulator okta = new OktaEmulator();

  private static final String USER = "00ualice00000000001";
  private static final String GROUP = "00gwikiadmins000001";
  private static final String APP = "0oawiki000000000001";

  @Test
  @DisplayName("a privileged grant that expires records its sign-ins, then activity after the end")
  void expiredGrantHasUsageEvidence() {
    okta.reset().user(USER, "alice@example.com", null).group(GROUP);
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    try (OktaIdentityProvider provider =
        OktaIdentityProvider.builder()
            .orgUrl(okta.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
            .pageSize(2)
            .activityApplication("wiki", APP)
            .client(c -> c.clock(clock))
            .build()) {
      AccessService access =
          ProviderWorld.usageService(provider, GROUP, "alice@example.com", clock);
      AccessRecord granted =
          ProviderWorld.grantAdmin(access, "alice@example.com", Duration.ofHours(2));
      Instant start = granted.activatedAt();
      okta.signIn(
          USER,
          APP,
          start.plusSeconds(60),
          start.plusSeconds(600),
          start.plusSeconds(3600),
          start.plusSeconds(5400),
          start.plusSeconds(7100));
      okta.signIn(USER, "0oaother00000000001", start.plusSeconds(120)); // another app
      okta.signIn(USER, APP, start.plusSeconds(7200 + 300)); // after the end

      clock.advance(Duration.ofHours(2));
      access.expireDue();

      AccessRecord expired = access.record(granted.id());
      assertThat(expired.state()).isEqualTo(RecordState.EXPIRED);
      assertThat(okta.memberIds(GROUP)).isEmpty();
      EvidenceEvent window = expired.lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
      assertThat(window.detailText(USAGE_PHASE)).isEqualTo("WINDOW");
      assertThat(window.detailText(USAGE)).isEqualTo("OBSERVED");
      assertThat(window.detail(EVENT_COUNT)).isEqualTo(5L);
      assertThat(window.detailText(FIRST_EVENT_AT)).isEqualTo(start.plusSeconds(60).toString());
      assertThat(window.detailText(LAST_EVENT_AT)).isEqualTo(start.plusSeconds(7100).toString());
      assertThat(window.detailText(USAGE_SOURCE)).isEqualTo("okta:/api/v1/logs");
      assertThat(window.detailText(USAGE_QUERY)).contains("target.id+eq+%22" + APP);

      clock.advance(Duration.ofMinutes(31));
      access.expireDue();

      EvidenceEvent after =
          access.record(granted.id()).lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
      assertThat(after.detailText(USAGE_PHASE)).isEqualTo("AFTER_END");
      assertThat(after.detail(EVENT_COUNT)).isEqualTo(1L);
      assertThat(after.detailText(USAGE_FLAG)).isEqualTo("ACTIVITY_AFTER_END");
      assertThat(Walkthrough.of(access.record(granted.id())).toString())
          .contains("usage:", "okta [", "5 events", "flagged ACTIVITY_AFTER_END");
      assertThat(SpecValidator.violations(okta.server().getAllServeEvents())).isEmpty();
    }
  }

  @Test
  @DisplayName("the emulated System Log refuses what Okta refuses")
  void emulatorRefusesWhatOktaRefuses() throws Exception {
    okta.reset();
    assertThat(get("/api/v1/logs?limit=5", "SSWS wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> badFilter =
        get(
            "/api/v1/logs?filter=" + URLEncoder.encode("actor.id co \"x\"", StandardCharsets.UTF_8),
            "SSWS " + OktaEmulator.TOKEN);
    assertThat(badFilter.statusCode()).isEqualTo(400);
    assertThat(badFilter.body()).contains("\"errorCode\":\"E0000031\"");
    assertThat(get("/api/v1/logs?limit=5000", "SSWS " + OktaEmulator.TOKEN).statusCode())
        .isEqualTo(400);
    assertThat(get("/api/v1/logs?since=yesterday", "SSWS " + OktaEmulator.TOKEN).statusCode())
        .isEqualTo(400);
    assertThat(SpecValidator.violations(okta.server().getAllServeEvents(), false)).isEmpty();
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(okta.orgUrl() + path))
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
