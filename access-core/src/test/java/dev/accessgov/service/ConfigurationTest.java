package dev.accessgov.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.InputLimits;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.time.TestClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("configuration mistakes stop the application at build time")
class ConfigurationTest {
  private final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");

  private static Catalog catalogUsing(String provider) {
    return Catalog.builder()
        .application(
            Application.builder("github")
                .owner("olivia")
                .role(Role.builder("github/read").group(provider, "gh-read")))
        .build();
  }

  @Test
  @DisplayName("a catalog naming a provider that was not added")
  void unknownProvider() {
    assertThatThrownBy(
            () ->
                AccessService.builder()
                    .catalog(catalogUsing("entra"))
                    .identityProvider(new InMemoryIdentityProvider("okta", clock))
                    .peopleDirectory(new InMemoryPeopleDirectory())
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("entra")
        .hasMessageContaining("okta");
  }

  @Test
  @DisplayName("a missing catalog, people directory or identity provider")
  void missingParts() {
    assertThatThrownBy(() -> AccessService.builder().build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("catalog");
    assertThatThrownBy(() -> AccessService.builder().catalog(catalogUsing("okta")).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("people directory");
    assertThatThrownBy(
            () ->
                AccessService.builder()
                    .catalog(catalogUsing("okta"))
                    .peopleDirectory(new InMemoryPeopleDirectory())
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("identity provider");
  }

  @Test
  @DisplayName("two providers with one id")
  void duplicateProvider() {
    assertThatThrownBy(
            () ->
                AccessService.builder()
                    .identityProvider(new InMemoryIdentityProvider("okta", clock))
                    .identityProvider(new InMemoryIdentityProvider("okta", clock)))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("okta");
  }

  @Test
  @DisplayName("a role with no group")
  void roleWithoutGroup() {
    assertThatThrownBy(
            () ->
                Application.builder("github")
                    .owner("olivia")
                    .role(Role.builder("github/read"))
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("github/read");
  }

  @Test
  @DisplayName("a privileged role that allows open-ended access")
  void privilegedWithoutExpiry() {
    assertThatThrownBy(
            () ->
                Application.builder("github")
                    .owner("olivia")
                    .role(
                        Role.builder("github/admin")
                            .tier(RiskTier.PRIVILEGED)
                            .expiry(ExpiryPolicy.none())
                            .group("okta", "gh"))
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("github/admin")
        .hasMessageContaining("PRIVILEGED");
  }

  @Test
  @DisplayName("an application without an owner, or added twice")
  void applicationMistakes() {
    assertThatThrownBy(
            () -> Application.builder("github").role(Role.builder("r").group("okta", "g")).build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("owner");
    Application app =
        Application.builder("github").owner("o").role(Role.builder("r").group("okta", "g")).build();
    assertThatThrownBy(() -> Catalog.builder().application(app).application(app))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("github");
  }

  @Test
  @DisplayName("a role id used by two applications")
  void duplicateRoleIds() {
    assertThatThrownBy(
            () ->
                Catalog.builder()
                    .application(
                        Application.builder("a")
                            .owner("o")
                            .role(Role.builder("shared").group("okta", "g1")))
                    .application(
                        Application.builder("b")
                            .owner("o")
                            .role(Role.builder("shared").group("okta", "g2")))
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("shared");
  }

  @Test
  @DisplayName("a SoD rule naming a role the catalog does not have")
  void sodWithUnknownRole() {
    assertThatThrownBy(
            () ->
                Catalog.builder()
                    .application(
                        Application.builder("a")
                            .owner("o")
                            .role(Role.builder("a/r").group("okta", "g1")))
                    .sodRule(SodRule.refuse("x", RoleId.of("a/r"), RoleId.of("b/missing")))
                    .build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("b/missing");
  }

  @Test
  @DisplayName("a sweep parallelism below one")
  void sweepParallelism() {
    assertThatThrownBy(() -> AccessService.builder().sweepParallelism(0))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("sweepParallelism");
  }

  @Test
  @DisplayName("a role, group, application or owner id that no request could name")
  void unusableIds() {
    assertThatThrownBy(() -> Role.builder("github/\u0000admin"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("role id");
    assertThatThrownBy(() -> Role.builder("r".repeat(257)))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("at most 256");
    assertThatThrownBy(() -> Role.builder("a/r").group("okta", "g\uD800"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("lone surrogate");
    assertThatThrownBy(() -> Application.builder("app\n"))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("application id");
    assertThatThrownBy(() -> Application.builder("a").owner(" "))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("person id");
  }

  @Test
  @DisplayName("a text limit outside 1 to 65,536 characters")
  void textLimit() {
    assertThatThrownBy(() -> new InputLimits(0))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("maxTextLength");
    assertThatThrownBy(() -> new InputLimits(65_537))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("65536");
  }
}
