package dev.accessgov.spring;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationContext;

/**
 * Reads the {@code access} health indicator on Spring Boot 4, whose health types live in {@code
 * org.springframework.boot.health.contributor}: the only line of the health tests that differs
 * between Boot lines.
 */
final class HealthProbe {
  private final Health health;

  private HealthProbe(Health health) {
    this.health = health;
  }

  /** The indicator's health now. */
  static HealthProbe of(ApplicationContext context) {
    return new HealthProbe(
        context.getBean("accessHealthIndicator", HealthIndicator.class).health());
  }

  /** The status code: UP, DOWN, OUT_OF_SERVICE... */
  String status() {
    return health.getStatus().getCode();
  }

  /** The details. */
  Map<String, Object> details() {
    return health.getDetails();
  }
}
