package dev.accessgov.entra;

import static dev.accessgov.evidence.EvidenceKeys.ERROR;
import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
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

@DisplayName("Usage evidence from Entra's sign-in log")
class EntraUsageTest {
  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();

  private static final String USER = "a11ce000-0000-4000-8000-000000000001";
  private static final String GROUP = "e0000000-0000-4000-8000-000000000001";
  private static final String APP = "00000000-a990-4000-8000-00000000wiki";

  private EntraIdentityProvider provider(TestClock clock) {
    return EntraIdentityProvider.builder()
        .graphBaseUrl(graph.baseUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .tokenCredential(GraphEmulator.credential())
        .pageSize(2)
        .activityApplication("wiki", APP)
        .client(c -> c.clock(clock))
        .build();
  }

  @Test
  @DisplayName("a privileged grant that is revoked records its sign-ins to the mapped app")
  void revokedGrantHasUsageEvidence() {
    graph.reset().user(USER, "alice@contoso.example", (Instant) null).group(GROUP);
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    try (EntraIdentityProvider provider = provider(clock)) {
      AccessService access =
          ProviderWorld.usageService(provider, GROUP, "alice@contoso.example", clock);
      AccessRecord granted =
          ProviderWorld.grantAdmin(access, "alice@contoso.example", Duration.ofHours(4));
      Instant start = granted.activatedAt();
      graph.signInTo(
          USER, APP, start.plusSeconds(30), start.plusSeconds(900), start.plusSeconds(1800));
      graph.signInTo(USER, "00000000-a990-4000-8000-0000000other", start.plusSeconds(60));
      clock.advance(Duration.ofHours(1));

      AccessRecord revoked = access.revoke(granted.id(), PersonId.of("manager"), "done");

      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(graph.memberIds(GROUP)).isEmpty();
      EvidenceEvent usage = revoked.lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
      assertThat(usage.detailText(USAGE)).isEqualTo("OBSERVED");
      assertThat(usage.detail(EVENT_COUNT)).isEqualTo(3L);
      assertThat(usage.detailText(FIRST_EVENT_AT)).isEqualTo(start.plusSeconds(30).toString());
      assertThat(usage.detailText(LAST_EVENT_AT)).isEqualTo(start.plusSeconds(1800).toString());
      assertThat(usage.detailText(USAGE_SOURCE)).isEqualTo("entra:/auditLogs/signIns");
      assertThat(usage.detail(USAGE_FLAG)).isNull();
      assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
    }
  }

  @Test
  @DisplayName("a tenant without a premium licence records usage as unavailable, access removed")
  void unlicensedTenant() {
    graph.reset().user(USER, "alice@contoso.example", (Instant) null).group(GROUP);
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    try (EntraIdentityProvider provider = provider(clock)) {
      AccessService access =
          ProviderWorld.usageService(provider, GROUP, "alice@contoso.example", clock);
      AccessRecord granted =
          ProviderWorld.grantAdmin(access, "alice@contoso.example", Duration.ofHours(4));
      graph.signInActivityLicensed(false);
      clock.advance(Duration.ofHours(1));

      AccessRecord revoked = access.revoke(granted.id(), PersonId.of("manager"), "done");

      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(graph.memberIds(GROUP)).isEmpty();
      EvidenceEvent usage = revoked.lastEvent(EvidenceType.USAGE_OBSERVED).orElseThrow();
      assertThat(usage.detailText(USAGE)).isEqualTo("UNAVAILABLE");
      assertThat(usage.detailText(ERROR)).startsWith("unavailable: ").contains("403");
    }
  }

  @Test
  @DisplayName("the emulated sign-in log refuses what Graph refuses")
  void emulatorRefusesWhatGraphRefuses() throws Exception {
    graph.reset();
    assertThat(get("/auditLogs/signIns", "Bearer wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> bad = get("/auditLogs/signIns?$filter=" + encoded("userId co 'x'"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("\"code\":\"BadRequest\"");
    assertThat(get("/auditLogs/signIns?$top=5000").statusCode()).isEqualTo(400);
    assertThat(get("/auditLogs/signIns?$top=5").statusCode()).isEqualTo(200);
    assertThat(
            GraphRequestRules.violations(
                graph.server().getAllServeEvents().stream()
                    .filter(e -> e.getResponse().getStatus() != 401)
                    .toList()))
        .isEmpty();
  }

  private static String encoded(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return get(path, "Bearer " + GraphEmulator.TOKEN);
  }

  private static HttpResponse<String> get(String path, String authorization) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(graph.baseUrl() + path))
                .header("Authorization", authorization)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
