package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.TicketState;
import dev.accessgov.time.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jira tells whether a ticket a reason names exists and is open")
class JiraTicketStateTest {
  private final JiraEmulator emulator = new JiraEmulator();
  private final JiraTicketing jira = Fixtures.jira(emulator).build();

  @AfterEach
  void stop() {
    jira.close();
    assertThat(SpecValidator.violations(emulator.server().getAllServeEvents())).isEmpty();
    emulator.close();
  }

  @Test
  @DisplayName(
      "an issue in To Do or In Progress is open, Done or Declined is closed, none is not found")
  void states() {
    String key = emulator.existingIssue("rotate keys");
    assertThat(jira.ticketState(key)).contains(TicketState.EXISTS_OPEN);
    emulator.moveStatus(key, "In Progress");
    assertThat(jira.ticketState(key)).contains(TicketState.EXISTS_OPEN);
    emulator.moveStatus(key, "Done");
    assertThat(jira.ticketState(key)).contains(TicketState.CLOSED);
    emulator.moveStatus(key, "Declined");
    assertThat(jira.ticketState(key)).contains(TicketState.CLOSED);
    assertThat(jira.ticketState(JiraEmulator.PROJECT + "-999")).contains(TicketState.NOT_FOUND);
  }

  @Test
  @DisplayName("Jira down is a retryable provider error, not a verdict on the ticket")
  void down() {
    String key = emulator.existingIssue("rotate keys");
    emulator.down(true);
    assertThatThrownBy(() -> jira.ticketState(key))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  @DisplayName(
      "a role requiring an open ticket accepts an open Jira issue and refuses a closed one")
  void throughTheService() {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    InMemoryAccessStore store = new InMemoryAccessStore();
    AccessService access =
        AccessService.builder()
            .catalog(
                Catalog.builder()
                    .application(
                        Application.builder("wiki")
                            .owner("alice")
                            .role(
                                Role.builder("wiki/read")
                                    .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                                    .group("okta", "wiki-read")
                                    .justification(
                                        JustificationRule.minLength(10)
                                            .withTicket(JustificationRule.JIRA_KEY)
                                            .withOpenTicket())))
                    .build())
            .identityProvider(
                new InMemoryIdentityProvider("okta", clock).user("bob").groups("wiki-read"))
            .peopleDirectory(
                new InMemoryPeopleDirectory()
                    .add("bob", "carol")
                    .add("carol", null)
                    .add("alice", null))
            .store(store)
            .ticketing(jira)
            .clock(clock)
            .build();
    String open = emulator.existingIssue("migrate the wiki");
    String closed = emulator.existingIssue("old work");
    emulator.moveStatus(closed, "Done");

    assertThatThrownBy(() -> access.grant(request("migrating the wiki for " + closed)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("ticket " + closed + " is closed");
    assertThatThrownBy(() -> access.grant(request("migrating the wiki for ACC-404")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("was not found");
    assertThat(store.query(RecordQuery.all())).isEmpty();

    assertThat(access.grant(request("migrating the wiki for " + open)).reason()).contains(open);
  }

  private static GrantRequest request(String reason) {
    return GrantRequest.builder()
        .subject("bob")
        .role("wiki/read")
        .requester("bob")
        .reason(reason)
        .build();
  }
}
