package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Birthright rules")
class BirthrightRuleTest {
  private static final Person ENGINEER_BERLIN =
      new Person(
          PersonId.of("nina"),
          "Nina",
          PersonId.of("carol"),
          true,
          "Engineering",
          "Software Engineer",
          Set.of(),
          "Berlin",
          "employee");

  private static Catalog catalog(BirthrightRule.Builder... rules) {
    Catalog.Builder b =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(Role.builder("github/read").group("okta", "gh-read"))
                    .role(Role.builder("github/admin").group("okta", "gh-admin")))
            .application(
                Application.builder("wiki")
                    .owner("olivia")
                    .role(Role.builder("wiki/read").group("okta", "wiki")));
    for (BirthrightRule.Builder r : rules) {
      b.birthright(r);
    }
    return b.build();
  }

  @Nested
  @DisplayName("match a person")
  class Matching {
    @Test
    @DisplayName("when every named attribute has one of the rule's values, ignoring case")
    void allConditions() {
      BirthrightRule rule =
          BirthrightRule.builder("eng")
              .role("github/read")
              .department("engineering")
              .location("Paris", " berlin ")
              .build();

      assertThat(rule.matches(ENGINEER_BERLIN)).isTrue();
      assertThat(rule.matches(ENGINEER_BERLIN.with(PersonAttribute.LOCATION, "Madrid"))).isFalse();
    }

    @Test
    @DisplayName("not when the person has no value for a named attribute")
    void missingAttribute() {
      BirthrightRule rule =
          BirthrightRule.builder("contractors")
              .role("wiki/read")
              .employmentType("contractor")
              .build();

      assertThat(rule.matches(ENGINEER_BERLIN.with(PersonAttribute.EMPLOYMENT_TYPE, null)))
          .isFalse();
      assertThat(rule.matches(ENGINEER_BERLIN.with(PersonAttribute.EMPLOYMENT_TYPE, "Contractor")))
          .isTrue();
    }

    @Test
    @DisplayName("never when the person is inactive, even for everyone()")
    void inactive() {
      BirthrightRule rule = BirthrightRule.builder("all").role("wiki/read").everyone().build();

      assertThat(rule.matches(ENGINEER_BERLIN)).isTrue();
      assertThat(rule.matches(ENGINEER_BERLIN.withActive(false))).isFalse();
    }

    @Test
    @DisplayName("by title too")
    void title() {
      BirthrightRule rule =
          BirthrightRule.builder("se").role("github/read").title("Software Engineer").build();

      assertThat(rule.matches(ENGINEER_BERLIN)).isTrue();
      assertThat(rule.matches(ENGINEER_BERLIN.with(PersonAttribute.TITLE, "Manager"))).isFalse();
    }
  }

  @Nested
  @DisplayName("in a catalog")
  class InCatalog {
    @Test
    @DisplayName("give each matching role once, in the order the rules were added")
    void rolesFor() {
      Catalog catalog =
          catalog(
              BirthrightRule.builder("all").role("wiki/read").everyone(),
              BirthrightRule.builder("eng").role("github/read").department("engineering"),
              BirthrightRule.builder("berlin").role("wiki/read").location("Berlin"),
              BirthrightRule.builder("finance").role("github/admin").department("finance"));

      assertThat(catalog.birthrightRolesFor(ENGINEER_BERLIN))
          .containsExactly(RoleId.of("wiki/read"), RoleId.of("github/read"));
      assertThat(catalog.birthrightsFor(ENGINEER_BERLIN))
          .extracting(BirthrightRule::name)
          .containsExactly("all", "eng", "berlin");
      assertThat(catalog.birthrightRolesFor(ENGINEER_BERLIN.withActive(false))).isEmpty();
      assertThat(catalog.birthrights()).hasSize(4);
    }

    @Test
    @DisplayName("need the most approval any matching rule for the role asks for")
    void strictestApproval() {
      Catalog catalog =
          catalog(
              BirthrightRule.builder("all").role("wiki/read").everyone(),
              BirthrightRule.builder("berlin")
                  .role("wiki/read")
                  .location("Berlin")
                  .approval(BirthrightApproval.APPLICATION_OWNER));

      assertThat(catalog.birthrightApproval(ENGINEER_BERLIN, RoleId.of("wiki/read")))
          .contains(BirthrightApproval.APPLICATION_OWNER);
      assertThat(
              catalog.birthrightApproval(
                  ENGINEER_BERLIN.with(PersonAttribute.LOCATION, "Paris"), RoleId.of("wiki/read")))
          .contains(BirthrightApproval.AUTOMATIC);
      assertThat(catalog.birthrightApproval(ENGINEER_BERLIN, RoleId.of("github/admin"))).isEmpty();
    }

    @Test
    @DisplayName("are refused at build when they name an unknown role, naming the known ones")
    void unknownRole() {
      assertThatThrownBy(() -> catalog(BirthrightRule.builder("x").role("jira/user").everyone()))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("'x'")
          .hasMessageContaining("jira/user")
          .hasMessageContaining("github/read");
    }

    @Test
    @DisplayName("are refused at build for a role that needs a duration and has no default")
    void timeBoundRole() {
      Catalog.Builder b =
          Catalog.builder()
              .application(
                  Application.builder("aws")
                      .owner("olivia")
                      .role(
                          Role.builder("aws/admin")
                              .group("okta", "aws")
                              .expiry(
                                  dev.accessgov.policy.ExpiryPolicy.required(
                                      java.time.Duration.ofHours(1),
                                      java.time.Duration.ofHours(8)))))
              .birthright(BirthrightRule.builder("ops").role("aws/admin").department("ops"));

      assertThatThrownBy(b::build)
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("'ops' gives role aws/admin, which needs a duration")
          .hasMessageContaining("give the role a default duration");
    }

    @Test
    @DisplayName("are refused at build when two share a name")
    void duplicateName() {
      assertThatThrownBy(
              () ->
                  catalog(
                      BirthrightRule.builder("x").role("wiki/read").everyone(),
                      BirthrightRule.builder("x").role("github/read").department("eng")))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("'x' is used twice");
    }
  }

  @Nested
  @DisplayName("are refused when built")
  class Refused {
    @Test
    @DisplayName("without a condition, unless everyone() says so")
    void noCondition() {
      assertThatThrownBy(() -> BirthrightRule.builder("all").role("wiki/read").build())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("would give wiki/read to everyone")
          .hasMessageContaining("everyone()");
    }

    @Test
    @DisplayName("with both everyone() and a condition")
    void both() {
      assertThatThrownBy(
              () -> BirthrightRule.builder("all").role("wiki/read").everyone().title("x").build())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("drop one or the other");
    }

    @Test
    @DisplayName("without a role")
    void noRole() {
      assertThatThrownBy(() -> BirthrightRule.builder("r").everyone().build())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("names no role");
    }

    @Test
    @DisplayName("with no value or a blank value for an attribute")
    void blankValues() {
      assertThatThrownBy(() -> BirthrightRule.builder("r").department())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("no value for department");
      assertThatThrownBy(() -> BirthrightRule.builder("r").location(" "))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("blank value for location");
    }

    @Test
    @DisplayName("with a blank name")
    void blankName() {
      assertThatThrownBy(() -> BirthrightRule.builder(" "))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("birthright rule name");
    }
  }

  @Test
  @DisplayName("approvals read and write their keys")
  void approvalKeys() {
    for (BirthrightApproval a : BirthrightApproval.values()) {
      assertThat(BirthrightApproval.ofKey(a.key())).isEqualTo(a);
    }
    assertThat(BirthrightApproval.APPLICATION_OWNER.key()).isEqualTo("application-owner");
    assertThatThrownBy(() -> BirthrightApproval.ofKey("manager"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("automatic");
  }
}
