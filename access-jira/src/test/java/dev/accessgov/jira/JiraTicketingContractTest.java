package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import dev.accessgov.testkit.TicketingProviderContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The ticketing contract, against the provider talking to the Jira emulator. */
class JiraTicketingContractTest extends TicketingProviderContract {
  private static JiraEmulator jira;

  private final JiraTicketing provider;

  @BeforeAll
  static void startEmulator() {
    jira = new JiraEmulator();
  }

  @AfterAll
  static void stopEmulator() {
    jira.close();
  }

  JiraTicketingContractTest() {
    jira.server().resetRequests();
    provider = Fixtures.jira(jira).build();
  }

  @AfterEach
  void everyRequestFollowsTheSpec() {
    assertThat(provider.flush(Fixtures.SETTLED)).isTrue();
    provider.close();
    assertThat(provider.dropped()).isZero();
    assertThat(SpecValidator.violations(jira.server().getAllServeEvents())).isEmpty();
  }

  @Override
  protected TicketingProvider provider() {
    return provider;
  }

  @Override
  protected List<String> commentsOn(TicketRef ticket) {
    assertThat(provider.flush(Fixtures.SETTLED)).isTrue();
    return jira.comments(ticket.key());
  }

  @Override
  protected String statusOf(TicketRef ticket) {
    assertThat(provider.flush(Fixtures.SETTLED)).isTrue();
    return jira.status(ticket.key());
  }

  @Override
  protected String existingTicketKey() {
    return jira.existingIssue("raised by a person");
  }
}
