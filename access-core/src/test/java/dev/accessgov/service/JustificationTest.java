package dev.accessgov.service;

import static dev.accessgov.service.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketState;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Justification rules refuse dodged reasons before anything is recorded")
class JustificationTest {
  static final JustificationRule OPEN_TICKET =
      JustificationRule.minLength(10).withTicket(JustificationRule.JIRA_KEY).withOpenTicket();

  /** Standard roles need 10 characters; PRIVILEGED needs a ticket; github/admin an open one. */
  static Catalog catalog(JustificationRule adminRule) {
    return Catalog.builder()
        .justification(JustificationRule.minLength(10))
        .justification(
            RiskTier.PRIVILEGED, JustificationRule.minLength(20).withTicket("[A-Z]+-\\d+"))
        .application(
            Application.builder("github")
                .owner("olivia")
                .role(Role.builder("github/read").group("okta", "gh-read"))
                .role(
                    Role.builder("github/audit")
                        .tier(RiskTier.PRIVILEGED)
                        .group("okta", "gh-audit"))
                .role(
                    Role.builder("github/admin")
                        .tier(RiskTier.PRIVILEGED)
                        .group("okta", "gh-admin")
                        .justification(adminRule)))
        .build();
  }

  final Fixture f = new Fixture();
  final AccessService access = f.builder().catalog(catalog(OPEN_TICKET)).build();

  private void refused(dev.accessgov.GrantRequest r, Class<? extends Throwable> type, String msg) {
    Fixture.Snapshot before = f.snapshot();
    assertThatThrownBy(() -> access.grant(r)).isInstanceOf(type).hasMessageContaining(msg);
    assertThat(f.snapshot()).isEqualTo(before);
  }

  @Test
  @DisplayName("a reason of '.' is refused under the catalog-wide default")
  void catalogDefault() {
    refused(
        request("github/read").reason(".").build(),
        InvalidRequestException.class,
        "role github/read needs a reason of at least 10 characters (letters or digits); got 0");
    assertThat(access.grant(request("github/read").reason("release 4.2 on-call").build()))
        .isNotNull();
  }

  @Test
  @DisplayName("the tier's rule applies to roles without their own")
  void tierRule() {
    refused(
        request("github/audit").reason("a very long reason with no ticket in it").build(),
        InvalidRequestException.class,
        "no ticket key matching");
    assertThat(
            access.grant(
                request("github/audit")
                    .reason("audit export for the SOC 2 sample in AUD-9")
                    .duration(Duration.ofHours(2))
                    .build()))
        .isNotNull();
  }

  @Nested
  @DisplayName("a role that requires an open ticket")
  class OpenTicket {
    dev.accessgov.GrantRequest admin(String reason) {
      return request("github/admin").reason(reason).duration(Duration.ofHours(2)).build();
    }

    @Test
    @DisplayName("accepts an open ticket")
    void open() {
      f.ticketing.ticketState("OPS-1", TicketState.EXISTS_OPEN);
      AccessRecord r = access.grant(admin("fix the prod outage OPS-1"));
      assertThat(r.state()).isEqualTo(RecordState.PENDING_APPROVAL);
    }

    @Test
    @DisplayName(
        "a repeated request (same idempotency key) returns its record, even once the ticket closed"
            + " or ticketing is unreachable")
    void replayIsNotRechecked() {
      f.ticketing.ticketState("OPS-1", TicketState.EXISTS_OPEN);
      dev.accessgov.GrantRequest first =
          request("github/admin")
              .reason("fix the prod outage OPS-1")
              .duration(Duration.ofHours(2))
              .idempotencyKey("req-ops-1")
              .build();
      AccessRecord r = access.grant(first);
      f.ticketing.ticketState("OPS-1", TicketState.CLOSED);
      assertThat(access.grant(first).id()).isEqualTo(r.id());
      f.ticketing.unreachable(true);
      assertThat(access.grant(first).id()).isEqualTo(r.id());
    }

    @Test
    @DisplayName("refuses a closed ticket and one that does not exist")
    void closedOrMissing() {
      f.ticketing.ticketState("OPS-2", TicketState.CLOSED);
      refused(admin("fix the prod outage OPS-2"), InvalidRequestException.class, "OPS-2 is closed");
      refused(admin("fix the prod outage OPS-3"), InvalidRequestException.class, "OPS-3 was not");
    }

    @Test
    @DisplayName("refuses with a retryable provider error when ticketing cannot be reached")
    void unreachable() {
      f.ticketing.ticketState("OPS-1", TicketState.EXISTS_OPEN).unreachable(true);
      Fixture.Snapshot before = f.snapshot();
      assertThatThrownBy(() -> access.grant(admin("fix the prod outage OPS-1")))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
      assertThat(f.snapshot()).isEqualTo(before);
    }

    @Test
    @DisplayName("without a ticketing provider that can check, is a configuration error")
    void noTicketing() {
      Fixture g = new Fixture();
      AccessService noTickets =
          g.builder().catalog(catalog(OPEN_TICKET)).ticketing(new NoCheck()).build();
      assertThatThrownBy(() -> noTickets.grant(admin("fix the prod outage OPS-1")))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("cannot check tickets");
    }
  }

  /** A ticketing provider that does not implement the optional check. */
  static final class NoCheck implements dev.accessgov.spi.TicketingProvider {
    @Override
    public String id() {
      return "nocheck";
    }

    @Override
    public dev.accessgov.spi.TicketRef openOrLink(AccessRecord record) {
      return new dev.accessgov.spi.TicketRef(id(), "X-1");
    }

    @Override
    public void append(dev.accessgov.spi.TicketRef t, dev.accessgov.evidence.EvidenceEvent e) {}

    @Override
    public void transition(dev.accessgov.spi.TicketRef t, RecordState s) {}
  }
}
