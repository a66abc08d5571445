package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.SweepResult;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AccessService")
class AccessServiceTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Nested
  @DisplayName("granting")
  class Granting {
    @Test
    @DisplayName(
        "a standard role is approved by policy and provisioned at once, open-ended with a review date")
    void standardIsAutomatic() {
      AccessRecord r = access.grant(request("github/read").build());
      assertThat(r)
          .hasState(RecordState.ACTIVE)
          .hasTimeline(REQUESTED, APPROVED, TICKET_LINKED, PROVISIONED)
          .answersTheWalkthrough();
      assertThat(f.idp.isMember("gh-read", "bob")).isTrue();
      assertThat(r.expiresAt()).isNull();
      assertThat(r.reviewDueAt()).isEqualTo(f.clock.instant().plus(Duration.ofDays(180)));
      assertThat(r.events(APPROVED).get(0).actor()).isEqualTo("system:policy");
    }

    @Test
    @DisplayName(
        "a privileged role waits for the app owner, then provisions every group and ends after its duration")
    void privilegedNeedsOwner() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      assertThat(pending).hasState(RecordState.PENDING_APPROVAL).hasNoEvidence(PROVISIONED);
      assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();

      AccessRecord active = access.approve(pending.id(), OLIVIA, "release window");
      assertThat(active).hasState(RecordState.ACTIVE).answersTheWalkthrough();
      assertThat(active.events(PROVISIONED))
          .extracting(e -> e.detailText(EvidenceKeys.GROUP))
          .containsExactly("gh-admin", "gh-audit");
      assertThat(active.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(6)));
      assertThat(f.idp.isMember("gh-admin", "bob")).isTrue();
      assertThat(f.idp.isMember("gh-audit", "bob")).isTrue();
    }

    @Test
    @DisplayName("a sensitive role needs the manager first, then the app owner")
    void sensitiveStepsInOrder() {
      AccessRecord r = access.grant(request("github/billing").build());
      assertThat(r.duration()).isEqualTo(Duration.ofDays(30));
      assertThatThrownBy(() -> access.approve(r.id(), OLIVIA, "ok"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("MANAGER")
          .hasMessageContaining("carol");
      AccessRecord afterManager = access.approve(r.id(), CAROL, "fine by me");
      assertThat(afterManager).hasState(RecordState.PENDING_APPROVAL);
      assertThat(access.approve(r.id(), OLIVIA, "ok"))
          .hasState(RecordState.ACTIVE)
          .answersTheWalkthrough();
    }

    @Test
    @DisplayName("a quorum needs that many different approvers; one person cannot approve twice")
    void quorum() {
      AccessRecord r = access.grant(request("finance/payments").build());
      access.approve(r.id(), DAVE, "yes");
      assertThatThrownBy(() -> access.approve(r.id(), DAVE, "yes again"))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("already approved");
      assertThat(access.approve(r.id(), ERIN, "yes")).hasState(RecordState.ACTIVE);
    }

    @Test
    @DisplayName("an emergency grant is active at once, short, and due for review within a day")
    void emergency() {
      AccessRecord r = access.grant(request("aws/breakglass").build());
      assertThat(r).hasState(RecordState.ACTIVE).answersTheWalkthrough();
      assertThat(r.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(1)));
      assertThat(r.reviewDueAt()).isEqualTo(f.clock.instant().plus(Duration.ofHours(24)));
    }

    @Test
    @DisplayName(
        "a request repeated with its idempotency key returns the first record and writes nothing")
    void idempotent() {
      AccessRecord first = access.grant(request("github/read").idempotencyKey("req-1").build());
      long events = f.store.evidenceSize();
      AccessRecord again = access.grant(request("github/read").idempotencyKey("req-1").build());
      assertThat(again.id()).isEqualTo(first.id());
      assertThat(f.store.evidenceSize()).isEqualTo(events);
      assertThatThrownBy(
              () -> access.grant(request("github/billing").idempotencyKey("req-1").build()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("req-1");
    }

    @Test
    @DisplayName("the ticket mirrors the record: one comment per event and the current state")
    void ticketMirrors() {
      AccessRecord r =
          access.approve(access.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "ok");
      var ticket = f.ticketing.ticket(r.ticketKey());
      assertThat(ticket.comments()).hasSize(r.timeline().size());
      assertThat(ticket.status()).isEqualTo(RecordState.ACTIVE);
    }

    @Test
    @DisplayName(
        "with the ticketing system down the grant goes on, and the record notes how late its ticket came")
    void ticketDelayIsRecorded() {
      f.ticketing.unreachable(true);
      AccessRecord r = access.grant(request("github/read").build());
      assertThat(r).hasState(RecordState.ACTIVE);
      assertThat(r.ticketKey()).isEqualTo("pending:" + r.id());
      assertThat(r.lastEvent(TICKET_LINKED).orElseThrow().detail(EvidenceKeys.PROVISIONAL))
          .isEqualTo(true);

      f.clock.advance(Duration.ofMinutes(30));
      f.ticketing.unreachable(false);
      access.recover();
      AccessRecord linked = access.record(r.id());
      assertThat(linked.ticketKey()).startsWith("ACCESS-");
      EvidenceEvent relink = linked.lastEvent(TICKET_LINKED).orElseThrow();
      assertThat(relink.detailText(EvidenceKeys.DELAYED_BY)).isEqualTo("PT30M");
      assertThat(relink.detailText(EvidenceKeys.PREVIOUS_TICKET)).isEqualTo("pending:" + r.id());
      var ticket = f.ticketing.ticket(linked.ticketKey());
      assertThat(ticket.comments()).hasSize(linked.timeline().size());
      assertThat(ticket.status()).isEqualTo(RecordState.ACTIVE);
      access.recover();
      assertThat(access.record(r.id()).events(TICKET_LINKED))
          .as("linked once more, not again")
          .hasSize(2);
    }

    @Test
    @DisplayName("a SoD rule refuses a conflicting role")
    void sodRefuses() {
      access.grant(request("finance/payments").build());
      assertThatThrownBy(() -> access.grant(privileged(Duration.ofHours(1))))
          .isInstanceOf(PolicyViolationException.class)
          .hasMessageContaining("no self-paid admin");
    }

    @Test
    @DisplayName("a SoD rule can ask for an extra approver instead of refusing")
    void sodExtraApproval() {
      AccessRecord billing = access.grant(request("github/billing").build());
      access.approve(billing.id(), CAROL, "ok");
      access.approve(billing.id(), OLIVIA, "ok");
      AccessRecord ledger = access.grant(request("finance/ledger").build());
      assertThat(ledger).hasState(RecordState.PENDING_APPROVAL);
      assertThat(ledger.events(REQUESTED).get(0).detailText(EvidenceKeys.SOD_RULE))
          .isEqualTo("ledger and billing");
      assertThatThrownBy(() -> access.approve(ledger.id(), OLIVIA, "ok"))
          .isInstanceOf(PolicyViolationException.class);
      assertThat(access.approve(ledger.id(), GRACE, "checked")).hasState(RecordState.ACTIVE);
    }
  }

  @Nested
  @DisplayName("ending access")
  class Ending {
    @Test
    @DisplayName(
        "expireDue removes privileged access after its end and leaves everything else alone")
    void expiry() {
      AccessRecord standard = access.grant(request("github/read").build());
      AccessRecord admin =
          access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      f.clock.advance(Duration.ofHours(5));
      assertThat(access.expireDue().completed()).isEmpty();
      f.clock.advance(Duration.ofHours(2));
      SweepResult sweep = access.expireDue();
      assertThat(sweep.completed()).containsExactly(admin.id());
      AccessRecord expired = access.record(admin.id());
      assertThat(expired)
          .hasState(RecordState.EXPIRED)
          .hasEvidence(EXPIRED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(expired.events(DEPROVISIONED)).hasSize(2);
      assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();
      assertThat(access.record(standard.id())).hasState(RecordState.ACTIVE);
      assertThat(access.expireDue().completed()).as("a second sweep finds nothing").isEmpty();
    }

    @Test
    @DisplayName("the app owner can extend within the maximum; the end moves and is recorded")
    void extend() {
      AccessRecord r =
          access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      AccessRecord extended = access.extend(r.id(), OLIVIA, Duration.ofHours(4), "release slipped");
      assertThat(extended.expiresAt()).isEqualTo(r.expiresAt().plus(Duration.ofHours(4)));
      assertThat(extended).hasEvidence(EXTENDED).answersTheWalkthrough();
    }

    @Test
    @DisplayName("revoking removes every membership and records who and why")
    void revoke() {
      AccessRecord r =
          access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      AccessRecord revoked = access.revoke(r.id(), CAROL, "left the project");
      assertThat(revoked).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(revoked.lastEvent(REVOKED).orElseThrow().actor()).isEqualTo("person:carol");
      assertThat(f.idp.memberIds("gh-admin")).doesNotContain("bob");
      assertThatThrownBy(() -> access.revoke(r.id(), CAROL, "again"))
          .isInstanceOf(StateConflictException.class);
    }

    @Test
    @DisplayName("findAll reads past the query limit, page by page, each record once")
    void findAll() {
      for (int i = 0; i < 25; i++) {
        f.store.insert(
            dev.accessgov.record.AccessRecord.builder()
                .id(dev.accessgov.record.RecordId.of("imported-" + i))
                // One person each: a person has one live record per role.
                .subject(dev.accessgov.record.PersonId.of("person" + i))
                .roleId(dev.accessgov.catalog.RoleId.of("github/read"))
                .requester(dev.accessgov.record.PersonId.of("bob"))
                .reason("imported")
                .state(RecordState.ACTIVE)
                .requestedAt(f.clock.instant().plusSeconds(i % 5))
                .build(),
            java.util.List.of());
      }
      assertThat(access.find(RecordQuery.all().limit(10))).hasSize(10);
      assertThat(access.findAll(RecordQuery.all().limit(10)))
          .extracting(r -> r.id().value())
          .hasSize(25)
          .doesNotHaveDuplicates();
      assertThat(access.findAll(RecordQuery.all().limit(5).subject("nobody"))).isEmpty();
    }

    @Test
    @DisplayName("finds records by subject, role and state")
    void find() {
      access.grant(request("github/read").build());
      access.grant(privileged(Duration.ofHours(1)));
      assertThat(access.find(RecordQuery.all().subject("bob"))).hasSize(2);
      assertThat(access.find(RecordQuery.all().states(RecordState.PENDING_APPROVAL)))
          .extracting(r -> r.roleId().value())
          .containsExactly("github/admin");
    }
  }

  @Nested
  @DisplayName("when the identity provider fails")
  class ProviderFailures {
    @Test
    @DisplayName(
        "a transient failure leaves the record PROVISIONING with evidence, and recover() finishes it")
    void transientThenRecover() {
      f.idp.failNext(f.idp.failure("addMember", 503, true));
      AccessRecord r = access.grant(request("github/read").build());
      assertThat(r)
          .hasState(RecordState.PROVISIONING)
          .hasEvidence(PROVISION_FAILED)
          .answersTheWalkthrough();
      SweepResult sweep = access.recover();
      assertThat(sweep.completed()).containsExactly(r.id());
      assertThat(access.record(r.id()))
          .hasState(RecordState.ACTIVE)
          .hasEvidence(RECOVERED)
          .answersTheWalkthrough();
    }

    @Test
    @DisplayName(
        "recovery with a quiet period leaves work that is still fresh to whoever is doing it")
    void quietPeriod() {
      f.idp.failNext(f.idp.failure("addMember", 503, true));
      AccessRecord r = access.grant(request("github/read").build());
      f.clock.advance(Duration.ofSeconds(30));
      assertThat(access.recover(Duration.ofMinutes(1)).completed()).isEmpty();
      assertThat(access.record(r.id())).hasState(RecordState.PROVISIONING);
      f.clock.advance(Duration.ofMinutes(1));
      assertThat(access.recover(Duration.ofMinutes(1)).completed()).containsExactly(r.id());
      assertThat(access.record(r.id())).hasState(RecordState.ACTIVE);
      assertThatThrownBy(() -> access.recover(Duration.ofMinutes(-1)))
          .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    @DisplayName(
        "a call whose answer was lost is not claimed twice: recovery records ALREADY_MEMBER")
    void lostAnswer() {
      f.idp.failNext(f.idp.failure("addMember", 0, true));
      AccessRecord r = access.grant(request("github/read").build());
      f.idp.addMember(
          "gh-read", "bob"); // the call did reach the provider; only its answer was lost
      access.recover();
      AccessRecord done = access.record(r.id());
      assertThat(done.events(PROVISIONED))
          .singleElement()
          .satisfies(
              e -> assertThat(e.detailText(EvidenceKeys.OUTCOME)).isEqualTo("ALREADY_MEMBER"));
    }

    @Test
    @DisplayName("a permanent refusal of the second group takes the first back and ends FAILED")
    void permanentRollsBack() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));
      // The role's first group is added; its second is refused for good.
      f.idp.refuse("gh-audit", f.idp.failure("addMember", 403, false));
      AccessRecord r = access.approve(pending.id(), OLIVIA, "ok");
      assertThat(r)
          .hasState(RecordState.FAILED)
          .hasEvidence(PROVISION_FAILED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();
      assertThat(f.idp.isMember("gh-audit", "bob")).isFalse();
    }

    @Test
    @DisplayName("a failed removal keeps the record DEPROVISIONING until recover() confirms it")
    void removalRetried() {
      AccessRecord r = access.grant(request("github/read").build());
      f.idp.failNext(f.idp.failure("removeMember", 500, true));
      AccessRecord stuck = access.revoke(r.id(), CAROL, "no longer needed");
      assertThat(stuck)
          .hasState(RecordState.DEPROVISIONING)
          .hasEvidence(DEPROVISION_FAILED)
          .answersTheWalkthrough();
      assertThat(f.idp.isMember("gh-read", "bob")).isTrue();
      access.recover();
      assertThat(access.record(r.id())).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(f.idp.isMember("gh-read", "bob")).isFalse();
    }
  }

  @Test
  @DisplayName(
      "a note lands in the timeline and the chain and changes nothing else, even on a final record")
  void notes() {
    AccessRecord r = access.grant(request("github/read").build());
    AccessRecord revoked = access.revoke(r.id(), CAROL, "moved team");
    AccessRecord noted =
        access.note(r.id(), Actor.service("jira"), "ticket moved to Approved by hand");
    assertThat(noted).hasState(RecordState.REVOKED).answersTheWalkthrough();
    assertThat(noted.timeline()).hasSize(revoked.timeline().size() + 1);
    EvidenceEvent note = noted.lastEvent(NOTED).orElseThrow();
    assertThat(note.actor()).isEqualTo("system:jira");
    assertThat(f.store.evidence(note.seq(), 1)).containsExactly(note);
  }

  @Test
  @DisplayName("every event of every record is in the chain, in sequence")
  void recordsAreInTheChain() {
    AccessRecord r =
        access.approve(access.grant(privileged(Duration.ofHours(2))).id(), OLIVIA, "ok");
    for (EvidenceEvent e : r.timeline()) {
      assertThat(f.store.evidence(e.seq(), 1)).containsExactly(e);
    }
  }
}
