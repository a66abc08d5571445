package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.jira.JiraRequestTypeOptions.FieldOptions;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.SpecValidator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The portal offers exactly the catalog's roles: options printed, or created once in Jira. */
class JiraRequestTypeOptionsTest {
  private final IntakeWorld world = new IntakeWorld();
  private final JiraRequestTypeOptions options = JiraRequestTypeOptions.of(world.catalog);

  @AfterEach
  void stop() {
    assertThat(SpecValidator.violations(world.emulator.server().getAllServeEvents())).isEmpty();
    world.close();
  }

  @Test
  @DisplayName("applications by id, roles as 'app / role', durations within some role's window")
  void fromCatalog() {
    assertThat(options.applications()).containsExactly("wiki", "billing");
    assertThat(options.roles())
        .containsExactly("wiki / read", "wiki / edit", "billing / pay", "billing / approve");
    assertThat(options.durations(world.catalog.requireRole(roleId("wiki/edit"))))
        .containsExactly(
            "1 hour",
            "2 hours",
            "4 hours",
            "8 hours",
            "12 hours",
            "1 day",
            "2 days",
            "3 days",
            "7 days");
    assertThat(options.durations())
        .startsWith("15 minutes", "30 minutes", "1 hour")
        .endsWith("365 days");
  }

  @Test
  @DisplayName("the printed options name each field and each role's window")
  void describe() {
    String text = options.describe(world.requestType);
    assertThat(text)
        .contains("JSM request type(s) 30")
        .contains("Application (customfield_10100):\n  wiki\n  billing\n")
        .contains("Role (customfield_10101), as \"app / role\":\n  wiki / read\n  wiki / edit\n")
        .contains("Duration (customfield_10102):\n  15 minutes\n  30 minutes\n  1 hour\n")
        .contains("wiki / edit: PT1H..PT168H, default 1 day; offered: 1 hour, 2 hours")
        .contains(
            "wiki / read: 0..unbounded, may be open-ended; offered: 15 minutes, 30 minutes, 1 hour");
  }

  @Test
  @DisplayName("every option printed is one the intake accepts")
  void everyOptionIsAccepted() {
    for (String role : options.roles()) {
      String duration = role.startsWith("wiki / edit") ? "8 hours" : null;
      String body = world.raise(IntakeWorld.form("acc-bob", role, duration));
      WebhookResult result = world.deliver(body);
      if (role.equals("billing / approve")) {
        // bob was just given billing / pay: SoD, not the option, refuses this one
        assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
        assertThat(result.detail()).contains("separation of duties");
      } else {
        assertThat(result.outcome()).as(role).isEqualTo(Outcome.REQUESTED);
      }
    }
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
  }

  @Test
  @DisplayName("create adds the missing options once, keeps the present, reports the retired")
  void createIsIdempotent() {
    world.emulator.selectField(IntakeWorld.APPLICATION, true, "wiki");
    world.emulator.selectField(IntakeWorld.ROLE, false, "wiki / read", "wiki / admin");
    world.emulator.selectField(IntakeWorld.DURATION, true);
    List<FieldOptions> planned = options.plan(world.jira, world.requestType);
    assertThat(world.emulator.count("POST", "/rest/api/3/field/")).isZero();
    assertThat(planned.get(1).added())
        .containsExactly("wiki / edit", "billing / pay", "billing / approve");

    List<FieldOptions> first = options.create(world.jira, world.requestType);
    assertThat(first)
        .extracting(FieldOptions::fieldId)
        .containsExactly(IntakeWorld.APPLICATION, IntakeWorld.ROLE, IntakeWorld.DURATION);
    assertThat(first.get(0).added()).containsExactly("billing");
    assertThat(first.get(0).present()).containsExactly("wiki");
    assertThat(first.get(1).present()).containsExactly("wiki / read");
    assertThat(first.get(1).retired()).containsExactly("wiki / admin");
    assertThat(world.emulator.options(IntakeWorld.ROLE))
        .containsExactly(
            "wiki / read", "wiki / admin", "wiki / edit", "billing / pay", "billing / approve");
    assertThat(world.emulator.options(IntakeWorld.DURATION))
        .containsExactlyElementsOf(options.durations());

    List<FieldOptions> again = options.create(world.jira, world.requestType);
    assertThat(again).allSatisfy(f -> assertThat(f.added()).isEmpty());
    assertThat(again.get(1).retired()).containsExactly("wiki / admin");
    assertThat(world.emulator.options(IntakeWorld.ROLE)).hasSize(5);
  }

  @Test
  @DisplayName("without Administer Jira, Jira's 403 comes back typed and nothing is created")
  void notAllowed() {
    world.emulator.selectField(IntakeWorld.ROLE, true);
    world.emulator.fieldAdmin(false);
    assertThatThrownBy(() -> options.create(world.jira, world.requestType))
        .isInstanceOf(ProviderException.class)
        .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(403))
        .hasMessageContaining("Only Jira administrators");
    world.emulator.fieldAdmin(true);
    assertThat(world.emulator.options(IntakeWorld.ROLE)).isEmpty();
  }

  @Test
  @DisplayName("a field with several contexts and no global one is refused, naming them")
  void ambiguousContext() {
    world.emulator.selectField(IntakeWorld.APPLICATION, false, "wiki");
    world.emulator.selectFieldContext(IntakeWorld.APPLICATION, false);
    assertThatThrownBy(() -> options.create(world.jira, world.requestType))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("has 2 contexts")
        .hasMessageContaining("no single global one");
    assertThat(world.emulator.options(IntakeWorld.APPLICATION)).containsExactly("wiki");
  }

  @Test
  @DisplayName("an unknown field is Jira's 404")
  void unknownField() {
    assertThatThrownBy(() -> options.plan(world.jira, world.requestType))
        .isInstanceOf(ProviderException.class)
        .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(404));
  }

  private static dev.accessgov.catalog.RoleId roleId(String id) {
    return dev.accessgov.catalog.RoleId.of(id);
  }
}
