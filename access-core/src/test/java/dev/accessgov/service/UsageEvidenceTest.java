package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceKeys.AFTER_END_CHECK_AT;
import static dev.accessgov.evidence.EvidenceKeys.ERROR;
import static dev.accessgov.evidence.EvidenceKeys.EVENT_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.FIRST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.LAST_EVENT_AT;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.evidence.EvidenceKeys.RETRYABLE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_FLAG;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_PHASE;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_QUERY;
import static dev.accessgov.evidence.EvidenceKeys.USAGE_SOURCE;
import static dev.accessgov.evidence.EvidenceKeys.WINDOW_END;
import static dev.accessgov.evidence.EvidenceKeys.WINDOW_START;
import static dev.accessgov.evidence.EvidenceType.DEPROVISIONED;
import static dev.accessgov.evidence.EvidenceType.USAGE_OBSERVED;
import static dev.accessgov.service.Fixture.CAROL;
import static dev.accessgov.service.Fixture.OLIVIA;
import static dev.accessgov.service.Fixture.privileged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.UsageEvidence;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.record.Walkthrough;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Usage evidence when time-bound access ends")
class UsageEvidenceTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.builder().usageEvidence(UsageEvidence.defaults()).build();

  private AccessRecord active(Duration d) {
    return access.approve(access.grant(privileged(d)).id(), OLIVIA, "ok");
  }

  private static List<EvidenceEvent> usage(AccessRecord r, String phase) {
    return r.events(USAGE_OBSERVED).stream()
        .filter(e -> phase.equals(e.detailText(USAGE_PHASE)))
        .toList();
  }

  @Nested
  @DisplayName("at the end")
  class AtTheEnd {
    @Test
    @DisplayName("expiry records the count, first and last sign-in of the grant's window")
    void expiry() {
      AccessRecord r = active(Duration.ofHours(6));
      Instant start = r.activatedAt();
      f.idp
          .activity()
          .signIn("bob", "github", start.minusSeconds(60)) // before the grant: not counted
          .signIn("bob", "github", start.plusSeconds(600), start.plusSeconds(7200))
          .signIn("bob", "finance", start.plusSeconds(900)) // another application
          .signIn("alice", "github", start.plusSeconds(900)); // another user
      f.clock.advance(Duration.ofHours(7));

      assertThat(access.expireDue().completed()).containsExactly(r.id());

      AccessRecord expired = access.record(r.id());
      assertThat(expired.state()).isEqualTo(RecordState.EXPIRED);
      EvidenceEvent e = usage(expired, "WINDOW").get(0);
      assertThat(e.detailText(USAGE)).isEqualTo("OBSERVED");
      assertThat(e.detail(EVENT_COUNT)).isEqualTo(2L);
      assertThat(e.detailText(FIRST_EVENT_AT)).isEqualTo(start.plusSeconds(600).toString());
      assertThat(e.detailText(LAST_EVENT_AT)).isEqualTo(start.plusSeconds(7200).toString());
      assertThat(e.detailText(WINDOW_START)).isEqualTo(start.toString());
      assertThat(e.detailText(WINDOW_END)).isEqualTo(expired.endedAt().toString());
      assertThat(e.detailText(PROVIDER)).isEqualTo("okta");
      assertThat(e.detailText(USAGE_SOURCE)).isEqualTo("okta:memory");
      assertThat(e.detailText(USAGE_QUERY)).contains("user=bob", "application=github");
      assertThat(e.detail(USAGE_FLAG)).isNull();
      assertThat(e.detailText(AFTER_END_CHECK_AT))
          .isEqualTo(expired.endedAt().plus(Duration.ofMinutes(30)).toString());
      assertThat(e.seq()).isGreaterThan(expired.lastEvent(DEPROVISIONED).orElseThrow().seq());
    }

    @Test
    @DisplayName("a grant with no sign-in in its window is flagged as never used")
    void neverUsed() {
      AccessRecord r = active(Duration.ofHours(6));
      f.clock.advance(Duration.ofHours(1));
      AccessRecord revoked = access.revoke(r.id(), CAROL, "done early");

      EvidenceEvent e = usage(revoked, "WINDOW").get(0);
      assertThat(e.detail(EVENT_COUNT)).isEqualTo(0L);
      assertThat(e.detailText(USAGE_FLAG)).isEqualTo("NEVER_USED");
      assertThat(e.detail(FIRST_EVENT_AT)).isNull();
      assertThat(Walkthrough.of(revoked).usage().text())
          .contains("okta [", "0 events", "flagged NEVER_USED");
      assertThat(Walkthrough.of(revoked).toString()).contains("usage:");
    }

    @Test
    @DisplayName("a review's REVOKE of time-bound access records its usage too")
    void reviewRemoval() {
      AccessRecord r = active(Duration.ofHours(6));
      f.idp.activity().signIn("bob", "github", r.activatedAt().plusSeconds(60));
      f.clock.advance(Duration.ofHours(1));
      var reviews = access.reviews();
      var campaign = reviews.start(ReviewWorld.spec().build());
      var item =
          reviews.items(campaign.id()).stream()
              .filter(i -> i.subject().equals(Fixture.BOB))
              .findFirst()
              .orElseThrow();

      reviews.decide(item.id(), CAROL, dev.accessgov.review.Verdict.REVOKE, "not needed");

      AccessRecord revoked = access.record(r.id());
      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      EvidenceEvent e = usage(revoked, "WINDOW").get(0);
      assertThat(e.detail(EVENT_COUNT)).isEqualTo(1L);
      assertThat(e.seq())
          .isGreaterThan(
              revoked
                  .lastEvent(dev.accessgov.evidence.EvidenceType.REVIEW_REVOKED)
                  .orElseThrow()
                  .seq());
    }

    @Test
    @DisplayName("a provider without an activity log is recorded as not available")
    void notAvailable() {
      AccessService noLog =
          f.builder(new ForwardingIdentityProvider(f.idp) {})
              .usageEvidence(UsageEvidence.defaults())
              .build();
      AccessRecord r = noLog.approve(noLog.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      AccessRecord revoked = noLog.revoke(r.id(), CAROL, "done");

      EvidenceEvent e = usage(revoked, "WINDOW").get(0);
      assertThat(e.detailText(USAGE)).isEqualTo("NOT_AVAILABLE");
      assertThat(e.detailText(REASON)).isEqualTo("not available from this provider");
      assertThat(e.detail(USAGE_FLAG)).isNull();
      assertThat(e.detail(AFTER_END_CHECK_AT)).isNull();
      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(revoked.endedAt()).isEqualTo(f.clock.instant());
      assertThat(Walkthrough.of(revoked).usage().text())
          .contains("not available from this provider");

      f.clock.advance(Duration.ofDays(1));
      noLog.expireDue();
      noLog.expireDue();
      assertThat(noLog.record(r.id()).events(USAGE_OBSERVED))
          .as("nothing more is asked of a provider without an activity log")
          .hasSize(1);
    }

    @Test
    @DisplayName("a service built without settings records usage evidence")
    void onByDefault() {
      AccessService plain = f.service();
      AccessRecord r = plain.approve(plain.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      f.clock.advance(Duration.ofHours(3));
      plain.expireDue();
      assertThat(usage(plain.record(r.id()), "WINDOW").get(0).detailText(USAGE_FLAG))
          .isEqualTo("NEVER_USED");
    }

    @Test
    @DisplayName("open-ended access and services without usage evidence record none")
    void onlyTimeBound() {
      AccessRecord open =
          access.grant(Fixture.request("github/read").build()); // STANDARD: open-ended
      assertThat(access.revoke(open.id(), CAROL, "done").events(USAGE_OBSERVED)).isEmpty();

      AccessService off = f.builder().withoutUsageEvidence().build();
      AccessRecord r = off.approve(off.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      assertThat(off.revoke(r.id(), CAROL, "done").events(USAGE_OBSERVED)).isEmpty();
      f.clock.advance(Duration.ofDays(1));
      off.expireDue();
      assertThat(off.record(r.id()).events(USAGE_OBSERVED)).isEmpty();
    }
  }

  @Nested
  @DisplayName("failures")
  class Failures {
    @Test
    @DisplayName("a failing activity log never holds up the removal, and is asked again later")
    void failureDoesNotBlockRemoval() {
      AccessRecord r = active(Duration.ofHours(6));
      f.idp.activity().failNext(f.idp.failure("activity", 503, true));
      f.idp.activity().signIn("bob", "github", r.activatedAt().plusSeconds(5));
      f.clock.advance(Duration.ofHours(1));

      AccessRecord revoked = access.revoke(r.id(), CAROL, "done");

      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(f.idp.memberIds("gh-admin")).doesNotContain("bob");
      EvidenceEvent failed = usage(revoked, "WINDOW").get(0);
      assertThat(failed.detailText(USAGE)).isEqualTo("UNAVAILABLE");
      assertThat(failed.detailText(ERROR)).startsWith("unavailable: ");
      assertThat(failed.detail(RETRYABLE)).isEqualTo(true);

      f.clock.advance(Duration.ofMinutes(9));
      access.expireDue();
      assertThat(usage(access.record(r.id()), "WINDOW")).hasSize(1);
      f.clock.advance(Duration.ofMinutes(2));
      access.expireDue();
      List<EvidenceEvent> window = usage(access.record(r.id()), "WINDOW");
      assertThat(window).hasSize(2);
      assertThat(window.get(1).detailText(USAGE)).isEqualTo("OBSERVED");
      assertThat(window.get(1).detail(EVENT_COUNT)).isEqualTo(1L);
    }

    @Test
    @DisplayName("a refusal is recorded once and not asked again")
    void refusalStands() {
      AccessRecord r = active(Duration.ofHours(6));
      f.idp.activity().failNext(f.idp.failure("activity", 403, false));
      access.revoke(r.id(), CAROL, "done");
      f.clock.advance(Duration.ofDays(1));
      access.expireDue();
      access.expireDue();
      List<EvidenceEvent> window = usage(access.record(r.id()), "WINDOW");
      assertThat(window).hasSize(1);
      assertThat(window.get(0).detail(RETRYABLE)).isEqualTo(false);
      assertThat(Walkthrough.of(access.record(r.id())).usage().text()).contains("unavailable: ");
    }

    @Test
    @DisplayName("a store failing to write the usage event fails no revoke; the sweep writes it")
    void storeFailureAfterRemoval() {
      java.util.concurrent.atomic.AtomicInteger refusals =
          new java.util.concurrent.atomic.AtomicInteger(1);
      var flaky =
          new ForwardingAccessStore(f.store) {
            @Override
            public AccessRecord update(
                AccessRecord next,
                List<dev.accessgov.evidence.EvidenceDraft> events,
                dev.accessgov.spi.RecordLeases.@org.jspecify.annotations.Nullable Claim lease) {
              boolean usage = events.stream().anyMatch(e -> e.type() == USAGE_OBSERVED);
              if (usage && refusals.getAndDecrement() > 0) {
                throw new IllegalStateException("database unavailable");
              }
              return super.update(next, events, lease);
            }
          };
      AccessService onFlaky =
          f.builder().store(flaky).usageEvidence(UsageEvidence.defaults()).build();
      AccessRecord r =
          onFlaky.approve(onFlaky.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      f.clock.advance(Duration.ofHours(1));

      AccessRecord revoked = onFlaky.revoke(r.id(), CAROL, "done");

      assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
      assertThat(revoked.events(USAGE_OBSERVED)).isEmpty();
      assertThat(f.idp.memberIds("gh-admin")).doesNotContain("bob");
      onFlaky.expireDue();
      assertThat(usage(onFlaky.record(r.id()), "WINDOW")).hasSize(1);
    }

    @Test
    @DisplayName("a removal committed without its usage evidence gets it from the next sweep")
    void missedByAStoppedProcess() {
      // a process without usage evidence ended the grant
      AccessService before = f.builder().withoutUsageEvidence().build();
      AccessRecord r =
          before.approve(before.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      f.idp.activity().signIn("bob", "github", r.activatedAt().plusSeconds(30));
      f.clock.advance(Duration.ofHours(1));
      before.revoke(r.id(), CAROL, "done");
      f.clock.advance(Duration.ofMinutes(5));

      access.expireDue(); // a new process, catching up on the chain

      EvidenceEvent e = usage(access.record(r.id()), "WINDOW").get(0);
      assertThat(e.detail(EVENT_COUNT)).isEqualTo(1L);
    }
  }

  @Nested
  @DisplayName("after the end")
  class AfterTheEnd {
    @Test
    @DisplayName("activity after the end is looked for once the interval passed, and flagged")
    void activityAfterEnd() {
      AccessRecord r = active(Duration.ofHours(6));
      f.idp.activity().signIn("bob", "github", r.activatedAt().plusSeconds(60));
      f.clock.advance(Duration.ofHours(1));
      AccessRecord revoked = access.revoke(r.id(), CAROL, "done");
      Instant end = revoked.endedAt();
      f.idp.activity().signIn("bob", "github", end.plusSeconds(600), end.plusSeconds(1200));
      f.idp.activity().signIn("bob", "github", end.plus(Duration.ofMinutes(31))); // past the look

      f.clock.advance(Duration.ofMinutes(29));
      access.expireDue();
      assertThat(usage(access.record(r.id()), "AFTER_END")).isEmpty();

      f.clock.advance(Duration.ofMinutes(2));
      access.expireDue();
      access.expireDue();
      List<EvidenceEvent> after = usage(access.record(r.id()), "AFTER_END");
      assertThat(after).hasSize(1);
      assertThat(after.get(0).detail(EVENT_COUNT)).isEqualTo(2L);
      assertThat(after.get(0).detailText(USAGE_FLAG)).isEqualTo("ACTIVITY_AFTER_END");
      assertThat(after.get(0).detailText(WINDOW_START)).isEqualTo(end.toString());
      assertThat(after.get(0).detailText(WINDOW_END))
          .isEqualTo(end.plus(Duration.ofMinutes(30)).toString());
      assertThat(Walkthrough.of(access.record(r.id())).usage().text())
          .contains("after the end", "flagged ACTIVITY_AFTER_END");
    }

    @Test
    @DisplayName("no activity after the end is recorded without a flag")
    void quietAfterEnd() {
      AccessRecord r = active(Duration.ofHours(2));
      f.clock.advance(Duration.ofHours(3));
      access.expireDue();
      f.clock.advance(Duration.ofMinutes(31));
      access.expireDue();
      EvidenceEvent after = usage(access.record(r.id()), "AFTER_END").get(0);
      assertThat(after.detail(EVENT_COUNT)).isEqualTo(0L);
      assertThat(after.detail(USAGE_FLAG)).isNull();
    }

    @Test
    @DisplayName("looking past the end can be switched off")
    void noLookPast() {
      AccessService quick =
          f.builder().usageEvidence(UsageEvidence.defaults().lookingPast(Duration.ZERO)).build();
      AccessRecord r = quick.approve(quick.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "");
      AccessRecord revoked = quick.revoke(r.id(), CAROL, "done");
      assertThat(usage(revoked, "WINDOW").get(0).detail(AFTER_END_CHECK_AT)).isNull();
      f.clock.advance(Duration.ofDays(1));
      quick.expireDue();
      assertThat(usage(quick.record(r.id()), "AFTER_END")).isEmpty();
    }
  }
}
