package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryTicketing;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.TicketingProvider;
import dev.accessgov.spring.app.TestCatalog;
import dev.accessgov.time.TestClock;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("access.usage-evidence.* and access.justification.*")
class UsageAndJustificationPropertiesTest {
  private final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AccessAutoConfiguration.class))
        .withBean(Catalog.class, TestCatalog::catalog)
        .withBean(Clock.class, () -> clock)
        .withPropertyValues(
            "access.store.type=memory",
            "access.scheduler.enabled=false",
            "access.providers.in-memory.okta.users=bob",
            "access.providers.in-memory.okta.groups=gh-read",
            "access.people.bob.manager=carol");
  }

  private static GrantRequest.Builder request(String reason) {
    return GrantRequest.builder()
        .subject("bob")
        .requester("bob")
        .role("github/read")
        .reason(reason);
  }

  /** Grants bob an hour of github/read, lets it expire and returns the record's usage events. */
  private java.util.List<EvidenceEvent> usageAfterExpiry(AccessService access) {
    AccessRecord r = access.grant(request("deploy").duration(Duration.ofHours(1)).build());
    clock.advance(Duration.ofHours(2));
    access.expireDue();
    return access.record(r.id()).events(EvidenceType.USAGE_OBSERVED);
  }

  @Nested
  @DisplayName("usage evidence")
  class Usage {
    @Test
    @DisplayName("is recorded by default, looking 30 minutes past the end")
    void onByDefault() {
      runner()
          .run(
              context -> {
                java.util.List<EvidenceEvent> usage =
                    usageAfterExpiry(context.getBean(AccessService.class));
                assertThat(usage).hasSize(1);
                EvidenceEvent e = usage.get(0);
                assertThat(e.detailText(EvidenceKeys.USAGE_FLAG)).isEqualTo("NEVER_USED");
                assertThat(e.detailText(EvidenceKeys.AFTER_END_CHECK_AT))
                    .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)).toString());
              });
    }

    @Test
    @DisplayName("takes its settings from the properties")
    void settings() {
      runner()
          .withPropertyValues("access.usage-evidence.look-past=2h")
          .run(
              context ->
                  assertThat(
                          usageAfterExpiry(context.getBean(AccessService.class))
                              .get(0)
                              .detailText(EvidenceKeys.AFTER_END_CHECK_AT))
                      .isEqualTo(clock.instant().plus(Duration.ofHours(2)).toString()));
    }

    @Test
    @DisplayName("is not recorded with access.usage-evidence.enabled=false")
    void off() {
      runner()
          .withPropertyValues("access.usage-evidence.enabled=false")
          .run(
              context ->
                  assertThat(usageAfterExpiry(context.getBean(AccessService.class))).isEmpty());
    }
  }

  @Nested
  @DisplayName("justification")
  class Justification {
    @Test
    @DisplayName("sets the catalog-wide default rule a reason must meet")
    void defaultRule() {
      runner()
          .withPropertyValues(
              "access.justification.min-length=10",
              "access.justification.ticket-pattern=[A-Z]+-\\d+")
          .run(
              context -> {
                AccessRuntime runtime = context.getBean(AccessRuntime.class);
                assertThat(runtime.catalog().defaultJustification())
                    .isEqualTo(JustificationRule.minLength(10).withTicket("[A-Z]+-\\d+"));
                AccessService access = context.getBean(AccessService.class);
                assertThatThrownBy(() -> access.grant(request("because").build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("at least 10 characters");
                assertThat(access.grant(request("deploying the fix for OPS-12").build()))
                    .isNotNull();
              });
    }

    @Test
    @DisplayName("leaves the catalog's own rule when no property is set")
    void unset() {
      runner()
          .run(
              context ->
                  assertThat(context.getBean(AccessRuntime.class).catalog().defaultJustification())
                      .isEqualTo(JustificationRule.none()));
    }

    @Test
    @DisplayName("requires an open ticket through the application's ticketing provider")
    void openTicket() {
      runner()
          .withBean(TicketingProvider.class, () -> new InMemoryTicketing("OPS"))
          .withPropertyValues(
              "access.justification.ticket-pattern=[A-Z]+-\\d+",
              "access.justification.require-open-ticket=true")
          .run(
              context ->
                  assertThat(context.getBean(AccessRuntime.class).catalog().defaultJustification())
                      .isEqualTo(
                          JustificationRule.minLength(0)
                              .withTicket("[A-Z]+-\\d+")
                              .withOpenTicket()));
    }
  }

  @Nested
  @DisplayName("refuse to start, naming the property,")
  class Failures {
    @Test
    @DisplayName("with a negative look past the end")
    void negativeLookPast() {
      runner()
          .withPropertyValues("access.usage-evidence.look-past=-5m")
          .run(c -> assertFailure(c, "access.usage-evidence.look-past must not be negative"));
    }

    @Test
    @DisplayName("with no attempt allowed")
    void noAttempts() {
      runner()
          .withPropertyValues("access.usage-evidence.max-attempts=0")
          .run(c -> assertFailure(c, "access.usage-evidence.max-attempts must be at least 1"));
    }

    @Test
    @DisplayName("with a minimum length out of range")
    void badMinLength() {
      runner()
          .withPropertyValues("access.justification.min-length=5000")
          .run(c -> assertFailure(c, "access.justification.min-length must be between 0 and 1000"));
    }

    @Test
    @DisplayName("with a ticket pattern that is not a regular expression")
    void badPattern() {
      runner()
          .withPropertyValues("access.justification.ticket-pattern=[A-Z")
          .run(c -> assertFailure(c, "access.justification.ticket-pattern '[A-Z' is not a valid"));
    }

    @Test
    @DisplayName("with an open ticket required but no ticket pattern")
    void openTicketWithoutPattern() {
      runner()
          .withPropertyValues("access.justification.require-open-ticket=true")
          .run(
              c ->
                  assertFailure(
                      c,
                      "access.justification.require-open-ticket=true needs access.justification.ticket-pattern"));
    }

    @Test
    @DisplayName("with an open ticket required and no ticketing provider to look it up")
    void openTicketWithoutTicketing() {
      runner()
          .withPropertyValues(
              "access.justification.ticket-pattern=[A-Z]+-\\d+",
              "access.justification.require-open-ticket=true")
          .run(c -> assertFailure(c, "define a TicketingProvider bean"));
    }

    @Test
    @DisplayName("with a rule that differs from the catalog's own default")
    void twoDefaults() {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AccessAutoConfiguration.class))
          .withBean(
              Catalog.class,
              () ->
                  Catalog.builder()
                      .justification(JustificationRule.minLength(5))
                      .application(TestCatalog.catalog().applications().iterator().next())
                      .build())
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.providers.in-memory.okta.users=bob",
              "access.justification.min-length=10")
          .run(c -> assertFailure(c, "set it in one place"));
    }

    private void assertFailure(AssertableApplicationContext context, String message) {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      assertThat(failure).hasRootCauseInstanceOf(AccessConfigurationException.class);
      FailureAnalysis analysis = new AccessConfigurationFailureAnalyzer().analyze(failure);
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains(message);
    }
  }
}
