package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("every actor resolves to a known, active person")
class IdentityTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  /** Refused with {@code type}, naming {@code who}, and nothing written. */
  private void refused(Class<? extends AccessException> type, String who, ThrowingCallable call) {
    Fixture.Snapshot before = f.snapshot();
    assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(who);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Nested
  @DisplayName("a person who left the company")
  class Inactive {
    @Test
    @DisplayName("as app owner cannot approve, deny or extend")
    void appOwner() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));
      AccessRecord active =
          access.approve(
              access
                  .grant(
                      request("github/admin").subject("erin").duration(Duration.ofHours(2)).build())
                  .id(),
              OLIVIA,
              "ok");
      f.people.deactivate("olivia");
      refused(
          PolicyViolationException.class,
          "olivia",
          () -> access.approve(pending.id(), OLIVIA, "ok"));
      refused(
          PolicyViolationException.class, "olivia", () -> access.deny(pending.id(), OLIVIA, "no"));
      refused(
          PolicyViolationException.class,
          "olivia",
          () -> access.extend(active.id(), OLIVIA, Duration.ofHours(1), "longer"));
      refused(
          PolicyViolationException.class,
          "olivia",
          () -> access.revoke(active.id(), OLIVIA, "done"));
    }

    @Test
    @DisplayName("as manager cannot approve, revoke or offboard")
    void manager() {
      AccessRecord billing = access.grant(request("github/billing").build());
      AccessRecord read = access.grant(request("github/read").build());
      f.people.deactivate("carol");
      refused(
          PolicyViolationException.class, "carol", () -> access.approve(billing.id(), CAROL, "ok"));
      refused(
          PolicyViolationException.class, "carol", () -> access.revoke(read.id(), CAROL, "done"));
      refused(PolicyViolationException.class, "carol", () -> access.offboard(BOB, CAROL, "left"));
    }

    @Test
    @DisplayName("as named approver cannot approve")
    void namedApprover() {
      AccessRecord payments = access.grant(request("finance/payments").build());
      f.people.deactivate("dave");
      refused(
          PolicyViolationException.class, "dave", () -> access.approve(payments.id(), DAVE, "ok"));
      assertThat(access.approve(payments.id(), ERIN, "ok").state())
          .isEqualTo(RecordState.PENDING_APPROVAL);
    }

    @Test
    @DisplayName("as reviewer cannot decide an item, and nobody can delegate to them")
    void reviewer() {
      ReviewWorld w = new ReviewWorld();
      ReviewItem bob = w.itemOf(w.access.reviews().start(ReviewWorld.spec().build()).id(), "bob");
      assertThat(bob.reviewer()).isEqualTo(CAROL);
      assertThatThrownBy(
              () -> w.access.reviews().delegate(bob.id(), CAROL, PersonId.of("henry"), "leave"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("henry");
      w.f.people.deactivate("carol");
      assertThatThrownBy(() -> w.access.reviews().decide(bob.id(), CAROL, Verdict.KEEP, "ok"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("carol");
      assertThatThrownBy(() -> w.access.reviews().delegate(bob.id(), CAROL, DAVE, "leave"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("carol");
      assertThat(w.access.reviews().item(bob.id()).isDecided()).isFalse();
      assertThat(w.access.reviews().item(bob.id()).reviewer()).isEqualTo(CAROL);
    }
  }

  @Nested
  @DisplayName("a person the directory does not know")
  class Unknown {
    @Test
    @DisplayName("cannot approve, deny or extend")
    void actor() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));
      refused(NotFoundException.class, "zoe", () -> access.approve(pending.id(), ZOE, "ok"));
      refused(NotFoundException.class, "zoe", () -> access.deny(pending.id(), ZOE, "no"));
    }

    @Test
    @DisplayName("named as an approver stops the service at build, naming the role")
    void namedApprover() {
      Catalog catalog =
          Catalog.builder()
              .application(
                  Application.builder("github")
                      .owner("olivia")
                      .role(
                          Role.builder("github/read")
                              .group("okta", "gh-read")
                              .approval(ApprovalPolicy.of(ApprovalStep.anyOf(DAVE, ZOE)))))
              .build();
      assertThatThrownBy(
              () ->
                  AccessService.builder()
                      .catalog(catalog)
                      .identityProvider(f.idp)
                      .peopleDirectory(f.people)
                      .build())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("github/read")
          .hasMessageContaining("zoe");
    }
  }

  @Nested
  @DisplayName("extension of an app-owner-only grant")
  class Extension {
    @Test
    @DisplayName("is refused to the subject's manager and to the requester")
    void managerAndRequester() {
      AccessRecord active =
          access.approve(access.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "ok");
      refused(
          PolicyViolationException.class,
          "carol",
          () -> access.extend(active.id(), CAROL, Duration.ofHours(1), "longer"));
      refused(
          PolicyViolationException.class,
          "alice",
          () -> access.extend(active.id(), ALICE, Duration.ofHours(1), "longer"));
      assertThat(access.extend(active.id(), OLIVIA, Duration.ofHours(1), "longer").expiresAt())
          .isEqualTo(active.expiresAt().plus(Duration.ofHours(1)));
    }
  }

  @Nested
  @DisplayName("a person named by another of their identifiers")
  class Aliases {
    private AccessService withRole(ApprovalStep step) {
      Catalog catalog =
          Catalog.builder()
              .application(
                  Application.builder("vault")
                      .owner("olivia")
                      .role(
                          Role.builder("vault/secrets")
                              .group("okta", "gh-read")
                              .approval(ApprovalPolicy.of(step))))
              .build();
      return f.builder().catalog(catalog).build();
    }

    @Test
    @DisplayName("cannot approve their own request when the approver list spells them by e-mail")
    void selfApprovalThroughAlias() {
      f.people.alias("bob", "Bob@Example.com");
      AccessService vault = withRole(ApprovalStep.anyOf(PersonId.of("Bob@Example.com"), DAVE));
      AccessRecord r = vault.grant(request("vault/secrets").requester("bob").build());
      for (PersonId self :
          new PersonId[] {BOB, PersonId.of("Bob@Example.com"), PersonId.of(" BOB@example.com ")}) {
        Fixture.Snapshot before = f.snapshot();
        assertThatThrownBy(() -> vault.approve(r.id(), self, "mine"))
            .isInstanceOf(PolicyViolationException.class)
            .hasMessageContaining("self-approval")
            .hasMessageContaining("dave");
        assertThat(f.snapshot()).isEqualTo(before);
      }
      assertThat(vault.approve(r.id(), DAVE, "ok").state()).isEqualTo(RecordState.ACTIVE);
    }

    @Test
    @DisplayName("a request nobody but the subject could approve is refused at once")
    void onlyTheSubjectNamed() {
      f.people.alias("bob", "bob@example.com");
      AccessService vault = withRole(ApprovalStep.anyOf(PersonId.of("bob@example.com")));
      Fixture.Snapshot before = f.snapshot();
      assertThatThrownBy(() -> vault.grant(request("vault/secrets").build()))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("vault/secrets");
      assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("acts under any spelling and is recorded under their canonical id")
    void canonicalInEvidence() {
      f.people.alias("olivia", "olivia@example.com");
      AccessRecord r = access.grant(privileged(Duration.ofHours(2)));
      AccessRecord approved = access.approve(r.id(), PersonId.of(" Olivia@Example.COM"), "ok");
      assertThat(approved.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(
              approved
                  .lastEvent(dev.accessgov.evidence.EvidenceType.APPROVED)
                  .orElseThrow()
                  .actor())
          .isEqualTo("person:olivia");
    }

    @Test
    @DisplayName("as reviewer sees their pending items under any spelling")
    void reviewerUnderAlias() {
      ReviewWorld w = new ReviewWorld();
      w.f.people.alias("carol", "carol@example.com");
      CampaignId campaign = w.access.reviews().start(ReviewWorld.spec().build()).id();
      List<ReviewItem> mine = w.access.reviews().pending(campaign, CAROL);
      assertThat(mine).isNotEmpty();
      assertThat(w.access.reviews().pending(campaign, PersonId.of("Carol@Example.com ")))
          .isEqualTo(mine);
    }

    @Test
    @DisplayName("as subject is one person: a second request under an e-mail conflicts")
    void oneSubject() {
      f.people.alias("bob", "bob@example.com");
      AccessRecord first = access.grant(request("github/read").build());
      AccessRecord viaAlias =
          access.find(dev.accessgov.record.RecordQuery.all().subject("bob")).get(0);
      assertThat(viaAlias.id()).isEqualTo(first.id());
      assertThatThrownBy(
              () -> access.grant(request("github/read").subject("BOB@example.com").build()))
          .isInstanceOf(dev.accessgov.StateConflictException.class)
          .hasMessageContaining(first.id().value());
      AccessRecord other =
          access.grant(request("github/billing").subject(" Bob@Example.com ").build());
      assertThat(other.subject()).isEqualTo(BOB);
    }
  }

  private static final PersonId ZOE = PersonId.of("zoe");
}
