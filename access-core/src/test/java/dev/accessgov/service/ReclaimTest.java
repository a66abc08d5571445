package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimCandidate;
import dev.accessgov.reclaim.ReclaimCandidate.Status;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reclaim.ReclaimResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.LastLogin;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("reclaiming inactive access")
class ReclaimTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();
  private final ReclaimPolicy policy = ReclaimPolicy.builder("inactive-90d").build();
  private AccessRecord bobRead;
  private AccessRecord erinLedger;
  private Instant bobLastSeen;

  /** Grants made 120 days ago; bob last signed in 100 days ago, erin 10 days ago. */
  @BeforeEach
  void grants() {
    bobRead = access.grant(request("github/read").build());
    erinLedger = access.grant(request("finance/ledger").subject("erin").build());
    f.clock.advance(Duration.ofDays(120));
    bobLastSeen = f.clock.instant().minus(Duration.ofDays(100));
    f.idp.lastLogin("bob", LastLogin.at(bobLastSeen));
    f.idp.lastLogin("erin", LastLogin.at(f.clock.instant().minus(Duration.ofDays(10))));
  }

  @Test
  @DisplayName("a preview lists what would be removed and when, and changes nothing")
  void preview() {
    Fixture.Snapshot before = f.snapshot();
    ReclaimResult dry = access.previewReclaim(policy);
    assertThat(dry.preview()).isTrue();
    assertThat(dry.candidates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.recordId()).isEqualTo(bobRead.id());
              assertThat(c.status()).isEqualTo(Status.WOULD_REMOVE);
              assertThat(c.inactiveFor()).isEqualTo(Duration.ofDays(100));
              assertThat(c.removeAfter()).isEqualTo(f.clock.instant().plus(Duration.ofDays(7)));
            });
    assertThat(f.snapshot()).isEqualTo(before);
    assertThat(access.reclaim(policy).candidates())
        .as("a preview gives no notice")
        .extracting(ReclaimCandidate::status)
        .containsExactly(Status.NOTICE);
  }

  @Test
  @DisplayName("gives notice, waits out the grace period, then removes with RECLAIMED evidence")
  void graceThenRemoval() {
    assertThat(access.reclaim(policy).candidates())
        .extracting(ReclaimCandidate::status)
        .containsExactly(Status.NOTICE);
    f.clock.advance(Duration.ofDays(3));
    assertThat(access.reclaim(policy).candidates())
        .extracting(ReclaimCandidate::status)
        .containsExactly(Status.IN_GRACE);
    assertThat(f.idp.isMember("gh-read", "bob")).isTrue();
    f.clock.advance(Duration.ofDays(4));
    ReclaimCandidate removed = access.reclaim(policy).candidates().get(0);
    assertThat(removed.status()).isEqualTo(Status.REMOVED);
    assertThat(f.idp.isMember("gh-read", "bob")).isFalse();
    AccessRecord r = access.record(bobRead.id());
    assertThat(r)
        .hasState(RecordState.REVOKED)
        .hasEvidence(RECLAIMED, DEPROVISIONED)
        .answersTheWalkthrough();
    EvidenceEvent reclaimed = r.lastEvent(RECLAIMED).orElseThrow();
    assertThat(reclaimed.hash()).isEqualTo(removed.evidenceHash());
    assertThat(reclaimed.detailText(EvidenceKeys.POLICY)).isEqualTo("inactive-90d");
    assertThat(reclaimed.detailText(EvidenceKeys.LAST_LOGIN)).isEqualTo(bobLastSeen.toString());
    assertThat(reclaimed.detailText(EvidenceKeys.THRESHOLD)).isEqualTo("PT2160H");
    assertThat(access.record(erinLedger.id())).hasState(RecordState.ACTIVE);
    assertThat(access.reclaim(policy).candidates()).isEmpty();
  }

  @Test
  @DisplayName("a sign-in during the grace period cancels the notice")
  void signInCancels() {
    access.reclaim(policy);
    f.clock.advance(Duration.ofDays(8));
    f.idp.lastLogin("bob", LastLogin.at(f.clock.instant()));
    assertThat(access.reclaim(policy).candidates()).isEmpty();
    assertThat(access.record(bobRead.id())).hasState(RecordState.ACTIVE);
  }

  @Test
  @DisplayName("exempt people and roles are listed and left alone, until the exemption ends")
  void exemptions() {
    Instant until = f.clock.instant().plus(Duration.ofDays(30));
    ReclaimPolicy exempting =
        ReclaimPolicy.builder("inactive-90d")
            .grace(Duration.ZERO)
            .exempt(Exemption.role("github/read", "on-call rota").until(until))
            .build();
    assertThat(access.reclaim(exempting).candidates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(Status.EXEMPT);
              assertThat(c.exemption()).isEqualTo("on-call rota");
            });
    assertThat(f.idp.isMember("gh-read", "bob")).isTrue();
    ReclaimPolicy byPerson =
        ReclaimPolicy.builder("p").exempt(Exemption.person("bob", "sabbatical")).build();
    assertThat(access.reclaim(byPerson).candidates())
        .extracting(ReclaimCandidate::status)
        .containsExactly(Status.EXEMPT);
    f.clock.set(until);
    assertThat(access.reclaim(exempting).candidates())
        .extracting(ReclaimCandidate::status)
        .containsExactly(Status.REMOVED);
  }

  @Test
  @DisplayName("never signing in counts from activation; an unknown last login never counts")
  void neverAndUnknown() {
    f.idp.lastLogin("bob", LastLogin.never());
    f.idp.lastLogin("erin", LastLogin.unknown());
    ReclaimResult dry = access.previewReclaim(policy);
    assertThat(dry.candidates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.recordId()).isEqualTo(bobRead.id());
              assertThat(c.inactiveFor()).isEqualTo(Duration.ofDays(120));
            });
  }

  @Test
  @DisplayName("access granted recently is not reclaimed for a sign-in that predates it")
  void countsFromActivation() {
    access.grant(request("finance/ledger").subject("carol").build());
    f.idp.lastLogin("carol", LastLogin.at(f.clock.instant().minus(Duration.ofDays(300))));
    assertThat(access.previewReclaim(policy).candidates())
        .extracting(c -> c.subject().value())
        .containsExactly("bob");
  }
}
