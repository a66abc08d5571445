package dev.accessgov.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.record.PersonId;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A person's directory attributes")
class PersonTest {
  private static final Person NINA =
      new Person(
          PersonId.of("nina"),
          "Nina",
          PersonId.of("carol"),
          true,
          "engineering",
          "engineer",
          Set.of("nina@example.com"),
          "Berlin",
          "contractor");

  @Test
  @DisplayName("are kept by withActive, withAliases and withManager")
  void kept() {
    Person changed = NINA.withActive(false).withAliases(Set.of("n@example.com")).withManager(null);

    assertThat(changed.location()).isEqualTo("Berlin");
    assertThat(changed.employmentType()).isEqualTo("contractor");
    assertThat(changed.department()).isEqualTo("engineering");
    assertThat(changed.title()).isEqualTo("engineer");
    assertThat(changed.manager()).isNull();
  }

  @Test
  @DisplayName("are read and changed one at a time by attribute")
  void byAttribute() {
    for (PersonAttribute a : PersonAttribute.values()) {
      Person moved = NINA.with(a, "x");
      assertThat(moved.attribute(a)).isEqualTo("x");
      for (PersonAttribute other : PersonAttribute.values()) {
        if (other != a) {
          assertThat(moved.attribute(other)).isEqualTo(NINA.attribute(other));
        }
      }
    }
    assertThat(PersonAttribute.ofKey("employmenttype")).isEqualTo(PersonAttribute.EMPLOYMENT_TYPE);
    assertThatThrownBy(() -> PersonAttribute.ofKey("grade"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("employmentType");
  }

  @Test
  @DisplayName("are absent for the shorter constructors")
  void absent() {
    Person p = new Person(PersonId.of("p"), "P", null, true, "d", "t");
    assertThat(p.location()).isNull();
    assertThat(p.employmentType()).isNull();
    assertThat(Person.of("q", null).location()).isNull();
  }

  @Test
  @DisplayName("are held by the in-memory directory, and changed there by update")
  void inMemory() {
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory().put(NINA);

    people.update("nina@example.com", p -> p.with(PersonAttribute.DEPARTMENT, "finance"));

    Person found = people.find(PersonId.of("nina")).orElseThrow();
    assertThat(found.department()).isEqualTo("finance");
    assertThat(found.location()).isEqualTo("Berlin");
    assertThat(found.employmentType()).isEqualTo("contractor");
  }
}
