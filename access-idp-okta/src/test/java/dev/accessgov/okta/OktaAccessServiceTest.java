package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.testkit.ProviderWorld;
import dev.accessgov.time.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wiring of the example, against the emulator: AccessService grants and revokes in Okta. */
class OktaAccessServiceTest {
  @Test
  @DisplayName("a grant lands in the Okta group and its evidence carries Okta's request id")
  void grantsAndRevokesThroughOkta() {
    try (OktaEmulator emulator = new OktaEmulator();
        OktaIdentityProvider okta =
            OktaIdentityProvider.builder()
                .orgUrl(emulator.orgUrl())
                .client(c -> c.allowInsecureHttpForTests(true))
                .apiToken(() -> OktaEmulator.TOKEN)
                .client(c -> c.clock(TestClock.at("2026-01-05T09:00:00Z")))
                .build()) {
      emulator.user("00ualice00000000001", "alice@example.com", null).group("00greaders000000001");
      AccessService access = ProviderWorld.service(okta, "00greaders000000001");

      AccessRecord granted = ProviderWorld.grantApproved(access, "alice@example.com");

      assertThat(granted.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(emulator.memberIds("00greaders000000001")).containsExactly("00ualice00000000001");
      assertThat(granted.lastEvent(EvidenceType.PROVISIONED).orElseThrow().details().toString())
          .contains("emu-");
      AccessRecord revoked =
          access.revoke(granted.id(), PersonId.of("manager"), "no longer needed");
      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(emulator.memberIds("00greaders000000001")).isEmpty();
      assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    }
  }
}
