package dev.accessgov.spring.app;

import dev.accessgov.catalog.Catalog;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application that only defines its catalog; the starter does the rest. */
@SpringBootApplication
public class TestApplication {
  /** The catalog: GitHub read access, standard tier (approved by policy). */
  @Bean
  public Catalog catalog() {
    return TestCatalog.catalog();
  }
}
