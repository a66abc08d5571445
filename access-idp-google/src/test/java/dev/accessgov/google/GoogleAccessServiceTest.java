package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.testkit.ProviderWorld;
import dev.accessgov.time.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** AccessService grants and revokes in Google Workspace, against the emulator. */
class GoogleAccessServiceTest {
  @Test
  @DisplayName("a grant to a role named by group e-mail lands in the Google group, with evidence")
  void grantsAndRevokesThroughGoogle() {
    try (GoogleEmulator emulator = new GoogleEmulator()) {
      ServiceAccountKey key = new ServiceAccountKey(emulator.tokenUri());
      emulator.tokens().trust(key.publicKey());
      emulator.group("03readers00001", "wiki-readers@example.com");
      String alice = emulator.user("alice@example.com", null);
      GoogleIdentityProvider google =
          Emulated.provider(emulator, key)
              .client(c -> c.clock(TestClock.at("2026-01-05T09:00:00Z")))
              .build();
      AccessService access = ProviderWorld.service(google, "wiki-readers@example.com");

      AccessRecord granted = ProviderWorld.grantApproved(access, "alice@example.com");

      assertThat(granted.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(emulator.memberIds("03readers00001")).containsExactly(alice);
      assertThat(granted.lastEvent(EvidenceType.PROVISIONED).orElseThrow().details().toString())
          .contains("google");
      AccessRecord revoked =
          access.revoke(granted.id(), PersonId.of("manager"), "no longer needed");
      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(emulator.memberIds("03readers00001")).isEmpty();
      assertThat(DirectoryRequestValidator.violations(emulator.server().getAllServeEvents()))
          .isEmpty();
    }
  }
}
