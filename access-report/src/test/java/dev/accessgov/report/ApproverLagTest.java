package dev.accessgov.report;

import static dev.accessgov.report.RetroWorld.MARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Olivia approves r1 (lag 1 h) and r2 (lag 3 h) of {@link RetroWorld}; the policy approves the
 * other three requests at once. Each test places olivia differently in the manager chain.
 */
@DisplayName("Approval lag by the approver's place in the manager chain")
class ApproverLagTest {
  private static final LagStats OLIVIA_LAG =
      new LagStats(2, Duration.ofHours(1), Duration.ofHours(3));
  private static final LagStats POLICY_LAG = new LagStats(3, Duration.ZERO, Duration.ZERO);

  private final RetroWorld world = new RetroWorld().scripted();

  private void reportsTo(String id, @Nullable String manager) {
    world.people.put(
        new Person(
            PersonId.of(id), id, manager == null ? null : PersonId.of(manager), true, null, null));
  }

  private Retrospective retro() {
    return Retrospective.of(world.access, MARCH, world.people, 2);
  }

  @Test
  @DisplayName("groups by the approver's manager and by the top's direct report above them")
  void managerAndDivision() {
    reportsTo("olivia", "tess"); // olivia's team lead
    reportsTo("tess", "vera"); // the head of the division
    reportsTo("vera", "ceo");
    reportsTo("ceo", null);

    Retrospective retro = retro();

    assertThat(retro.lagByApproverManager())
        .containsExactly(new GroupLag("policy", POLICY_LAG), new GroupLag("tess", OLIVIA_LAG));
    assertThat(retro.lagByApproverDivision())
        .containsExactly(new GroupLag("policy", POLICY_LAG), new GroupLag("vera", OLIVIA_LAG));
  }

  @Test
  @DisplayName("an approver at the top has no manager and is a division of their own")
  void atTheTop() {
    Retrospective retro = retro(); // olivia has no manager in RetroWorld

    assertThat(retro.lagByApproverManager()).contains(new GroupLag("(no manager)", OLIVIA_LAG));
    assertThat(retro.lagByApproverDivision()).contains(new GroupLag("olivia", OLIVIA_LAG));
  }

  @Test
  @DisplayName("an approver reporting to the top is their own division")
  void underTheTop() {
    reportsTo("olivia", "ceo");
    reportsTo("ceo", null);

    assertThat(retro().lagByApproverDivision()).contains(new GroupLag("olivia", OLIVIA_LAG));
    assertThat(retro().lagByApproverManager()).contains(new GroupLag("ceo", OLIVIA_LAG));
  }

  @Test
  @DisplayName("a manager missing from the directory is taken as the top of the chain")
  void managerNotInDirectory() {
    reportsTo("olivia", "tess");
    reportsTo("tess", "ghost"); // nobody by that id

    assertThat(retro().lagByApproverManager()).contains(new GroupLag("tess", OLIVIA_LAG));
    assertThat(retro().lagByApproverDivision()).contains(new GroupLag("tess", OLIVIA_LAG));
  }

  @Test
  @DisplayName("an approver the directory does not know is grouped apart")
  void approverNotInDirectory() {
    InMemoryPeopleDirectory others = new InMemoryPeopleDirectory().add("bob", null);

    Retrospective retro = Retrospective.of(world.access, MARCH, others, 2);

    assertThat(retro.lagByApproverManager())
        .contains(new GroupLag("(not in directory)", OLIVIA_LAG));
    assertThat(retro.lagByApproverDivision())
        .contains(new GroupLag("(not in directory)", OLIVIA_LAG));
  }

  @Test
  @DisplayName("managers in a cycle are named as such, without looping")
  void cycle() {
    reportsTo("olivia", "tess");
    reportsTo("tess", "vera");
    reportsTo("vera", "olivia");

    Retrospective retro =
        assertTimeoutPreemptively(Duration.ofSeconds(30), this::retro, "a cycle must not loop");

    assertThat(retro.lagByApproverManager()).contains(new GroupLag("tess", OLIVIA_LAG));
    assertThat(retro.lagByApproverDivision()).contains(new GroupLag("(manager cycle)", OLIVIA_LAG));
  }

  @Test
  @DisplayName("a person who is their own manager is a cycle of one")
  void ownManager() {
    reportsTo("olivia", "olivia");

    Retrospective retro =
        assertTimeoutPreemptively(Duration.ofSeconds(30), this::retro, "a cycle must not loop");

    assertThat(retro.lagByApproverManager()).contains(new GroupLag("olivia", OLIVIA_LAG));
    assertThat(retro.lagByApproverDivision()).contains(new GroupLag("(manager cycle)", OLIVIA_LAG));
  }

  @Test
  @DisplayName("without a people directory there is no grouping by manager")
  void noDirectory() {
    Retrospective retro = Retrospective.of(world.access, MARCH);
    assertThat(retro.lagByApproverManager()).isEmpty();
    assertThat(retro.lagByApproverDivision()).isEmpty();
  }

  @Test
  @DisplayName("is written in the JSON, the CSV and the HTML page")
  void written() throws Exception {
    reportsTo("olivia", "tess");
    reportsTo("tess", null);
    Retrospective retro = retro();

    JsonNode json = new ObjectMapper().readTree(retro.toJson());
    assertThat(json.at("/lagByApproverManager/1/group").asText()).isEqualTo("tess");
    assertThat(json.at("/lagByApproverManager/1/lag/p95").asText()).isEqualTo("PT3H");
    assertThat(json.at("/lagByApproverDivision/0/group").asText()).isEqualTo("olivia");
    assertThat(retro.toCsv())
        .contains(
            "approver_manager,tess,median,PT1H\r\n",
            "approver_manager,tess,p95,PT3H\r\n",
            "approver_division,olivia,count,2\r\n");
    String html =
        HtmlReport.builder("March")
            .retrospective(retro)
            .generatedAt(Instant.parse("2026-04-01T08:00:00Z"))
            .build()
            .render();
    assertThat(html)
        .contains(
            "<td>approver's manager</td><td>tess</td><td class=\"num\">2</td>",
            "<td>approver's division</td><td>olivia</td><td class=\"num\">2</td>");
  }
}
