package dev.accessgov.spring.app;

import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;

/** The catalog the starter's tests grant from. */
public final class TestCatalog {
  private TestCatalog() {}

  /** GitHub read access (standard tier: approved by policy) in the Okta group gh-read. */
  public static Catalog catalog() {
    return Catalog.builder()
        .application(
            Application.builder("github")
                .owner("carol")
                .role(Role.builder("github/read").group("okta", "gh-read")))
        .build();
  }
}
