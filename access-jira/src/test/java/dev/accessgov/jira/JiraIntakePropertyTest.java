package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.jira.WebhookResult.Outcome;
import dev.accessgov.jira.emulator.SpecValidator;
import dev.accessgov.jira.internal.CatalogOptions;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.jspecify.annotations.Nullable;

/**
 * Whatever a portal form holds, the intake grants only what the catalog sanctions: a request that
 * names no catalog role is declined with exactly one comment, however often it is delivered, and a
 * duration is granted only as asked and within the role's window.
 */
class JiraIntakePropertyTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final IntakeWorld world = new IntakeWorld();

  @AfterProperty
  void stop() {
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(SpecValidator.violations(world.emulator.server().getAllServeEvents())).isEmpty();
    world.close();
  }

  /** A field's value, as Jira's issue JSON might hold it; null leaves the field out. */
  @Provide
  Arbitrary<Optional<JsonNode>> anyValue() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').withChars("\t\näé✓/—").ofMaxLength(30),
            Arbitraries.of(
                "wiki",
                "wiki /",
                "/ edit",
                "wiki // edit",
                "wiki / edit / x",
                "edit",
                "8 hours",
                "wiki/editor",
                "billing / pay / approve",
                " ",
                ""));
    Arbitrary<JsonNode> shapes =
        Arbitraries.oneOf(
            text.map(F::textNode),
            text.map(t -> (JsonNode) F.objectNode().put("value", t).put("id", "1")),
            text.map(
                t -> {
                  ObjectNode o = F.objectNode().put("value", "wiki");
                  o.putObject("child").put("value", t);
                  return (JsonNode) o;
                }),
            text.map(
                t -> {
                  var a = F.arrayNode();
                  a.addObject().put("value", t);
                  a.addObject().put("value", "wiki / edit");
                  return (JsonNode) a;
                }),
            Arbitraries.integers().map(i -> (JsonNode) F.numberNode(i)),
            Arbitraries.just(F.nullNode()),
            Arbitraries.just(F.arrayNode()),
            Arbitraries.just(F.objectNode()),
            Arbitraries.just(F.booleanNode(true)));
    return Arbitraries.oneOf(shapes.map(Optional::of), Arbitraries.just(Optional.empty()));
  }

  @Property(tries = 40)
  @Label("a form naming no catalog role never grants and is declined by one comment")
  void noRoleNeverGrants(
      @ForAll("anyValue") Optional<JsonNode> role,
      @ForAll("anyValue") Optional<JsonNode> application,
      @ForAll("anyValue") Optional<JsonNode> duration,
      @ForAll("anyValue") Optional<JsonNode> reason,
      @ForAll("anyValue") Optional<JsonNode> subject) {
    Assume.that(role.map(r -> !namesRole(r)).orElse(true));
    ObjectNode form = IntakeWorld.form("acc-bob", null, null);
    set(form, IntakeWorld.ROLE, role);
    set(form, IntakeWorld.APPLICATION, application);
    set(form, IntakeWorld.DURATION, duration);
    set(form, IntakeWorld.REASON, reason);
    set(form, IntakeWorld.SUBJECT, subject);
    String body = world.raise(form);
    String key = IntakeWorld.keyOf(body);

    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(world.deliver(body).outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(world.jira.flush(Fixtures.SETTLED)).isTrue();
    assertThat(world.records()).isEmpty();
    assertThat(world.declines(key)).hasSize(1);
    assertThat(world.emulator.status(key)).isEqualTo("Declined");
  }

  /** A duration as someone might write it, and what it means (null: no duration at all). */
  record Written(String text, @Nullable Duration means) {}

  @Provide
  Arbitrary<Written> durations() {
    Arbitrary<Written> spoken =
        Combinators.combine(
                Arbitraries.longs().between(0, 400),
                Arbitraries.of("minutes", "hour", "hours", "h", "day", "days", "d", "week", "w"))
            .as(
                (n, unit) ->
                    new Written(
                        n + " " + unit,
                        n == 0
                            ? null
                            : switch (unit.charAt(0)) {
                              case 'm' -> Duration.ofMinutes(n);
                              case 'h' -> Duration.ofHours(n);
                              case 'd' -> Duration.ofDays(n);
                              default -> Duration.ofDays(7 * n);
                            }));
    Arbitrary<Written> iso =
        Arbitraries.longs()
            .between(1, 400)
            .map(h -> new Written("PT" + h + "H", Duration.ofHours(h)));
    Arbitrary<Written> junk =
        Arbitraries.of("soon", "forever", "-1 days", "1.5 hours", "P", "PT", "1 fortnight", "∞")
            .map(t -> new Written(t, null));
    return Arbitraries.oneOf(spoken, iso, junk);
  }

  @Property(tries = 40)
  @Label("a duration is granted as written and within the role's window, or declined")
  void durationWithinWindow(@ForAll("durations") Written d) {
    String body = world.raise(IntakeWorld.form("acc-bob", "wiki / edit", d.text()));
    WebhookResult result = world.deliver(body);
    boolean fits =
        d.means() != null
            && d.means().compareTo(Duration.ofHours(1)) >= 0
            && d.means().compareTo(Duration.ofDays(7)) <= 0;
    if (fits) {
      assertThat(result.outcome()).isEqualTo(Outcome.REQUESTED);
      AccessRecord r = world.access.record(result.recordId());
      assertThat(r.duration()).isEqualTo(d.means());
      assertThat(r.state()).isEqualTo(RecordState.PENDING_APPROVAL);
      // Free the role for the next try.
      world.access.deny(r.id(), PersonId.of("carol"), "next try");
    } else {
      assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
      assertThat(world.records()).allMatch(r -> r.state() == RecordState.DENIED);
    }
  }

  private boolean namesRole(JsonNode v) {
    List<String> candidates = new java.util.ArrayList<>();
    if (v.isTextual() || v.isNumber()) {
      candidates.add(v.asText());
    } else if (v.isObject() && v.has("child")) {
      candidates.add(v.path("value").asText() + " / " + v.path("child").path("value").asText());
    } else if (v.isObject()) {
      candidates.add(v.path("value").asText());
    }
    return candidates.stream().anyMatch(c -> CatalogOptions.role(world.catalog, c).isPresent());
  }

  private static void set(ObjectNode form, String field, Optional<JsonNode> value) {
    if (value.isPresent()) {
      form.set(field, value.get());
    } else {
      form.remove(field);
    }
  }
}
