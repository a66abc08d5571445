package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The application of a role")
class ApplicationOfTest {
  private static Catalog catalog(String app, String role) {
    return Catalog.builder()
        .application(
            Application.builder(app).owner("olivia").role(Role.builder(role).group("okta", "g")))
        .build();
  }

  @Test
  @DisplayName("is the catalog's application the role belongs to")
  void ownApplication() {
    Catalog catalog = catalog("github", "github/read");
    Role read = catalog.requireRole(RoleId.of("github/read"));

    assertThat(catalog.applicationOf(read).id()).isEqualTo("github");
  }

  @Test
  @DisplayName("of a role from another catalog, is refused naming the role and what exists")
  void foreignRole() {
    Catalog other = catalog("jira", "jira/user");
    Role foreign = other.requireRole(RoleId.of("jira/user"));

    assertThatThrownBy(() -> catalog("github", "github/read").applicationOf(foreign))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("jira/user")
        .hasMessageContaining("application jira")
        .hasMessageContaining("[github]");
  }
}
