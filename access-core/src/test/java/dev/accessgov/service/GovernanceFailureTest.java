package dev.accessgov.service;

import static dev.accessgov.evidence.EvidenceType.*;
import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.reconcile.DriftAction;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("reviews, reclaim and reconcile when things go wrong")
class GovernanceFailureTest {
  private final ReviewWorld w = new ReviewWorld();

  @Nested
  @DisplayName("when the identity provider fails")
  class ProviderFails {
    @Test
    @DisplayName("a review revoke keeps its intent; recover() finishes the removal")
    void reviewRevokeRecovered() {
      ReviewItem erin = w.itemOf(w.access.reviews().start(ReviewWorld.spec().build()).id(), "erin");
      w.f.idp.failNext(w.f.idp.failure("removeMember", 503, true));
      ReviewItem decided = w.access.reviews().decide(erin.id(), OLIVIA, Verdict.REVOKE, "unused");
      assertThat(w.access.record(w.erinLedger.id()))
          .hasState(RecordState.DEPROVISIONING)
          .hasEvidence(REVIEW_REVOKED, DEPROVISION_FAILED)
          .answersTheWalkthrough();
      assertThat(decided.decision().evidenceHash()).isNotBlank();
      w.access.recover();
      assertThat(w.access.record(w.erinLedger.id()))
          .hasState(RecordState.REVOKED)
          .answersTheWalkthrough();
      assertThat(w.f.idp.isMember("fin-ledger", "erin")).isFalse();
    }

    @Test
    @DisplayName(
        "a refused re-provisioning is recorded, the record stays active, and the next run tries again")
    void reprovisionRefused() {
      w.f.idp.removeMember("gh-read", "bob");
      w.f.idp.failNext(w.f.idp.failure("addMember", 403, false));
      assertThat(w.access.reconcile().findings())
          .extracting(f -> f.action())
          .contains(DriftAction.REPROVISION);
      AccessRecord r = w.access.record(w.bobRead.id());
      assertThat(r)
          .hasState(RecordState.ACTIVE)
          .hasEvidence(PROVISION_FAILED)
          .answersTheWalkthrough();
      assertThat(w.f.idp.isMember("gh-read", "bob")).isFalse();
      w.access.reconcile();
      assertThat(w.f.idp.isMember("gh-read", "bob")).isTrue();
      AccessRecord revoked = w.access.revoke(w.bobRead.id(), CAROL, "done");
      assertThat(revoked).as("a later revoke still ends REVOKED").hasState(RecordState.REVOKED);
    }
  }

  @Nested
  @DisplayName("bad policies are refused with a typed exception")
  class BadPolicies {
    @Test
    @DisplayName("a reclaim threshold that is not positive, a negative grace, an empty exemption")
    void reclaim() {
      assertThatThrownBy(
              () -> ReclaimPolicy.builder("p").threshold(RiskTier.STANDARD, Duration.ZERO).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("STANDARD");
      assertThatThrownBy(() -> ReclaimPolicy.builder("p").grace(Duration.ofDays(-1)).build())
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("PT-24H");
      assertThatThrownBy(() -> new Exemption(null, null, null, "why"))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> ReclaimPolicy.builder(" ").build())
          .isInstanceOf(InvalidRequestException.class);
    }
  }
}
