package dev.accessgov.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.PersonId;
import dev.accessgov.report.control.ControlMapping;
import dev.accessgov.report.control.LifecycleEntry;
import dev.accessgov.report.control.Section;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The joiners, movers and leavers of a period")
class LifecycleReportTest {
  private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
  private static final PersonId CAROL = PersonId.of("carol");
  private static final PersonId OLIVIA = PersonId.of("olivia");

  private final TestClock clock = TestClock.at(START);
  private final InMemoryIdentityProvider okta =
      new InMemoryIdentityProvider("okta", clock)
          .user("nina")
          .user("omar")
          .groups("gh-read", "fin-payments");
  private final InMemoryPeopleDirectory people =
      new InMemoryPeopleDirectory()
          .add("carol", null)
          .add("olivia", null)
          .add("nina", "carol")
          .add("omar", "carol");
  private final AccessService access =
      AccessService.builder()
          .catalog(
              Catalog.builder()
                  .application(
                      Application.builder("github")
                          .owner("olivia")
                          .role(Role.builder("github/read").group("okta", "gh-read"))
                          .role(Role.builder("finance/payments").group("okta", "fin-payments")))
                  .birthright(BirthrightRule.builder("all-read").role("github/read").everyone())
                  .birthright(
                      BirthrightRule.builder("all-pay")
                          .role("finance/payments")
                          .everyone()
                          .approval(BirthrightApproval.APPLICATION_OWNER))
                  .build())
          .identityProvider(okta)
          .peopleDirectory(people)
          .clock(clock)
          .build();

  private static Period january() {
    return Period.of(START, START.plus(Duration.ofDays(31)));
  }

  @Test
  @DisplayName(
      "group each event's records, and time it from the call to the IdP's last confirmation")
  void joinersAndLeavers() {
    OnboardResult nina = access.onboard(PersonId.of("nina"), CAROL, "joins");
    clock.advance(Duration.ofHours(2));
    access.approve(nina.records().get(1).id(), OLIVIA, "ok");
    OnboardResult omar = access.onboard(PersonId.of("omar"), CAROL, "joins");
    clock.advance(Duration.ofDays(3));
    people.deactivate("nina");
    access.offboard(PersonId.of("nina"), CAROL, "leaves");

    LifecycleReport report = LifecycleReport.of(access, january());

    assertThat(report.joiners())
        .extracting(LifecycleEntry::eventId, LifecycleEntry::awaiting, LifecycleEntry::lag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("onboarding:nina", 0, Duration.ofHours(2)),
            org.assertj.core.groups.Tuple.tuple("onboarding:omar", 1, null));
    LifecycleEntry first = report.joiners().get(0);
    assertThat(first.person()).isEqualTo("nina");
    assertThat(first.calledAt()).isEqualTo(START);
    assertThat(first.recordIds())
        .containsExactlyElementsOf(nina.records().stream().map(r -> r.id().value()).toList());
    assertThat(omar.records()).hasSize(2);
    assertThat(report.leavers())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.eventId()).isEqualTo("offboarding:nina");
              assertThat(e.recordIds()).hasSize(2);
              assertThat(e.lag()).isEqualTo(Duration.ZERO);
            });
    assertThat(report.movers()).isEmpty();
    assertThat(report.lags().get("ONBOARDING"))
        .isEqualTo(new LagStats(1, Duration.ofHours(2), Duration.ofHours(2)));
    assertThat(report.lags().get("TRANSFER")).isEqualTo(LagStats.of(List.of()));
    assertThat(report.lags().get("ALL").count()).isEqualTo(2);
  }

  @Test
  @DisplayName("leave out events with nothing in the period, and write stable JSON")
  void periodAndJson() throws Exception {
    access.onboard(PersonId.of("nina"), CAROL, "joins");
    clock.advance(Duration.ofDays(40));
    people.deactivate("nina");
    access.offboard(PersonId.of("nina"), CAROL, "leaves");

    LifecycleReport report = LifecycleReport.of(access, january());

    assertThat(report.joiners()).hasSize(1);
    assertThat(report.leavers()).isEmpty();
    JsonNode json = new ObjectMapper().readTree(report.toJson());
    assertThat(json.path("period").path("from").asText()).isEqualTo(START.toString());
    // The pending birthright was withdrawn when she left: it needs nothing of the IdP any more.
    assertThat(json.path("lags").path("ONBOARDING").path("count").asInt()).isEqualTo(1);
    JsonNode event = json.path("events").get(0);
    assertThat(event.path("eventId").asText()).isEqualTo("onboarding:nina");
    assertThat(event.path("trigger").asText()).isEqualTo("ONBOARDING");
    assertThat(event.path("awaiting").asInt()).isZero();
    assertThat(event.path("lag").asText()).isEqualTo("PT0S");
  }

  /**
   * The control report of January after nina joined (one birthright waits for its owner until two
   * hours later), omar joined (his owner-approved birthright still waits) and nina left.
   */
  ControlReport januaryControls() {
    OnboardResult nina = access.onboard(PersonId.of("nina"), CAROL, "joins");
    clock.advance(Duration.ofHours(2));
    access.approve(nina.records().get(1).id(), OLIVIA, "ok");
    access.onboard(PersonId.of("omar"), CAROL, "joins");
    clock.advance(Duration.ofDays(3));
    people.deactivate("nina");
    access.offboard(PersonId.of("nina"), CAROL, "leaves");
    return ControlReport.of(access, january());
  }

  @Test
  @DisplayName("the control report groups them in its own section, under CC6.3 and A.5.18")
  void inTheControlReport() throws Exception {
    ControlReport control = januaryControls();

    assertThat(control.size(Section.LIFECYCLE)).isEqualTo(3);
    assertThat(control.lifecycleReport().joiners()).hasSize(2);
    assertThat(control.lifecycleReport().leavers()).hasSize(1);
    assertThat(control.lifecycleReport().lags().get("ONBOARDING"))
        .isEqualTo(new LagStats(1, Duration.ofHours(2), Duration.ofHours(2)));
    assertThat(ControlMapping.soc2().controls())
        .filteredOn(c -> c.sections().contains(Section.LIFECYCLE))
        .extracting(ControlMapping.Control::id)
        .containsExactly("CC6.3");
    assertThat(ControlMapping.iso27001().controls())
        .filteredOn(c -> c.sections().contains(Section.LIFECYCLE))
        .extracting(ControlMapping.Control::id)
        .containsExactly("A.5.18");

    JsonNode json = new ObjectMapper().readTree(control.toJson());
    assertThat(json.path("sections").path("lifecycle")).hasSize(3);
    assertThat(json.path("sections").path("lifecycle").get(0).path("eventId").asText())
        .isEqualTo("onboarding:nina");
    assertThat(json.path("lifecycleLags").path("OFFBOARDING").path("count").asInt()).isEqualTo(1);

    String html = HtmlReport.builder("January").control(control).build().render();
    assertThat(html)
        .contains(
            "<section id=\"lifecycle\">",
            Section.LIFECYCLE.title(),
            "2 joiners, 0 movers, 1 leaver",
            "onboarding:nina",
            "offboarding:nina",
            "1 awaiting",
            "Joiners, movers, leavers: call to IdP confirmation");
  }

  @Test
  @DisplayName("a period without lifecycle events says so")
  void noneInThePeriod() {
    ControlReport control = ControlReport.of(access, january());
    assertThat(control.size(Section.LIFECYCLE)).isZero();
    assertThat(HtmlReport.builder("January").control(control).build().render())
        .contains("No onboarding, transfer or offboarding in the period.")
        .doesNotContain("call to IdP confirmation");
  }
}
