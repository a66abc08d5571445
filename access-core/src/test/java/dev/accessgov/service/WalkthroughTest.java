package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Answer;
import dev.accessgov.record.DecisionSource;
import dev.accessgov.record.RecordState;
import dev.accessgov.record.Walkthrough;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("the audit walkthrough")
class WalkthroughTest {
  private final Fixture f = new Fixture();
  private final AccessService access = f.service();

  /** One record in each state, reached through the service the way production reaches it. */
  private Map<RecordState, AccessRecord> recordsInEveryState() {
    Map<RecordState, AccessRecord> byState = new EnumMap<>(RecordState.class);
    byState.put(RecordState.PENDING_APPROVAL, access.grant(privileged(Duration.ofHours(6))));
    AccessRecord billing = access.grant(request("github/billing").build());
    byState.put(
        RecordState.DENIED, access.deny(billing.id(), CAROL, "use the shared report instead"));
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    byState.put(
        RecordState.PROVISIONING, access.grant(request("github/read").subject("carol").build()));
    byState.put(RecordState.ACTIVE, access.grant(request("github/read").build()));
    AccessRecord ledger = access.grant(request("finance/ledger").build());
    f.idp.failNext(f.idp.failure("removeMember", 500, true));
    byState.put(RecordState.DEPROVISIONING, access.revoke(ledger.id(), CAROL, "moved team"));
    AccessRecord payments = access.grant(request("finance/payments").subject("grace").build());
    access.approve(payments.id(), DAVE, "ok");
    AccessRecord paid = access.approve(payments.id(), ERIN, "ok");
    byState.put(RecordState.REVOKED, access.revoke(paid.id(), OLIVIA, "quarter closed"));
    AccessRecord glass = access.grant(request("aws/breakglass").subject("dave").build());
    f.idp.refuse("gh-audit", f.idp.failure("addMember", 403, false));
    byState.put(
        RecordState.FAILED,
        access.approve(
            access
                .grant(
                    request("github/admin").subject("erin").duration(Duration.ofHours(2)).build())
                .id(),
            OLIVIA,
            "ok"));
    f.clock.advance(Duration.ofHours(2));
    access.expireDue();
    byState.put(RecordState.EXPIRED, access.record(glass.id()));
    return byState;
  }

  @ParameterizedTest(name = "a record {0} answers every question its state calls for")
  @EnumSource(RecordState.class)
  void everyStateAnswers(RecordState state) {
    AccessRecord r = recordsInEveryState().get(state);
    assertThat(r).hasState(state).answersTheWalkthrough();
  }

  @Test
  @DisplayName(
      "an expired privileged grant names requester, reason, approver, IdP answers, end and removal")
  void answersForExpiredGrant() {
    AccessRecord admin =
        access.approve(
            access.grant(privileged(Duration.ofHours(6))).id(), OLIVIA, "release window");
    f.clock.advance(Duration.ofHours(7));
    access.expireDue();
    Walkthrough w = access.record(admin.id()).walkthrough();
    assertThat(w.requested().text())
        .contains("alice", "bob", "github/admin", "on-call for release 4.2");
    assertThat(w.approved().text()).contains("person:olivia", "APP_OWNER", "release window");
    assertThat(w.provisioned().text())
        .contains("okta:gh-admin ADDED", "okta:gh-audit ADDED", "request mem-");
    assertThat(w.ends().text()).contains("ended at", "EXPIRED");
    assertThat(w.removed().text())
        .contains("EXPIRED by system:expiry", "gh-admin REMOVED", "gh-audit REMOVED");
    assertThat(w.answers()).allSatisfy(a -> assertThat(a).isInstanceOf(Answer.Given.class));
    assertThat(((Answer.Given) w.removed()).evidence()).hasSize(3);
  }

  @Test
  @DisplayName("names the ticket a request was made in and where each decision was made")
  void namesTicketAndDecisionSource() {
    AccessRecord asked =
        access.grant(
            request("github/admin")
                .subject("alice")
                .duration(Duration.ofHours(2))
                .ticketKey("ACC-7")
                .build());
    access.approve(
        asked.id(), OLIVIA, "ok", new DecisionSource("slack", "T1/C2/1700000000.000100", "T1:U9"));
    Walkthrough w = access.record(asked.id()).walkthrough();
    assertThat(w.requested().text()).contains(" in ACC-7: ");
    assertThat(w.approved().text())
        .contains("person:olivia", "[decision T1/C2/1700000000.000100 in slack]");

    AccessRecord billing = access.grant(request("github/billing").build());
    access.deny(billing.id(), CAROL, "no", new DecisionSource("jira", "42", "acct-carol"));
    Walkthrough denied = access.record(billing.id()).walkthrough();
    assertThat(denied.requested().text()).doesNotContain(" in ");
    assertThat(denied.approved().text()).contains("denied by", "[decision 42 in jira]");
  }

  @Test
  @DisplayName("a record whose timeline lost its approval is reported as a defect")
  void missingEvidenceIsADefect() {
    AccessRecord active = access.grant(request("github/read").build());
    AccessRecord tampered =
        active.toBuilder()
            .timeline(
                active.timeline().stream()
                    .filter(e -> e.type() != dev.accessgov.evidence.EvidenceType.APPROVED)
                    .toList())
            .build();
    Walkthrough w = tampered.walkthrough();
    assertThat(w.isComplete()).isFalse();
    assertThat(w.approved()).isInstanceOf(Answer.Missing.class);
  }
}
