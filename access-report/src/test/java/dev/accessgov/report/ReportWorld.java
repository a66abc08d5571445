package dev.accessgov.report;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;

/**
 * A scripted company, copied in spirit from the testkit's service fixture, after this script has
 * run (times from 2026-01-05T09:00Z):
 *
 * <ul>
 *   <li>09:00 bob and alice get github/read (standard, approved by policy): ACTIVE;
 *   <li>09:00 bob asks for github/admin (privileged) for 6 h; olivia approves: ACTIVE;
 *   <li>09:00 bob asks for github/billing (sensitive); carol then olivia approve: ACTIVE;
 *   <li>09:00 carol asks for finance/payments; dave and erin approve (quorum): ACTIVE;
 *   <li>09:00 alice asks for github/admin; olivia denies: DENIED;
 *   <li>09:00 grace takes aws/breakglass for 1 h; it expires at the 11:00 sweep: EXPIRED;
 *   <li>09:00 erin gets finance/ledger; olivia revokes it at 10:00: REVOKED;
 *   <li>11:00 frank gets github/read: ACTIVE, activated after {@link #MORNING}.
 * </ul>
 *
 * So six grants are active at 11:00 (five of them at {@link #MORNING}): four in github, one in
 * finance, none in aws.
 *
 * <p>{@link #governed()} then runs a month of governance from {@link #FEBRUARY}:
 *
 * <ul>
 *   <li>Feb 1 09:00 the expiry sweep, late, ends bob's github/admin (due Jan 5 15:00) and any other
 *       grant past its end; frank (last sign-in Jan 5) gets notice of an inactivity reclaim;
 *   <li>Feb 9 09:00 frank's github/read is reclaimed;
 *   <li>Feb 10 09:00 a review of github/read: carol keeps bob's, olivia revokes alice's;
 *   <li>Feb 12 09:00 the sweep ends bob's github/billing (due Feb 4); grace, added to gh-read by
 *       hand in the provider, is found by reconcile.
 * </ul>
 */
final class ReportWorld {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  static final Instant MORNING = Instant.parse("2026-01-05T10:30:00Z");
  static final Instant FEBRUARY = Instant.parse("2026-02-01T09:00:00Z");
  static final ReclaimPolicy RECLAIM =
      ReclaimPolicy.builder("inactive-20d")
          .threshold(RiskTier.STANDARD, Duration.ofDays(20))
          .build();

  final TestClock clock = TestClock.at(START);
  final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("okta", clock)
          .groups(
              "gh-read",
              "gh-admin",
              "gh-audit",
              "gh-billing",
              "fin-payments",
              "fin-ledger",
              "aws-breakglass");
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final InMemoryAccessStore store = new InMemoryAccessStore();
  final CheckpointSigner signer = CheckpointSigner.generate("report-test-key");
  final Catalog catalog =
      Catalog.builder()
          .application(
              Application.builder("github")
                  .name("GitHub")
                  .owner("olivia")
                  .role(Role.builder("github/read").group("okta", "gh-read"))
                  .role(
                      Role.builder("github/admin")
                          .tier(RiskTier.PRIVILEGED)
                          .group("okta", "gh-admin")
                          .group("okta", "gh-audit"))
                  .role(
                      Role.builder("github/billing")
                          .tier(RiskTier.SENSITIVE)
                          .group("okta", "gh-billing")))
          .application(
              Application.builder("finance")
                  .owner("olivia")
                  .role(
                      Role.builder("finance/payments")
                          .group("okta", "fin-payments")
                          .approval(
                              ApprovalPolicy.of(
                                  ApprovalStep.quorum(
                                      2,
                                      PersonId.of("dave"),
                                      PersonId.of("erin"),
                                      PersonId.of("frank")))))
                  .role(Role.builder("finance/ledger").group("okta", "fin-ledger")))
          .application(
              Application.builder("aws")
                  .owner("olivia")
                  .role(
                      Role.builder("aws/breakglass")
                          .tier(RiskTier.EMERGENCY)
                          .group("okta", "aws-breakglass")))
          .build();
  final AccessService access;

  AccessRecord bobRead;
  AccessRecord bobAdmin;
  AccessRecord bobBilling;
  AccessRecord carolPayments;
  AccessRecord aliceAdminDenied;
  AccessRecord graceBreakglass;
  AccessRecord erinLedger;

  ReportWorld() {
    for (String p : new String[] {"alice", "carol", "olivia", "dave", "erin", "frank", "grace"}) {
      people.add(p, null);
      idp.user(p);
    }
    people.add("bob", "carol");
    idp.user("bob");
    access =
        AccessService.builder()
            // olivia offboards carol, who has no manager here
            .administrators(PersonId.of("olivia"))
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(store)
            .checkpointSigner(signer)
            .clock(clock)
            .build();
  }

  /** Runs the script in the class description; returns this world. */
  ReportWorld scripted() {
    PersonId olivia = PersonId.of("olivia");
    bobRead = access.grant(request("bob", "github/read").build());
    access.grant(request("alice", "github/read").requester("carol").build());
    bobAdmin = access.grant(request("bob", "github/admin").duration(Duration.ofHours(6)).build());
    access.approve(bobAdmin.id(), olivia, "release window");
    bobBilling = access.grant(request("bob", "github/billing").build());
    access.approve(bobBilling.id(), PersonId.of("carol"), "ok");
    access.approve(bobBilling.id(), olivia, "ok");
    carolPayments = access.grant(request("carol", "finance/payments").build());
    access.approve(carolPayments.id(), PersonId.of("dave"), "ok");
    access.approve(carolPayments.id(), PersonId.of("erin"), "ok");
    aliceAdminDenied =
        access.grant(
            request("alice", "github/admin")
                .requester("carol")
                .duration(Duration.ofHours(2))
                .build());
    access.deny(aliceAdminDenied.id(), olivia, "not on call");
    graceBreakglass =
        access.grant(
            request("grace", "aws/breakglass")
                .requester("grace")
                .duration(Duration.ofHours(1))
                .build());
    erinLedger = access.grant(request("erin", "finance/ledger").requester("erin").build());
    clock.advance(Duration.ofHours(1));
    access.revoke(erinLedger.id(), olivia, "left the finance team");
    clock.advance(Duration.ofHours(1));
    access.expireDue();
    access.grant(request("frank", "github/read").requester("frank").build());
    bobRead = refresh(bobRead);
    bobAdmin = refresh(bobAdmin);
    bobBilling = refresh(bobBilling);
    carolPayments = refresh(carolPayments);
    aliceAdminDenied = refresh(aliceAdminDenied);
    graceBreakglass = refresh(graceBreakglass);
    erinLedger = refresh(erinLedger);
    return this;
  }

  /** Runs the month of governance in the class description; returns this world. */
  ReportWorld governed() {
    clock.set(FEBRUARY);
    Instant recently = FEBRUARY.plus(Duration.ofDays(7));
    for (String p : new String[] {"alice", "bob", "carol", "erin", "grace"}) {
      idp.lastLogin(p, LastLogin.at(recently));
    }
    idp.lastLogin("frank", LastLogin.at(START.plus(Duration.ofHours(3))));
    access.expireDue();
    access.reclaim(RECLAIM);
    clock.advance(Duration.ofDays(8));
    access.reclaim(RECLAIM);
    clock.advance(Duration.ofDays(1));
    ReviewCampaign campaign =
        access
            .reviews()
            .start(
                CampaignSpec.builder("github/read Q1", "olivia")
                    .scope(ReviewScope.roles("github/read"))
                    .build());
    for (ReviewItem item : access.reviews().items(campaign.id())) {
      boolean bob = item.subject().equals(PersonId.of("bob"));
      access
          .reviews()
          .decide(
              item.id(),
              item.reviewer(),
              bob ? Verdict.KEEP : Verdict.REVOKE,
              bob ? "still on the team" : "moved to sales");
    }
    clock.advance(Duration.ofDays(2));
    access.expireDue();
    idp.addMember("gh-read", "grace");
    access.reconcile();
    clock.advance(Duration.ofDays(1));
    access.offboard(PersonId.of("carol"), PersonId.of("olivia"), "left the company");
    bobAdmin = refresh(bobAdmin);
    bobBilling = refresh(bobBilling);
    return this;
  }

  private AccessRecord refresh(AccessRecord r) {
    return access.record(r.id());
  }

  private static GrantRequest.Builder request(String subject, String role) {
    return GrantRequest.builder()
        .subject(subject)
        .requester("alice".equals(subject) ? "carol" : "alice")
        .role(role)
        .reason("on-call for release 4.2");
  }
}
