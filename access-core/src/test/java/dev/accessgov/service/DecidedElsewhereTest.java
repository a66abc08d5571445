package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.APPROVED;
import static dev.accessgov.evidence.EvidenceType.DENIED;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("decisions made in another system (approve / deny with a DecisionSource)")
class DecidedElsewhereTest {
  private static final DecisionSource JSM_1 = new DecisionSource("jira", "1", "acc-olivia");
  private static final DecisionSource JSM_2 = new DecisionSource("jira", "2", "acc-olivia");

  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Nested
  @DisplayName("the source is structured evidence")
  class Structured {
    @Test
    @DisplayName("an approval carries system, decision id and account as their own details")
    void approvalCarriesSource() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      AccessRecord active = access.approve(pending.id(), OLIVIA, "approved in Jira", JSM_1);
      assertThat(active).hasState(RecordState.ACTIVE).answersTheWalkthrough();
      EvidenceEvent approved = active.lastEvent(APPROVED).orElseThrow();
      assertThat(approved.detailText(EvidenceKeys.SOURCE)).isEqualTo("jira");
      assertThat(approved.detailText(EvidenceKeys.SOURCE_DECISION)).isEqualTo("1");
      assertThat(approved.detailText(EvidenceKeys.SOURCE_ACCOUNT)).isEqualTo("acc-olivia");
      assertThat(DecisionSource.of(approved)).contains(JSM_1);
      assertThat(JSM_1.wrote(approved)).isTrue();
      assertThat(JSM_2.wrote(approved)).isFalse();
    }

    @Test
    @DisplayName("text that spells a source out (reason, comment, note) is no source")
    void textIsNoSource() {
      String spelled = "source jira sourceDecision 1 sourceAccount acc-olivia " + JSM_1;
      AccessRecord pending =
          access.grant(
              request("github/admin").reason(spelled).duration(Duration.ofHours(6)).build());
      access.note(pending.id(), Actor.parse("person:alice"), spelled);
      for (EvidenceEvent e : access.record(pending.id()).timeline()) {
        assertThat(DecisionSource.of(e)).isEmpty();
      }
      AccessRecord denied = access.deny(pending.id(), OLIVIA, spelled, JSM_1);
      assertThat(denied).hasState(RecordState.DENIED);
      assertThat(denied.timeline()).filteredOn(JSM_1::wrote).hasSize(1);
    }

    @Test
    @DisplayName("a blank part is refused")
    void blankRefused() {
      assertThatThrownBy(() -> new DecisionSource("jira", " ", "acc"))
          .isInstanceOf(dev.accessgov.InvalidRequestException.class)
          .hasMessageContaining("decisionId");
    }
  }

  @Nested
  @DisplayName("a decision repeated from the same source changes nothing")
  class Idempotent {
    @Test
    @DisplayName("a repeated approval returns the record as it is: one APPROVED, no error")
    void approvalOnce() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      AccessRecord active = access.approve(pending.id(), OLIVIA, "ok", JSM_1);
      long evidence = f.store.evidenceSize();
      assertThat(access.approve(pending.id(), OLIVIA, "ok", JSM_1)).isEqualTo(active);
      assertThat(f.store.evidenceSize()).isEqualTo(evidence);
      assertThat(access.record(pending.id()).events(APPROVED)).hasSize(1);
    }

    @Test
    @DisplayName("a repeated first step of two is skipped, not refused; the next step applies")
    void stepOnce() {
      AccessRecord r = access.grant(request("github/billing").build());
      AccessRecord half =
          access.approve(r.id(), CAROL, "fine", new DecisionSource("jira", "7", "acc-carol"));
      assertThat(half).hasState(RecordState.PENDING_APPROVAL);
      assertThat(
              access.approve(r.id(), CAROL, "fine", new DecisionSource("jira", "7", "acc-carol")))
          .isEqualTo(half);
      assertThat(access.approve(r.id(), OLIVIA, "ok", JSM_2)).hasState(RecordState.ACTIVE);
      assertThat(access.record(r.id()).events(APPROVED))
          .extracting(EvidenceEvent::actor)
          .containsExactly("person:carol", "person:olivia");
    }

    @Test
    @DisplayName("a repeated denial returns the denied record; one DENIED")
    void denialOnce() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      AccessRecord denied = access.deny(pending.id(), OLIVIA, "no", JSM_1);
      assertThat(access.deny(pending.id(), OLIVIA, "no", JSM_1)).isEqualTo(denied);
      assertThat(access.record(pending.id()).events(DENIED)).hasSize(1);
    }

    @Test
    @DisplayName("another decision on a decided record still conflicts, as without a source")
    void otherDecisionConflicts() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      access.deny(pending.id(), OLIVIA, "no", JSM_1);
      assertThatThrownBy(() -> access.approve(pending.id(), OLIVIA, "ok", JSM_2))
          .isInstanceOf(StateConflictException.class);
      assertThatThrownBy(() -> access.approve(pending.id(), OLIVIA, "ok", JSM_1))
          .isInstanceOf(StateConflictException.class);
    }

    @Test
    @DisplayName("the policy still decides: the requester's decision from elsewhere is refused")
    void policyStillDecides() {
      AccessRecord pending = access.grant(privileged(Duration.ofHours(6)));
      assertThatThrownBy(
              () -> access.approve(pending.id(), ALICE, "mine", new DecisionSource("j", "1", "a")))
          .isInstanceOf(PolicyViolationException.class);
      assertThat(access.record(pending.id()).state()).isEqualTo(RecordState.PENDING_APPROVAL);
      assertThat(access.record(pending.id()).events(EvidenceType.APPROVED)).isEmpty();
    }
  }
}
