package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.DriftKind;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.reconcile.ReconcilePolicy.OnMissing;
import dev.accessgov.reconcile.ReconcilePolicy.OnUnexplained;
import dev.accessgov.reconcile.Reconciliation;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("reconcile()")
class ReconcileTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  /**
   * Runs reconcile again and checks it wrote nothing but its own run event and changed nothing in
   * the provider.
   */
  private Reconciliation assertSecondRunChangesNothing(ReconcilePolicy policy) {
    long events = f.store.evidenceSize();
    long calls = f.idp.membershipCalls();
    Reconciliation again = access.reconcile(policy);
    assertThat(again.changes()).as("changes of the second run").isEmpty();
    assertThat(f.store.evidence(events + 1, 10))
        .as("events of the second run")
        .extracting(EvidenceEvent::type)
        .containsExactly(RECONCILED);
    assertThat(f.idp.membershipCalls()).isEqualTo(calls);
    return again;
  }

  /** The events written since the chain had {@code size} events. */
  private List<EvidenceEvent> since(long size) {
    return f.store.evidence(size + 1, Integer.MAX_VALUE);
  }

  @Test
  @DisplayName("finds nothing when records and the identity provider agree")
  void agreement() {
    access.grant(request("github/read").build());
    access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
    Reconciliation r = access.reconcile();
    assertThat(r.findings()).isEmpty();
    assertThat(r.membersSeen()).isEqualTo(3);
    assertThat(r.groupsChecked()).isEqualTo(7);
  }

  @Nested
  @DisplayName("records each completed run")
  class RunEvidence {
    @Test
    @DisplayName("with one RECONCILED event holding its counts, when it finds nothing")
    void nothingFound() {
      access.grant(request("github/read").build());
      Instant started = f.clock.instant();
      long before = f.store.evidenceSize();
      Reconciliation run = access.reconcile();
      assertThat(run.findings()).isEmpty();
      EvidenceEvent ran = since(before).get(0);
      assertThat(since(before)).hasSize(1);
      assertThat(ran.type()).isEqualTo(RECONCILED);
      assertThat(ran.actor()).isEqualTo("system:reconcile");
      assertThat(ran.recordId()).startsWith("rc-");
      assertThat(ran.time()).isEqualTo(started);
      assertThat(ran.detailText(EvidenceKeys.STARTED_AT)).isEqualTo(started.toString());
      assertThat(ran.detail(EvidenceKeys.GROUPS_CHECKED)).isEqualTo((long) run.groupsChecked());
      assertThat(ran.detail(EvidenceKeys.MEMBERS_SEEN)).isEqualTo(1L);
      assertThat(ran.detail(EvidenceKeys.FINDINGS)).isEqualTo(0L);
      assertThat(ran.detail(EvidenceKeys.CHANGES)).isEqualTo(0L);
      assertThat(access.evidence().verify().valid()).isTrue();
    }

    @Test
    @DisplayName("after its findings, counting them and the changes they made")
    void afterFindings() {
      access.grant(request("github/read").build());
      f.idp.removeMember("gh-read", "bob");
      f.idp.addMember("gh-read", "carol");
      long before = f.store.evidenceSize();
      ReconcilePolicy flagOnly = ReconcilePolicy.defaults().onMissing(OnMissing.FLAG);
      access.reconcile(flagOnly);
      List<EvidenceEvent> written = since(before);
      assertThat(written)
          .extracting(EvidenceEvent::type)
          .containsExactly(DRIFT_DETECTED, DRIFT_DETECTED, RECONCILED);
      EvidenceEvent ran = written.get(2);
      assertThat(ran.detail(EvidenceKeys.FINDINGS)).isEqualTo(2L);
      assertThat(ran.detail(EvidenceKeys.CHANGES)).isEqualTo(2L);
      Reconciliation again = access.reconcile(flagOnly);
      EvidenceEvent second = f.store.evidence(f.store.evidenceSize(), 1).get(0);
      assertThat(second.type()).isEqualTo(RECONCILED);
      assertThat(second.recordId())
          .as("each run has an id of its own")
          .isNotEqualTo(ran.recordId());
      assertThat(second.detail(EvidenceKeys.FINDINGS)).isEqualTo((long) again.findings().size());
      assertThat(second.detail(EvidenceKeys.CHANGES)).isEqualTo(0L);
    }

    @Test
    @DisplayName("and writes none for a run that fails part-way")
    void failedRun() {
      // A provider that lists only one of the catalog's groups: the run stops at another.
      InMemoryIdentityProvider partial =
          new InMemoryIdentityProvider("okta", f.clock).groups("gh-read");
      AccessService partly =
          AccessService.builder()
              .catalog(f.catalog)
              .identityProvider(partial)
              .peopleDirectory(f.people)
              .store(f.store)
              .clock(f.clock)
              .build();
      long before = f.store.evidenceSize();
      assertThatThrownBy(partly::reconcile).isInstanceOf(ProviderException.class);
      assertThat(since(before)).isEmpty();
      access.reconcile();
      assertThat(since(before)).extracting(EvidenceEvent::type).containsExactly(RECONCILED);
    }
  }

  @Nested
  @DisplayName("a membership missing from the provider")
  class Missing {
    @Test
    @DisplayName("is added again, with the finding stored before the provider is called")
    void reprovisioned() {
      AccessRecord r = access.grant(request("github/read").build());
      f.idp.removeMember("gh-read", "bob");
      Reconciliation run = access.reconcile();
      DriftFinding finding = run.findings().get(0);
      assertThat(run.findings()).hasSize(1);
      assertThat(finding.kind()).isEqualTo(DriftKind.MISSING);
      assertThat(finding.action()).isEqualTo(DriftAction.REPROVISION);
      assertThat(f.idp.isMember("gh-read", "bob")).isTrue();
      AccessRecord after = access.record(r.id());
      assertThat(after)
          .hasState(RecordState.ACTIVE)
          .hasTimeline(REQUESTED, APPROVED, TICKET_LINKED, PROVISIONED, DRIFT_DETECTED, PROVISIONED)
          .answersTheWalkthrough();
      assertThat(after.lastEvent(DRIFT_DETECTED).orElseThrow().hash())
          .isEqualTo(finding.evidenceHash());
      assertSecondRunChangesNothing(ReconcilePolicy.defaults());
    }

    @Test
    @DisplayName("is only flagged when the policy says so, and flagged once")
    void flagged() {
      AccessRecord r = access.grant(request("github/read").build());
      f.idp.removeMember("gh-read", "bob");
      ReconcilePolicy flagOnly = ReconcilePolicy.defaults().onMissing(OnMissing.FLAG);
      Reconciliation run = access.reconcile(flagOnly);
      assertThat(run.findings()).extracting(DriftFinding::action).containsExactly(DriftAction.FLAG);
      assertThat(f.idp.isMember("gh-read", "bob")).isFalse();
      assertThat(access.record(r.id())).hasState(RecordState.ACTIVE).hasEvidence(DRIFT_DETECTED);
      Reconciliation again = assertSecondRunChangesNothing(flagOnly);
      assertThat(again.findings())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.action()).isEqualTo(DriftAction.ALREADY_FLAGGED);
                assertThat(x.evidenceHash()).isEqualTo(run.findings().get(0).evidenceHash());
              });
    }
  }

  @Nested
  @DisplayName("a member no record explains")
  class Unexplained {
    @Test
    @DisplayName("gets a record of its own, due for review, that answers the walkthrough")
    void flagged() {
      f.idp.addMember("gh-read", "carol"); // added by hand in the provider's console
      Reconciliation run = access.reconcile();
      DriftFinding finding = run.findings().get(0);
      assertThat(finding.kind()).isEqualTo(DriftKind.UNEXPLAINED);
      assertThat(finding.action()).isEqualTo(DriftAction.FLAG);
      assertThat(finding.group()).isEqualTo(GroupRef.of("okta", "gh-read"));
      assertThat(f.idp.isMember("gh-read", "carol")).isTrue();
      AccessRecord opened = access.record(finding.recordId());
      assertThat(opened)
          .hasState(RecordState.ACTIVE)
          .hasTimeline(DRIFT_DETECTED)
          .answersTheWalkthrough();
      assertThat(opened.subject()).isEqualTo(CAROL);
      assertThat(opened.reviewDueAt()).isEqualTo(f.clock.instant());
      assertThat(opened.walkthrough().requested().text()).contains("nobody requested it");
      Reconciliation again = assertSecondRunChangesNothing(ReconcilePolicy.defaults());
      assertThat(again.findings())
          .extracting(DriftFinding::action)
          .containsExactly(DriftAction.ALREADY_FLAGGED);
    }

    @Test
    @DisplayName("is removed through the provider when the policy says so")
    void removed() {
      f.idp.addMember("gh-billing", "carol");
      ReconcilePolicy strict = ReconcilePolicy.defaults().onUnexplained(OnUnexplained.REMOVE);
      DriftFinding finding = access.reconcile(strict).findings().get(0);
      assertThat(finding.action()).isEqualTo(DriftAction.REMOVE);
      assertThat(f.idp.isMember("gh-billing", "carol")).isFalse();
      AccessRecord closed = access.record(finding.recordId());
      assertThat(closed)
          .hasState(RecordState.REVOKED)
          .hasTimeline(DRIFT_DETECTED, REVOKED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(closed.walkthrough().removed().text()).contains("system:reconcile", "REMOVED");
      assertSecondRunChangesNothing(strict);
    }

    @Test
    @DisplayName("whose record was opened earlier is closed when the membership disappears")
    void closedWhenGone() {
      f.idp.addMember("gh-read", "carol");
      DriftFinding found = access.reconcile().findings().get(0);
      f.idp.removeMember("gh-read", "carol");
      Reconciliation run = access.reconcile();
      assertThat(run.findings())
          .extracting(DriftFinding::action)
          .containsExactly(DriftAction.CLOSE);
      AccessRecord closed = access.record(found.recordId());
      assertThat(closed).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(closed.lastEvent(DEPROVISIONED).orElseThrow().detailText(EvidenceKeys.OUTCOME))
          .isEqualTo("NOT_A_MEMBER");
      assertSecondRunChangesNothing(ReconcilePolicy.defaults());
    }
  }

  @Nested
  @DisplayName("a membership whose grant has ended")
  class ExpiredButPresent {
    @Test
    @DisplayName("is removed when the expiry sweep has not run yet")
    void notYetSwept() {
      AccessRecord r =
          access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      f.clock.advance(Duration.ofHours(7));
      Reconciliation run = access.reconcile();
      assertThat(run.findings())
          .extracting(DriftFinding::kind, DriftFinding::action)
          .containsOnly(
              org.assertj.core.groups.Tuple.tuple(DriftKind.EXPIRED_PRESENT, DriftAction.REMOVE));
      assertThat(access.record(r.id()))
          .hasState(RecordState.EXPIRED)
          .hasEvidence(DRIFT_DETECTED, EXPIRED, DEPROVISIONED)
          .answersTheWalkthrough();
      assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();
      assertThat(f.idp.isMember("gh-audit", "bob")).isFalse();
      assertSecondRunChangesNothing(ReconcilePolicy.defaults());
    }

    @Test
    @DisplayName("is removed even when policy only flags, if it reappears after expiry")
    void reappeared() {
      AccessRecord r =
          access.approve(access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "ok");
      f.clock.advance(Duration.ofHours(7));
      access.expireDue();
      f.idp.addMember("gh-admin", "bob"); // someone put it back by hand
      DriftFinding finding = access.reconcile().findings().get(0);
      assertThat(finding.kind()).isEqualTo(DriftKind.EXPIRED_PRESENT);
      assertThat(finding.action()).isEqualTo(DriftAction.REMOVE);
      assertThat(f.idp.isMember("gh-admin", "bob")).isFalse();
      AccessRecord opened = access.record(finding.recordId());
      assertThat(opened).hasState(RecordState.REVOKED).answersTheWalkthrough();
      assertThat(opened.timeline().get(0).detailText(EvidenceKeys.PREVIOUS_RECORD))
          .isEqualTo(r.id().value());
      assertSecondRunChangesNothing(ReconcilePolicy.defaults());
    }
  }

  @Test
  @DisplayName("leaves records mid-change to recover()")
  void inFlightLeftAlone() {
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    AccessRecord r = access.grant(request("github/read").build());
    f.idp.addMember("gh-read", "bob"); // the call reached the provider; its answer was lost
    assertThat(access.reconcile().findings()).isEmpty();
    assertThat(access.record(r.id())).hasState(RecordState.PROVISIONING);
  }

  @Test
  @DisplayName("a mixed run is idempotent and the chain still verifies")
  void mixedTwice() {
    access.grant(request("github/read").build());
    access.grant(request("finance/ledger").subject("erin").build());
    f.idp.removeMember("gh-read", "bob");
    f.idp.addMember("fin-ledger", "frank");
    f.idp.addMember("gh-admin", "grace");
    Reconciliation first = access.reconcile();
    assertThat(first.changes()).hasSize(3);
    assertSecondRunChangesNothing(ReconcilePolicy.defaults());
    assertThat(access.evidence().verify().valid()).isTrue();
  }
}
