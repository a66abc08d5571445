package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.ReviewCampaign;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("bounded time")
class BoundedTimeTest {
  private static final Duration HUGE = Duration.ofSeconds(Long.MAX_VALUE);

  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Nested
  @DisplayName("a duration that cannot be an end time")
  class Unrepresentable {
    @Test
    @DisplayName(
        "is refused on an open-ended role, naming the value and the limit; nothing changes")
    void grantOnOpenEndedRole() {
      Fixture.Snapshot before = f.snapshot();
      assertThatThrownBy(() -> access.grant(request("github/read").duration(HUGE).build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(HUGE.toString())
          .hasMessageContaining(ExpiryPolicy.LONGEST.toString())
          .hasMessageContaining("100 years");
      assertThat(f.snapshot()).isEqualTo(before);
      assertThat(f.idp.isMember("gh-read", "bob")).isFalse();
    }

    @Test
    @DisplayName("is refused one second past the limit, and the limit itself is accepted")
    void limit() {
      Fixture.Snapshot before = f.snapshot();
      Duration over = ExpiryPolicy.LONGEST.plusSeconds(1);
      assertThatThrownBy(() -> access.grant(request("github/read").duration(over).build()))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(f.snapshot()).isEqualTo(before);

      AccessRecord r = access.grant(request("github/read").duration(ExpiryPolicy.LONGEST).build());
      assertThat(r).hasState(RecordState.ACTIVE);
      assertThat(r.expiresAt()).isEqualTo(r.activatedAt().plus(ExpiryPolicy.LONGEST));
    }

    @Test
    @DisplayName("is refused as an extension, naming the value and the limit; nothing changes")
    void extend() {
      AccessRecord r = activePrivileged(Duration.ofHours(6));
      Fixture.Snapshot before = f.snapshot();
      assertThatThrownBy(() -> access.extend(r.id(), OLIVIA, HUGE, "longer"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(HUGE.toString())
          .hasMessageContaining(ExpiryPolicy.LONGEST.toString());
      assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("is refused as the quiet period of recovery, a campaign window or a reclaim grace")
    void otherDurations() {
      assertThatThrownBy(() -> access.recover(HUGE)).isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> CampaignSpec.builder("x", "grace").duration(HUGE).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(HUGE.toString());
      assertThatThrownBy(
              () -> CampaignSpec.builder("x", "grace").cadence(RiskTier.EMERGENCY, HUGE).build())
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> ReclaimPolicy.builder("idle").grace(HUGE).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(HUGE.toString());
    }
  }

  @Nested
  @DisplayName("a grant's total lifetime")
  class Lifetime {
    @Test
    @DisplayName("has a default cap per tier: none for standard, 90 days, 72 hours, 8 hours")
    void tierDefaults() {
      assertThat(RiskTier.STANDARD.defaultMaxLifetime()).isEmpty();
      assertThat(RiskTier.SENSITIVE.defaultMaxLifetime()).contains(Duration.ofDays(90));
      assertThat(RiskTier.PRIVILEGED.defaultMaxLifetime()).contains(Duration.ofHours(72));
      assertThat(RiskTier.EMERGENCY.defaultMaxLifetime()).contains(Duration.ofHours(8));
      assertThat(f.catalog.requireRole(dev.accessgov.catalog.RoleId.of("github/admin")))
          .extracting(Role::maxLifetime)
          .isEqualTo(Duration.ofHours(72));
      assertThat(f.catalog.requireRole(dev.accessgov.catalog.RoleId.of("github/read")))
          .extracting(Role::maxLifetime)
          .isNull();
    }

    @Test
    @DisplayName(
        "cannot be stretched by a rolling window: of 72 one-hour extensions, those past 72 hours"
            + " from activation are refused")
    void rollingWindow() {
      AccessRecord r = activePrivileged(Duration.ofHours(24));
      Instant latest = r.activatedAt().plus(Duration.ofHours(72));
      int refused = 0;
      PolicyViolationException last = null;
      for (int i = 0; i < 72; i++) {
        f.clock.advance(Duration.ofHours(1));
        Fixture.Snapshot before = f.snapshot();
        try {
          access.extend(r.id(), OLIVIA, Duration.ofHours(1), "still on call");
        } catch (PolicyViolationException e) {
          refused++;
          last = e;
          assertThat(f.snapshot()).isEqualTo(before);
        }
        assertThat(access.record(r.id()).expiresAt()).isBeforeOrEqualTo(latest);
      }
      assertThat(refused).isEqualTo(24);
      assertThat(access.record(r.id()).expiresAt()).isEqualTo(latest);
      assertThat(last)
          .hasMessageContaining("PT72H")
          .hasMessageContaining(latest.toString())
          .hasMessageContaining("new request");
    }

    @Test
    @DisplayName("keeps a break-glass grant to 8 hours however often it is extended")
    void breakGlass() {
      AccessRecord glass =
          access.grant(request("aws/breakglass").duration(Duration.ofHours(4)).build());
      Instant latest = glass.activatedAt().plus(Duration.ofHours(8));
      f.clock.advance(Duration.ofHours(3));
      access.extend(glass.id(), OLIVIA, Duration.ofHours(1), "incident ongoing");
      f.clock.advance(Duration.ofHours(1));
      access.extend(glass.id(), OLIVIA, Duration.ofHours(3), "incident ongoing");
      assertThat(access.record(glass.id()).expiresAt()).isEqualTo(latest);
      f.clock.advance(Duration.ofHours(3));
      assertThatThrownBy(
              () -> access.extend(glass.id(), OLIVIA, Duration.ofMinutes(15), "one more time"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("PT8H")
          .hasMessageContaining(latest.toString());
    }

    @Test
    @DisplayName("can be set per role, and an extension past it is refused")
    void perRole() {
      Fixture g = new Fixture();
      AccessService service = withRole(g, base().tier(RiskTier.PRIVILEGED).maxLifetime(hours(30)));
      AccessRecord r =
          service.approve(
              service.grant(request("ops/admin").duration(hours(24)).build()).id(), OLIVIA, "ok");
      g.clock.advance(hours(6));
      service.extend(r.id(), OLIVIA, hours(6), "finish the migration");
      g.clock.advance(hours(7));
      assertThatThrownBy(() -> service.extend(r.id(), OLIVIA, Duration.ofMinutes(1), "more"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("PT30H");
    }

    @Test
    @DisplayName("must hold the longest grant the expiry policy allows, checked when built")
    void shorterThanExpiryMaximum() {
      assertThatThrownBy(() -> catalogWith(base().tier(RiskTier.PRIVILEGED).maxLifetime(hours(12))))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("PT12H")
          .hasMessageContaining("PT24H");
      assertThatThrownBy(
              () ->
                  catalogWith(
                      base()
                          .tier(RiskTier.SENSITIVE)
                          .expiry(ExpiryPolicy.required(hours(1), Duration.ofDays(180)))))
          .as("a tier's default cap is not silently widened")
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("maxLifetime");
    }

    @Test
    @DisplayName("cannot be set on a role whose grants may be open-ended")
    void openEnded() {
      assertThatThrownBy(() -> catalogWith(base().maxLifetime(hours(12))))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("open-ended");
    }
  }

  @Nested
  @DisplayName("an emergency grant nobody reviewed by the deadline")
  class EmergencyReview {
    @Test
    @DisplayName("is revoked by default, not escalated")
    void revokedByDefault() {
      assertThat(CampaignSpec.builder("x", "grace").build().onDeadline().get(RiskTier.EMERGENCY))
          .isEqualTo(DeadlineAction.REVOKE);
      AccessRecord glass =
          access.grant(request("aws/breakglass").duration(Duration.ofHours(4)).build());
      ReviewCampaign c =
          access
              .reviews()
              .startEmergencyReview(CampaignSpec.builder("break-glass", "grace").build())
              .orElseThrow();
      f.clock.set(c.deadline());
      assertThat(access.reviews().close(c.id())).isInstanceOf(CloseResult.Closed.class);
      assertThat(access.record(glass.id()))
          .hasState(RecordState.REVOKED)
          .hasEvidence(REVIEW_REVOKED)
          .answersTheWalkthrough();
      assertThat(f.idp.isMember("aws-breakglass", "bob")).isFalse();
    }
  }

  @Nested
  @DisplayName("when the clock moves back")
  class ClockSkew {
    @Test
    @DisplayName(
        "a revoke ends no earlier than activation, its events keep order and record the skew")
    void revokeAfterClockMovedBack() {
      AccessRecord r = access.grant(request("github/read").build());
      Instant activated = r.activatedAt();
      Instant lastEvent = r.timeline().get(r.timeline().size() - 1).time();
      f.clock.set(activated.minus(Duration.ofHours(1)));

      AccessRecord revoked = access.revoke(r.id(), OLIVIA, "left the team");

      assertThat(revoked).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(revoked.endedAt()).isAfterOrEqualTo(revoked.activatedAt());
      EvidenceEvent revoke = revoked.events(REVOKED).get(0);
      assertThat(revoke.time()).isEqualTo(lastEvent);
      assertThat(revoke.detail(EvidenceKeys.CLOCK_SKEW_MS))
          .isEqualTo(Duration.between(activated.minus(Duration.ofHours(1)), lastEvent).toMillis());
      Instant previous = Instant.MIN;
      for (EvidenceEvent e : revoked.timeline()) {
        assertThat(e.time()).as("%s", e.type()).isAfterOrEqualTo(previous);
        previous = e.time();
      }
      assertThat(access.evidence().verify())
          .matches(VerificationResult::valid, "a chain that verifies");
    }

    @Test
    @DisplayName("events written while the clock is right carry no skew")
    void noSkew() {
      AccessRecord r = access.grant(request("github/read").build());
      f.clock.advance(Duration.ofMinutes(5));
      AccessRecord revoked = access.revoke(r.id(), OLIVIA, "left the team");
      assertThat(revoked.timeline())
          .allSatisfy(e -> assertThat(e.details()).doesNotContainKey(EvidenceKeys.CLOCK_SKEW_MS));
    }
  }

  private AccessRecord activePrivileged(Duration d) {
    return access.approve(access.grant(privileged(d)).id(), OLIVIA, "release window");
  }

  private static Duration hours(long h) {
    return Duration.ofHours(h);
  }

  private static Role.Builder base() {
    return Role.builder("ops/admin").group("okta", "gh-admin");
  }

  private static Catalog catalogWith(Role.Builder role) {
    return Catalog.builder()
        .application(Application.builder("ops").owner("olivia").role(role))
        .build();
  }

  private static AccessService withRole(Fixture g, Role.Builder role) {
    return AccessService.builder()
        .catalog(catalogWith(role))
        .identityProvider(g.idp)
        .peopleDirectory(g.people)
        .store(g.store)
        .clock(g.clock)
        .build();
  }
}
