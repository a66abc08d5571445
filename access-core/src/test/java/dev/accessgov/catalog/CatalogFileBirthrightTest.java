package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import java.io.StringReader;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Birthright rules in a catalog file")
class CatalogFileBirthrightTest {
  /** A valid application, lines 1 to 8 of every document below. */
  private static final String APP =
      String.join(
          "\n",
          "applications:", // 1
          "  - id: github", // 2
          "    owner: olivia", // 3
          "    roles:", // 4
          "      - id: github/read", // 5
          "        groups:", // 6
          "          - provider: okta", // 7
          "            group: gh-read", // 8
          "birthrights:", // 9
          "");

  private static CatalogFileException error(String document) {
    return catchThrowableOfType(
        CatalogFileException.class,
        () -> CatalogFiles.read(new StringReader(document), "catalog.yaml"));
  }

  @Test
  @DisplayName("take a single value or a list for each attribute, and automatic by default")
  void read() {
    Catalog catalog =
        CatalogFiles.read(
            new StringReader(
                APP
                    + "  - name: eng\n"
                    + "    role: github/read\n"
                    + "    when: {department: engineering, location: [Berlin, Paris]}\n"),
            "catalog.yaml");

    BirthrightRule rule = catalog.birthrights().get(0);
    assertThat(rule.approval()).isEqualTo(BirthrightApproval.AUTOMATIC);
    Person nina =
        new Person(
            PersonId.of("nina"), "Nina", null, true, "Engineering", null, Set.of(), "Paris", null);
    assertThat(catalog.birthrightRolesFor(nina)).containsExactly(RoleId.of("github/read"));
  }

  @Test
  @DisplayName("without a condition or everyone: true are refused at the rule")
  void noCondition() {
    CatalogFileException e = error(APP + "  - name: all\n    role: github/read\n");

    assertThat(e.line()).isEqualTo(10);
    assertThat(e.problem()).contains("would give github/read to everyone").contains("everyone()");
  }

  @Test
  @DisplayName("naming an unknown role are refused at the role, listing the known ones")
  void unknownRole() {
    CatalogFileException e =
        error(APP + "  - name: all\n    role: jira/user\n    everyone: true\n");

    assertThat(e.line()).isEqualTo(11);
    assertThat(e.problem())
        .isEqualTo(
            "birthright rule 'all' names unknown role jira/user; the catalog's roles are"
                + " [github/read]");
  }

  @Test
  @DisplayName("with an unknown attribute list the accepted ones")
  void unknownAttribute() {
    CatalogFileException e =
        error(APP + "  - name: g\n    role: github/read\n    when: {grade: senior}\n");

    assertThat(e.line()).isEqualTo(12);
    assertThat(e.problem())
        .contains("unknown key 'grade'")
        .contains("department, title, location, employmentType");
  }

  @Test
  @DisplayName("with an unknown approval list the accepted ones")
  void unknownApproval() {
    CatalogFileException e =
        error(
            APP
                + "  - name: g\n    role: github/read\n    everyone: true\n    approval: manager\n");

    assertThat(e.line()).isEqualTo(13);
    assertThat(e.problem())
        .contains("unknown birthright approval 'manager'")
        .contains("automatic, application-owner, role-policy");
  }

  @Test
  @DisplayName("with a name used twice are refused at the second")
  void duplicateName() {
    CatalogFileException e =
        error(
            APP
                + "  - {name: g, role: github/read, everyone: true}\n" // 10
                + "  - {name: g, role: github/read, when: {title: boss}}\n"); // 11

    assertThat(e.line()).isEqualTo(11);
    assertThat(e.problem()).contains("'g' is defined twice (first at line 10)");
  }
}
