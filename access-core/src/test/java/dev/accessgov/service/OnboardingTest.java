package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.Joiners.NINA;
import static dev.accessgov.service.Joiners.OMAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.PersonAttribute;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("onboarding a new hire")
class OnboardingTest {
  private final Joiners j = new Joiners();
  private final Fixture f = j.f;
  private final AccessService access = j.service();

  private static RoleId role(String id) {
    return RoleId.of(id);
  }

  @Test
  @DisplayName(
      "grants exactly the birthright roles, linked by one event the evidence names, each through"
          + " the approval its rule asks for")
  void grantsBirthrights() {
    OnboardResult result = access.onboard(NINA, CAROL, "starts on 2026-01-05");

    LifecycleEvent event = LifecycleEvent.of(LifecycleTrigger.ONBOARDING, NINA);
    assertThat(result.event()).isEqualTo(event);
    assertThat(result.eventId().value()).isEqualTo("onboarding:nina");
    assertThat(result.subject()).isEqualTo(NINA);
    assertThat(result.records())
        .extracting(AccessRecord::roleId, AccessRecord::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(role("github/read"), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(role("finance/ledger"), RecordState.ACTIVE),
            org.assertj.core.groups.Tuple.tuple(
                role("finance/payments"), RecordState.PENDING_APPROVAL));
    assertThat(result.alreadyHeld()).isEmpty();
    assertThat(result.refused()).isEmpty();
    for (AccessRecord r : result.records()) {
      assertThat(r.lifecycleEvent()).contains(event);
      assertThat(r.requester()).isEqualTo(CAROL);
      assertThat(r.reason()).isEqualTo("starts on 2026-01-05");
    }
    assertThat(f.idp.memberIds("gh-read")).containsExactly("nina");
    assertThat(f.idp.memberIds("fin-ledger")).containsExactly("nina");
    assertThat(f.idp.memberIds("fin-payments")).isEmpty();
  }

  @Test
  @DisplayName("records an automatic birthright as approved by its rule")
  void automaticRecorded() {
    AccessRecord read = access.onboard(NINA, CAROL, "joins").records().get(0);

    EvidenceEvent requested = read.events(EvidenceType.REQUESTED).get(0);
    assertThat(requested.details())
        .containsEntry(EvidenceKeys.BIRTHRIGHT, "all-github-read")
        .containsEntry(EvidenceKeys.BIRTHRIGHT_APPROVAL, "automatic")
        .containsEntry(EvidenceKeys.LIFECYCLE_EVENT, "onboarding:nina")
        .containsEntry(EvidenceKeys.LIFECYCLE_TRIGGER, "ONBOARDING");
    EvidenceEvent approved = read.events(EvidenceType.APPROVED).get(0);
    assertThat(approved.actor()).isEqualTo("system:policy");
    assertThat(approved.detailText(EvidenceKeys.REASON))
        .isEqualTo("approved by birthright rule all-github-read");
    RecordAssert.assertThat(read).answersTheWalkthrough();
    assertThat(read.walkthrough().requested().text())
        .endsWith(
            "; granted at onboarding, event onboarding:nina, by birthright rule all-github-read");
  }

  @Test
  @DisplayName(
      "leaves a birthright that needs the application owner pending for the owner, not the role's"
          + " own approvers")
  void ownerApproval() {
    AccessRecord payments = access.onboard(NINA, CAROL, "joins").records().get(2);

    assertThat(access.pendingApproval(payments.id()).orElseThrow().eligible())
        .containsExactly(OLIVIA);
    assertThatThrownBy(() -> access.approve(payments.id(), DAVE, "ok"))
        .isInstanceOf(PolicyViolationException.class);

    AccessRecord approved = access.approve(payments.id(), OLIVIA, "ok");

    assertThat(approved.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(f.idp.memberIds("fin-payments")).containsExactly("nina");
  }

  @Nested
  @DisplayName("repeated")
  class Repeated {
    @Test
    @DisplayName("returns the same records and writes nothing, whoever repeats it and why")
    void sameRecords() {
      OnboardResult first = access.onboard(NINA, CAROL, "joins");
      long events = access.evidence().size();
      long calls = f.idp.membershipCalls();

      OnboardResult again = access.onboard(PersonId.of("nina@example.com"), IVY, "HR resent it");

      assertThat(again.records())
          .extracting(AccessRecord::id)
          .containsExactlyElementsOf(first.records().stream().map(AccessRecord::id).toList());
      assertThat(again.event()).isEqualTo(first.event());
      assertThat(access.evidence().size()).isEqualTo(events);
      assertThat(f.idp.membershipCalls()).isEqualTo(calls);
      assertThat(f.store.query(RecordQuery.all().subject("nina"))).hasSize(3);
    }

    @Test
    @DisplayName("returns the records as they are now, approved or revoked since")
    void currentState() {
      OnboardResult first = access.onboard(NINA, CAROL, "joins");
      access.approve(first.records().get(2).id(), OLIVIA, "ok");
      access.revoke(first.records().get(0).id(), CAROL, "not needed");

      assertThat(access.onboard(NINA, CAROL, "joins").records())
          .extracting(AccessRecord::state)
          .containsExactly(RecordState.REVOKED, RecordState.ACTIVE, RecordState.ACTIVE);
    }

    @Test
    @DisplayName("for a new event, such as a rehire, grants afresh what the person does not hold")
    void newEvent() {
      access.onboard(NINA, CAROL, "joins");
      f.people.deactivate("nina");
      access.offboard(NINA, CAROL, "leaves");
      f.people.update("nina", p -> p.withActive(true));

      OnboardResult rehire =
          access.onboard(NINA, CAROL, "rejoins", LifecycleEventId.of("workday-991"));

      assertThat(rehire.eventId().value()).isEqualTo("workday-991");
      assertThat(rehire.records()).hasSize(3);
      assertThat(rehire.records())
          .allSatisfy(r -> assertThat(r.lifecycleEvent()).contains(rehire.event()));
      assertThat(f.store.query(RecordQuery.all().subject("nina"))).hasSize(6);
      assertThat(f.idp.memberIds("gh-read")).containsExactly("nina");
    }
  }

  @Test
  @DisplayName("leaves a birthright role the person already holds through another request")
  void alreadyHeld() {
    AccessRecord own =
        access.grant(
            GrantRequest.builder()
                .subject("nina")
                .role("github/read")
                .requester("nina")
                .reason("early start")
                .build());

    OnboardResult result = access.onboard(NINA, CAROL, "joins");

    assertThat(result.alreadyHeld()).extracting(AccessRecord::id).containsExactly(own.id());
    assertThat(result.records())
        .extracting(AccessRecord::roleId)
        .containsExactly(role("finance/ledger"), role("finance/payments"));
    assertThat(access.onboard(NINA, CAROL, "joins").alreadyHeld())
        .extracting(AccessRecord::id)
        .containsExactly(own.id());
  }

  @Test
  @DisplayName("refuses a birthright that a separation-of-duties rule forbids, naming the rule")
  void refusedBySod() {
    access.approve(
        access
            .grant(request("github/admin").subject("omar").duration(Duration.ofHours(4)).build())
            .id(),
        OLIVIA,
        "ok");

    OnboardResult result = access.onboard(OMAR, CAROL, "joins sales");

    assertThat(result.records())
        .extracting(AccessRecord::roleId)
        .containsExactly(role("github/read"));
    assertThat(result.refused()).containsOnlyKeys(role("finance/payments"));
    assertThat(result.refused().get(role("finance/payments"))).contains("no self-paid admin");
  }

  @Test
  @DisplayName("grants only what the person's attributes call for now")
  void nothingToGrant() {
    f.people.update("omar", p -> p.with(PersonAttribute.LOCATION, "Paris"));
    assertThat(j.catalog.birthrightRolesFor(f.people.find(OMAR).orElseThrow()))
        .containsExactly(role("github/read"));

    assertThat(access.onboard(OMAR, CAROL, "joins").records())
        .extracting(AccessRecord::roleId)
        .containsExactly(role("github/read"));
  }

  @Test
  @DisplayName(
      "by an unknown person, by someone neither manager nor administrator, of an inactive or"
          + " unknown person, or with a blank reason, changes nothing")
  void badInput() {
    Fixture.Snapshot before = f.snapshot();

    assertThatThrownBy(() -> access.onboard(NINA, PersonId.of("mallory"), "joins"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> access.onboard(NINA, ALICE, "joins"))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("may not onboard nina");
    assertThatThrownBy(() -> access.onboard(PersonId.of("zoe"), IVY, "joins"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("zoe");
    f.people.deactivate("omar");
    assertThatThrownBy(() -> access.onboard(OMAR, IVY, "joins"))
        .isInstanceOf(PolicyViolationException.class)
        .hasMessageContaining("not active");
    assertThatThrownBy(() -> access.onboard(NINA, CAROL, " "))
        .isInstanceOf(InvalidRequestException.class);

    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("and offboarding later: the leaver's evidence names the offboarding event")
  void offboardingEvent() {
    access.onboard(NINA, CAROL, "joins");

    List<AccessRecord> ended = access.offboard(NINA, CAROL, "leaves");

    assertThat(ended).hasSize(3);
    for (AccessRecord r : ended) {
      EvidenceType type =
          r.state() == RecordState.REVOKED ? EvidenceType.REVOKED : EvidenceType.DENIED;
      assertThat(r.lastEvent(type).orElseThrow().details())
          .containsEntry(EvidenceKeys.LIFECYCLE_EVENT, "offboarding:nina")
          .containsEntry(EvidenceKeys.LIFECYCLE_TRIGGER, "OFFBOARDING")
          .containsEntry(EvidenceKeys.OFFBOARDING, true);
      if (r.state() == RecordState.REVOKED) {
        assertThat(r.walkthrough().removed().text())
            .contains("\"leaves\"; removed at offboarding, event offboarding:nina;");
      }
    }
  }
}
