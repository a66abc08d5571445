package dev.accessgov.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.NotFoundException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The empty catalog, for tools that only read a store")
class EmptyCatalogTest {
  @Test
  @DisplayName("has no application, role or provider, and knows no role")
  void empty() {
    Catalog empty = Catalog.empty();

    assertThat(empty.applications()).isEmpty();
    assertThat(empty.roles()).isEmpty();
    assertThat(empty.providerIds()).isEmpty();
    assertThatThrownBy(() -> empty.requireRole(RoleId.of("github/read")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("github/read");
  }

  @Test
  @DisplayName("is not what a builder with no application gives: that is still refused")
  void builderStillRefuses() {
    assertThatThrownBy(() -> Catalog.builder().build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("no application");
  }
}
