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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

/**
 * The ticketing contract, against the provider talking to the Jira emulator, in both of its modes:
 * platform issues in a project, and Jira Service Management requests.
 */
class JiraTicketingContractTest {
  private static JiraEmulator jira;

  @BeforeAll
  static void startEmulator() {
    jira = new JiraEmulator();
  }

  @AfterAll
  static void stopEmulator() {
    jira.close();
  }

  @Nested
  @DisplayName("creating Jira issues in a project")
  class IssueMode extends Mode {
    IssueMode() {
      super(Fixtures.jira(jira).build());
    }
  }

  /**
   * JSM mode, with the emulator's portal request type that has no labels field: JSM refuses a
   * request whose {@code requestFieldValues} name a field the request type does not have.
   */
  @Nested
  @DisplayName("creating JSM requests of a request type without labels")
  class ServiceDeskMode extends Mode {
    ServiceDeskMode() {
      super(Fixtures.jsm(jira).build());
    }
  }

  /** One mode: a provider built per test, every exchange checked against the vendor's spec. */
  abstract static class Mode extends TicketingProviderContract {
    private final JiraTicketing provider;

    Mode(JiraTicketing provider) {
      jira.server().resetRequests();
      this.provider = provider;
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
}
