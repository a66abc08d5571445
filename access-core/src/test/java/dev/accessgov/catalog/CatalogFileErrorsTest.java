package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("A mistake in a catalog file is reported at its file, line and column")
class CatalogFileErrorsTest {
  /** A valid application, lines 2 to 8 of every document below that starts with it. */
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
          "");

  private static CatalogFileException error(String source, String document) {
    return catchThrowableOfType(
        CatalogFileException.class, () -> CatalogFiles.read(new StringReader(document), source));
  }

  private static CatalogFileException error(String document) {
    return error("catalog.yaml", document);
  }

  @Nested
  @DisplayName("malformed documents")
  class Malformed {
    @Test
    @DisplayName("broken YAML names the line the parser stopped at")
    void yaml() {
      CatalogFileException e = error(APP + "      - id: [unclosed\n");

      assertThat(e.source()).isEqualTo("catalog.yaml");
      assertThat(e.line()).isBetween(9, 10);
      assertThat(e.getMessage()).startsWith("catalog.yaml:").contains("not valid YAML");
    }

    @Test
    @DisplayName("broken JSON names its line")
    void json() {
      CatalogFileException e =
          error("catalog.json", "{\n  \"applications\": [\n    {\"id\": \"github\",,}\n  ]\n}");

      assertThat(e.line()).isEqualTo(3);
      assertThat(e.getMessage()).contains("not valid JSON");
    }

    @Test
    @DisplayName("a key given twice is refused at the second")
    void duplicateKey() {
      CatalogFileException e = error(APP + "        tier: STANDARD\n        tier: SENSITIVE\n");

      assertThat(e.line()).isEqualTo(10);
      assertThat(e.problem()).contains("Duplicate field 'tier'");
    }
  }

  @Test
  @DisplayName("an unknown key lists the accepted ones")
  void unknownKey() {
    CatalogFileException e = error(APP + "        teir: PRIVILEGED\n");

    assertThat(e.line()).isEqualTo(9);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.problem())
        .isEqualTo(
            "unknown key 'teir' in a role of application github; accepted keys: id, name, groups,"
                + " tier, approval, expiry, maxLifetime, justification");
  }

  @Test
  @DisplayName("a value of the wrong type says which type is expected")
  void wrongType() {
    CatalogFileException e = error(APP.replace("    owner: olivia", "    owner: [olivia]"));

    assertThat(e.line()).isEqualTo(3);
    assertThat(e.problem()).isEqualTo("owner of application github must be a text, not a list");
  }

  @Test
  @DisplayName("a missing required field says which, at the element lacking it")
  void missingField() {
    CatalogFileException e = error(APP.replace("    owner: olivia\n", ""));

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.problem()).isEqualTo("application github has no 'owner'; add it");
  }

  @Test
  @DisplayName("a bad duration asks for ISO-8601 with examples")
  void badDuration() {
    CatalogFileException e = error(APP + "        expiry: {required: true, maximum: 8h}\n");

    assertThat(e.line()).isEqualTo(9);
    assertThat(e.problem())
        .contains("maximum of the expiry of role github/read '8h' is not a duration")
        .contains("ISO-8601, e.g. PT15M (15 minutes), PT8H (8 hours)");
  }

  @Test
  @DisplayName("an unknown tier lists the accepted ones")
  void unknownTier() {
    CatalogFileException e = error(APP + "        tier: CRITICAL\n");

    assertThat(e.line()).isEqualTo(9);
    assertThat(e.problem())
        .isEqualTo("unknown tier 'CRITICAL'; accepted: STANDARD, SENSITIVE, PRIVILEGED, EMERGENCY");
  }

  @Test
  @DisplayName("an unknown approval step lists the accepted ones")
  void unknownStep() {
    CatalogFileException e = error(APP + "        approval: [manager, owner]\n");

    assertThat(e.line()).isEqualTo(9);
    assertThat(e.problem()).contains("unknown approval step 'owner'; accepted: auto, manager");
  }

  @Nested
  @DisplayName("what the catalog builder refuses, at the offending element")
  class Semantic {
    @Test
    @DisplayName("a role id used twice, at the second")
    void duplicateRole() {
      CatalogFileException e =
          error(
              APP
                  + "  - id: gitlab\n" // 9
                  + "    owner: olivia\n" // 10
                  + "    roles:\n" // 11
                  + "      - id: github/read\n" // 12
                  + "        groups: [{provider: okta, group: gl}]\n");

      assertThat(e.line()).isEqualTo(12);
      assertThat(e.problem())
          .isEqualTo(
              "role id github/read is used twice (first at line 5); role ids must be unique"
                  + " across the catalog");
    }

    @Test
    @DisplayName("an application id used twice, at the second")
    void duplicateApplication() {
      CatalogFileException e =
          error(
              APP
                  + "  - id: github\n" // 9
                  + "    owner: olivia\n"
                  + "    roles: [{id: github/write, groups: [{provider: okta, group: w}]}]\n");

      assertThat(e.line()).isEqualTo(9);
      assertThat(e.problem()).contains("application github is defined twice (first at line 2)");
    }

    @Test
    @DisplayName("a SoD rule naming an unknown role, at that role")
    void sodUnknownRole() {
      CatalogFileException e =
          error(
              APP
                  + "sodRules:\n" // 9
                  + "  - name: r\n" // 10
                  + "    roles:\n" // 11
                  + "      - github/read\n" // 12
                  + "      - github/admn\n" // 13
                  + "    action: REFUSE\n");

      assertThat(e.line()).isEqualTo(13);
      assertThat(e.problem())
          .isEqualTo(
              "SoD rule 'r' names unknown role github/admn; the catalog's roles are [github/read]");
    }

    @Test
    @DisplayName("a privileged role whose expiry allows open-ended access, at the role")
    void privilegedOpenEnded() {
      CatalogFileException e = error(APP + "        tier: PRIVILEGED\n        expiry: none\n");

      assertThat(e.line()).isEqualTo(5);
      assertThat(e.problem())
          .contains(
              "role github/read is PRIVILEGED but its expiry policy allows open-ended access");
    }

    @Test
    @DisplayName("an expiry whose minimum exceeds its maximum, at the expiry")
    void expiryOutOfOrder() {
      CatalogFileException e =
          error(
              APP
                  + "        expiry:\n          required: true\n          minimum: P2D\n"
                  + "          maximum: P1D\n");

      assertThat(e.line()).isEqualTo(10);
      assertThat(e.problem()).isEqualTo("minimum PT48H exceeds maximum PT24H");
    }

    @Test
    @DisplayName("a quorum larger than its approvers, at the step")
    void quorumTooLarge() {
      CatalogFileException e =
          error(APP + "        approval:\n          - quorum: 3\n            approvers: [a, b]\n");

      assertThat(e.line()).isEqualTo(10);
      assertThat(e.problem()).isEqualTo("quorum 3 must be between 1 and the 2 approvers");
    }

    @Test
    @DisplayName("an EXTRA_APPROVAL rule without its extra step, at the rule")
    void extraStepMissing() {
      CatalogFileException e =
          error(
              APP.replace(
                      "            group: gh-read\n",
                      "            group: gh-read\n"
                          + "      - id: github/write\n" // 9
                          + "        groups: [{provider: okta, group: w}]\n") // 10
                  + "sodRules:\n" // 11
                  + "  - name: r\n" // 12
                  + "    roles: [github/read, github/write]\n"
                  + "    action: EXTRA_APPROVAL\n");

      assertThat(e.line()).isEqualTo(12);
      assertThat(e.problem())
          .contains("an extra step is given exactly when the action is EXTRA_APPROVAL");
    }

    @Test
    @DisplayName("an empty catalog, at its start")
    void empty() {
      CatalogFileException e = error("applications: []\n");

      assertThat(e.line()).isEqualTo(1);
      assertThat(e.problem()).isEqualTo("the catalog has no application; add one");
    }
  }
}
