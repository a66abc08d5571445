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
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
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

  private static final PersonId ZOE = PersonId.of("zoe");
}
