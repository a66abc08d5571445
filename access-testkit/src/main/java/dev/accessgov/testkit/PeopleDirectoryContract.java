package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PeopleDirectory} must do: the identity guarantee stated on the SPI. Subclass it
 * in your module's tests and return, from {@link #directoryOf}, a directory that holds exactly the
 * given people with their aliases (a directory backed by a remote system may map them onto its
 * fixtures).
 *
 * <p>The people: {@code bob} (aliases {@code Bob@Example.com} and {@code okta:00u-bob}, managed by
 * {@code carol}, a software engineer in Engineering, employee in Berlin), {@code carol} (alias
 * {@code carol@example.com}, no manager), {@code henry} (left the company, managed by carol).
 */
public abstract class PeopleDirectoryContract {

  /** A directory holding exactly {@code people}; a fresh one for each call. */
  protected abstract PeopleDirectory directoryOf(List<Person> people);

  private static final PersonId BOB = PersonId.of("bob");
  private static final PersonId CAROL = PersonId.of("carol");

  private static List<Person> company() {
    return List.of(
        new Person(
            BOB,
            "Bob",
            PersonId.of("carol@example.com"),
            true,
            "Engineering",
            "Software Engineer",
            Set.of("Bob@Example.com", "okta:00u-bob"),
            "Berlin",
            "employee"),
        new Person(CAROL, "Carol", null, true, null, null, Set.of("carol@example.com")),
        new Person(PersonId.of("henry"), "Henry", CAROL, false, null, null));
  }

  private PeopleDirectory directory() {
    return directoryOf(company());
  }

  @Test
  @DisplayName("a person is found by their id, with every field kept")
  void byId() {
    Person bob = directory().find(BOB).orElseThrow();
    assertThat(bob.id()).isEqualTo(BOB);
    assertThat(bob.displayName()).isEqualTo("Bob");
    assertThat(bob.active()).isTrue();
    assertThat(bob.aliases()).containsExactlyInAnyOrder("bob@example.com", "okta:00u-bob");
    assertThat(bob.department()).isEqualTo("Engineering");
    assertThat(bob.title()).isEqualTo("Software Engineer");
    assertThat(bob.location()).isEqualTo("Berlin");
    assertThat(bob.employmentType()).isEqualTo("employee");
  }

  @Test
  @DisplayName("every alias resolves to the same person, whose id is the canonical one")
  void byAlias() {
    PeopleDirectory d = directory();
    for (String alias : List.of("Bob@Example.com", "okta:00u-bob")) {
      assertThat(d.find(PersonId.of(alias)).map(Person::id)).contains(BOB);
      assertThat(d.resolve(alias).map(Person::id)).contains(BOB);
    }
  }

  @Property(tries = 50)
  @Label("case and surrounding whitespace do not matter")
  void anySpelling(@ForAll("spellings") String spelling) {
    assertThat(directory().resolve(spelling).map(Person::id)).contains(BOB);
  }

  @Provide
  Arbitrary<String> spellings() {
    Arbitrary<String> identifier = Arbitraries.of("bob", "bob@example.com", "okta:00u-bob");
    Arbitrary<String> pad = Arbitraries.of("", " ", "\t", "  \n");
    return identifier
        .flatMap(
            id ->
                Arbitraries.integers()
                    .between(0, (1 << id.length()) - 1)
                    .map(mask -> flipCase(id, mask)))
        .flatMap(s -> pad.flatMap(left -> pad.map(right -> left + s + right)));
  }

  private static String flipCase(String s, int mask) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append((mask >> i & 1) == 1 ? Character.toUpperCase(c) : c);
    }
    return b.toString();
  }

  @Test
  @DisplayName("a directory that lists its people lists each once, as find returns them")
  void listing() {
    PeopleDirectory d = directory();
    List<Person> listed;
    try (var people = d.people()) {
      listed = people.toList();
    }
    org.junit.jupiter.api.Assumptions.assumeFalse(listed.isEmpty(), "this directory does not list");
    assertThat(listed).extracting(Person::id).doesNotHaveDuplicates();
    assertThat(listed)
        .extracting(Person::id)
        .containsExactlyInAnyOrder(BOB, CAROL, PersonId.of("henry"));
    for (Person p : listed) {
      assertThat(d.find(p.id())).contains(p);
    }
  }

  @Test
  @DisplayName("an unknown or blank identifier finds nobody")
  void unknown() {
    PeopleDirectory d = directory();
    assertThat(d.find(PersonId.of("zoe"))).isEmpty();
    assertThat(d.resolve("zoe@example.com")).isEmpty();
    assertThat(d.resolve("  ")).isEmpty();
    assertThat(d.managerOf(PersonId.of("zoe"))).isEmpty();
  }

  @Test
  @DisplayName("a person who left is still found, marked inactive")
  void inactive() {
    Optional<Person> henry = directory().resolve(" HENRY ");
    assertThat(henry).isPresent();
    assertThat(henry.orElseThrow().active()).isFalse();
  }

  @Test
  @DisplayName("a manager is reported by canonical id, whoever asks and however named")
  void manager() {
    PeopleDirectory d = directory();
    assertThat(d.managerOf(BOB)).contains(CAROL);
    assertThat(d.managerOf(PersonId.of("OKTA:00U-BOB"))).contains(CAROL);
    assertThat(d.managerOf(PersonId.of("henry"))).contains(CAROL);
    assertThat(d.managerOf(CAROL)).isEmpty();
  }

  @Test
  @DisplayName("no identifier names two people")
  void oneIdentifierOnePerson() {
    PeopleDirectory d = directory();
    for (Person p : company()) {
      for (String identifier : p.identifiers()) {
        assertThat(d.resolve(identifier).map(Person::id)).as(identifier).contains(p.id());
      }
    }
  }
}
