package dev.accessgov.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.NotFoundException;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import dev.accessgov.testkit.PeopleDirectoryContract;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("InMemoryPeopleDirectory")
class InMemoryPeopleDirectoryTest extends PeopleDirectoryContract {

  @Override
  protected PeopleDirectory directoryOf(List<Person> people) {
    InMemoryPeopleDirectory d = new InMemoryPeopleDirectory();
    people.forEach(d::put);
    return d;
  }

  @Test
  @DisplayName("refuses an alias that already names someone else, naming both")
  void aliasOfSomeoneElse() {
    InMemoryPeopleDirectory d =
        new InMemoryPeopleDirectory().add("bob", null).add("carol", null).alias("bob", "b@x.io");
    assertThatThrownBy(() -> d.alias("carol", " B@X.io"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("b@x.io")
        .hasMessageContaining("bob")
        .hasMessageContaining("carol");
    assertThatThrownBy(() -> d.alias("carol", "BOB"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("bob");
    assertThatThrownBy(() -> d.add("B@X.IO", null))
        .isInstanceOf(AccessConfigurationException.class);
    assertThat(d.resolve("b@x.io").map(Person::id)).contains(PersonId.of("bob"));
    assertThat(d.find(PersonId.of("carol")).orElseThrow().aliases()).isEmpty();
  }

  @Test
  @DisplayName("replacing a person drops their old aliases; deactivating keeps them")
  void replace() {
    InMemoryPeopleDirectory d = new InMemoryPeopleDirectory().add("bob", null).alias("bob", "b@x");
    d.deactivate("B@X");
    assertThat(d.resolve("b@x").map(Person::active)).contains(false);
    d.add("bob", null);
    assertThat(d.resolve("b@x")).isEmpty();
    assertThatThrownBy(() -> d.alias("zoe", "z@x"))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("zoe");
  }
}
