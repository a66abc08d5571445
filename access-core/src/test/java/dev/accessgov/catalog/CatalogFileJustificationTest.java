package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.RiskTier;
import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Justification rules in catalog files")
class CatalogFileJustificationTest {
  private static final String DOC =
      String.join(
          "\n",
          "justification:", // 1
          "  minLength: 10", // 2
          "tierJustification:", // 3
          "  PRIVILEGED:", // 4
          "    minLength: 20", // 5
          "    ticketPattern: '[A-Z][A-Z0-9]+-\\d+'", // 6
          "applications:", // 7
          "  - id: github", // 8
          "    owner: olivia", // 9
          "    roles:", // 10
          "      - id: github/admin", // 11
          "        tier: PRIVILEGED", // 12
          "        groups:", // 13
          "          - provider: okta", // 14
          "            group: gh-admin", // 15
          "        justification:", // 16
          "          minLength: 30", // 17
          "          ticketPattern: 'OPS-\\d+'", // 18
          "          requireOpenTicket: true", // 19
          "      - id: github/read", // 20
          "        groups:", // 21
          "          - provider: okta", // 22
          "            group: gh-read", // 23
          "birthrights:", // 24
          "  - name: everyone-reads-code", // 25
          "    role: github/read", // 26
          "    everyone: true", // 27
          "");

  @Test
  @DisplayName("withJustification replaces only the catalog-wide default, keeping birthrights")
  void withJustification() {
    Catalog c = CatalogFiles.read(new StringReader(DOC), "catalog.yaml");
    Catalog stricter = c.withJustification(JustificationRule.minLength(15));

    assertThat(stricter.defaultJustification()).isEqualTo(JustificationRule.minLength(15));
    assertThat(stricter.justification(stricter.requireRole(RoleId.of("github/read"))))
        .isEqualTo(JustificationRule.minLength(15));
    assertThat(stricter.tierJustification()).isEqualTo(c.tierJustification());
    assertThat(stricter.roles()).containsExactlyElementsOf(c.roles());
    assertThat(stricter.applications()).containsExactlyElementsOf(c.applications());
    assertThat(stricter.birthrights()).hasSize(1).containsExactlyElementsOf(c.birthrights());
    assertThat(c.defaultJustification()).isEqualTo(JustificationRule.minLength(10));

    Catalog noTierRules =
        Catalog.builder()
            .application(c.applications().iterator().next())
            .build()
            .withJustification(JustificationRule.minLength(15));
    assertThat(noTierRules.tierJustification()).isEmpty();
  }

  @Test
  @DisplayName("catalog default, tier rules and role rules load, and resolve role over tier")
  void loads() {
    Catalog c = CatalogFiles.read(new StringReader(DOC), "catalog.yaml");
    assertThat(c.defaultJustification()).isEqualTo(JustificationRule.minLength(10));
    assertThat(c.tierJustification().get(RiskTier.PRIVILEGED))
        .isEqualTo(JustificationRule.minLength(20).withTicket(JustificationRule.JIRA_KEY));
    assertThat(c.justification(c.requireRole(RoleId.of("github/admin"))))
        .isEqualTo(new JustificationRule(30, "OPS-\\d+", true));
    assertThat(c.justification(c.requireRole(RoleId.of("github/read"))))
        .isEqualTo(JustificationRule.minLength(10));
  }

  @Test
  @DisplayName("written as YAML and JSON, the rules load back equal")
  void roundTrip() {
    Catalog c = CatalogFiles.read(new StringReader(DOC), "catalog.yaml");
    for (CatalogFiles.Format format : CatalogFiles.Format.values()) {
      StringWriter out = new StringWriter();
      CatalogFiles.write(c, out, format);
      Catalog back = CatalogFiles.read(new StringReader(out.toString()), "c", format);
      CatalogFilesTest.assertSame(back, c);
      assertThat(back.defaultJustification()).isEqualTo(c.defaultJustification());
      assertThat(back.tierJustification()).isEqualTo(c.tierJustification());
    }
  }

  @Test
  @DisplayName("a bad pattern is reported at its line and column")
  void badPattern() {
    CatalogFileException e =
        catchThrowableOfType(
            CatalogFileException.class,
            () ->
                CatalogFiles.read(
                    new StringReader(DOC.replace("'OPS-\\d+'", "'OPS-[\\d+'")), "catalog.yaml"));
    assertThat(e.line()).isEqualTo(18);
    assertThat(e.column()).isEqualTo(26);
    assertThat(e).hasMessageContaining("not a valid regular expression");
  }

  @Test
  @DisplayName("an unknown key and an unknown tier are refused naming the accepted ones")
  void unknownKeys() {
    CatalogFileException key =
        catchThrowableOfType(
            CatalogFileException.class,
            () ->
                CatalogFiles.read(
                    new StringReader(DOC.replace("minLength: 30", "minLen: 30")), "catalog.yaml"));
    assertThat(key.line()).isEqualTo(17);
    assertThat(key).hasMessageContaining("minLength");
    CatalogFileException tier =
        catchThrowableOfType(
            CatalogFileException.class,
            () ->
                CatalogFiles.read(
                    new StringReader(DOC.replace("  PRIVILEGED:", "  ROOT:")), "catalog.yaml"));
    assertThat(tier.line()).isEqualTo(4);
    assertThat(tier).hasMessageContaining("PRIVILEGED");
  }
}
