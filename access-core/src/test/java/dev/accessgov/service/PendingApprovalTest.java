package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.policy.Decision;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** pendingApproval says who may decide a record's step now, as approve would check it. */
@DisplayName("pendingApproval")
class PendingApprovalTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  @Test
  @DisplayName("names the step and its eligible approvers, never the requester or subject")
  void eligible() {
    AccessRecord r = access.grant(request("github/billing").build());
    Decision.NeedsApproval pending = access.pendingApproval(r.id()).orElseThrow();
    assertThat(pending.stepIndex()).isZero();
    assertThat(pending.eligible()).containsExactly(CAROL).doesNotContain(ALICE, BOB);
  }

  @Test
  @DisplayName("drops who already approved a quorum step, and is empty once decided")
  void quorum() {
    AccessRecord r = access.grant(request("finance/payments").build());
    assertThat(access.pendingApproval(r.id()).orElseThrow().eligible())
        .containsExactlyInAnyOrder(DAVE, ERIN, PersonId.of("frank"));
    access.approve(r.id(), DAVE, "ok");
    Decision.NeedsApproval after = access.pendingApproval(r.id()).orElseThrow();
    assertThat(after.eligible()).containsExactlyInAnyOrder(ERIN, PersonId.of("frank"));
    assertThat(after.approvalsMissing()).isEqualTo(1);
    access.approve(r.id(), ERIN, "ok");
    assertThat(access.pendingApproval(r.id())).isEmpty();
  }

  @Test
  @DisplayName("an unknown record is NotFoundException")
  void unknown() {
    assertThatThrownBy(() -> access.pendingApproval(RecordId.of("nope")))
        .isInstanceOf(NotFoundException.class);
  }
}
