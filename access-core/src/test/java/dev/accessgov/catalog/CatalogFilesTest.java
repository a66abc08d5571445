package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.PersonId;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("CatalogFiles reads a catalog from YAML or JSON")
class CatalogFilesTest {
  static final String EXAMPLE = "example-catalog.yaml";

  /** The catalog of example-catalog.yaml, built in Java. */
  static Catalog exampleInJava() {
    return Catalog.builder()
        .application(
            Application.builder("github")
                .name("GitHub")
                .owner("olivia")
                .role(Role.builder("github/read").name("Read code").group("okta", "gh-read"))
                .role(
                    Role.builder("github/admin")
                        .name("Organisation admin")
                        .tier(RiskTier.PRIVILEGED)
                        .group("okta", "gh-admin")
                        .group("entra", "6f1c2a9e-admin")
                        .approval(
                            ApprovalPolicy.of(ApprovalStep.manager(), ApprovalStep.appOwner()))
                        .expiry(
                            ExpiryPolicy.required(
                                Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8)))
                        .maxLifetime(Duration.ofHours(72))))
        .application(
            Application.builder("payroll")
                .name("Payroll")
                .owner("priya")
                .role(
                    Role.builder("payroll/approve")
                        .name("Approve pay runs")
                        .tier(RiskTier.SENSITIVE)
                        .group("okta", "payroll-approvers")
                        .approval(
                            ApprovalPolicy.of(
                                ApprovalStep.manager(),
                                ApprovalStep.quorum(
                                    2,
                                    PersonId.of("carol"),
                                    PersonId.of("dave"),
                                    PersonId.of("erin")))))
                .role(
                    Role.builder("payroll/submit")
                        .tier(RiskTier.SENSITIVE)
                        .group("okta", "payroll-submitters"))
                .role(
                    Role.builder("payroll/break-glass")
                        .tier(RiskTier.EMERGENCY)
                        .group("okta", "payroll-emergency")
                        .approval(ApprovalPolicy.automatic())
                        .expiry(
                            ExpiryPolicy.required(
                                Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(2))))
                .role(
                    Role.builder("payroll/reports")
                        .group("google", "payroll-reports@example.com")
                        .expiry(ExpiryPolicy.none())))
        .sodRule(
            SodRule.refuse(
                "submit-vs-approve", RoleId.of("payroll/submit"), RoleId.of("payroll/approve")))
        .sodRule(
            SodRule.requireApproval(
                "admin-with-payroll",
                ApprovalStep.anyOf(PersonId.of("ciso")),
                RoleId.of("github/admin"),
                RoleId.of("payroll/approve")))
        .birthright(BirthrightRule.builder("everyone-reads-code").role("github/read").everyone())
        .birthright(
            BirthrightRule.builder("payroll-team-reports")
                .role("payroll/reports")
                .department("Payroll", "Finance")
                .employmentType("employee")
                .approval(BirthrightApproval.APPLICATION_OWNER))
        .build();
  }

  static String example() throws IOException {
    try (InputStream in = CatalogFilesTest.class.getResourceAsStream(EXAMPLE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Two catalogs are equal when their applications (with roles), SoD rules and birthright rules
   * are.
   */
  static void assertSame(Catalog actual, Catalog expected) {
    assertThat(List.copyOf(actual.applications()))
        .containsExactlyElementsOf(List.copyOf(expected.applications()));
    assertThat(actual.sodRules()).containsExactlyElementsOf(expected.sodRules());
    assertThat(actual.birthrights()).containsExactlyElementsOf(expected.birthrights());
  }

  @Test
  @DisplayName("the example file builds the same catalog as the Java builders")
  void exampleFile() throws IOException, URISyntaxException {
    Path file = Path.of(CatalogFilesTest.class.getResource(EXAMPLE).toURI());

    assertSame(CatalogFiles.load(file), exampleInJava());
  }

  @Test
  @DisplayName("written as YAML and as JSON, a catalog loads back equal, from files and readers")
  void writeAndLoad(@TempDir Path dir) throws IOException {
    Catalog catalog = exampleInJava();
    for (CatalogFiles.Format format : CatalogFiles.Format.values()) {
      StringWriter out = new StringWriter();
      CatalogFiles.write(catalog, out, format);
      Path file = dir.resolve("catalog." + format.name().toLowerCase());
      Files.writeString(file, out.toString());

      assertSame(CatalogFiles.load(file), catalog);
      assertSame(CatalogFiles.read(new StringReader(out.toString()), "catalog." + format), catalog);
    }
  }

  @Test
  @DisplayName("a .yml file is YAML, and YAML reads JSON too")
  void extensions(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("c.yml"), example());
    assertSame(CatalogFiles.load(dir.resolve("c.yml")), exampleInJava());

    StringWriter json = new StringWriter();
    CatalogFiles.write(exampleInJava(), json, CatalogFiles.Format.JSON);
    assertSame(
        CatalogFiles.read(new StringReader(json.toString()), "inline", CatalogFiles.Format.YAML),
        exampleInJava());
  }

  @Test
  @DisplayName("a file of another extension, or none, is refused saying which are known")
  void unknownExtension(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("catalog.txt"), example());

    assertThatThrownBy(() -> CatalogFiles.load(dir.resolve("catalog.txt")))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining(".yaml, .yml (YAML) or .json (JSON)");
  }

  @Test
  @DisplayName("a missing file is a configuration error naming it")
  void missingFile(@TempDir Path dir) {
    assertThatThrownBy(() -> CatalogFiles.load(dir.resolve("nope.yaml")))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("cannot read the catalog file")
        .hasMessageContaining("nope.yaml");
  }
}
