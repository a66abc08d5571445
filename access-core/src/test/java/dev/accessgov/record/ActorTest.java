package dev.accessgov.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("An actor and its form in evidence")
class ActorTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "person:bob",
        "person:olivia@example.com",
        "person:Bob Smith",
        "system:expiry",
        "system:policy",
        "system:provisioner",
        "system:reclaim",
        "system:reconcile",
        "system:recovery",
        "system:review",
        "system:review-deadline",
        "system:jira",
        "system:okta"
      })
  @DisplayName("every actor the library writes reads back and writes the same text")
  void roundTrip(String written) {
    assertThat(Actor.parse(written).toString()).isEqualTo(written);
  }

  @Test
  @DisplayName("a person and a service are told apart, and equal when their ids are")
  void kinds() {
    assertThat(Actor.parse("person:bob")).isEqualTo(Actor.person(PersonId.of("bob")));
    assertThat(Actor.parse("person:bob")).isEqualTo(PersonId.of("bob").asActor());
    assertThat(Actor.parse("system:jira")).isEqualTo(Actor.service("jira"));
    assertThat(Actor.parse("person:jira")).isNotEqualTo(Actor.service("jira"));
    assertThat(Actor.person(PersonId.of("bob")).toString()).isEqualTo("person:bob");
    assertThat(Actor.service("expiry").toString()).isEqualTo("system:expiry");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"mallory", "person:", "system:", "system:two words", "admin:root", ""})
  @DisplayName("any other text is refused with a message naming what is accepted")
  void refused(String text) {
    assertThatThrownBy(() -> Actor.parse(text)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  @DisplayName("the message of an unknown form names the text and the two forms")
  void message() {
    assertThatThrownBy(() -> Actor.parse("mallory"))
        .hasMessage("actor 'mallory' must be person:<id> or system:<name>");
  }
}
