package dev.accessgov.spring;

import dev.accessgov.AccessRuntime;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The Actuator health indicator {@code access} (Spring Boot 3), reporting {@link AccessHealth} for
 * the runtime's status. Turn it off with {@code management.health.access.enabled=false}.
 */
@AutoConfiguration(after = AccessAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(AccessRuntime.class)
@ConditionalOnEnabledHealthIndicator("access")
public class AccessHealthAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public AccessHealthAutoConfiguration() {}

  /** The indicator; its bean name makes it the {@code access} component. */
  @Bean
  @ConditionalOnMissingBean(name = "accessHealthIndicator")
  public HealthIndicator accessHealthIndicator(AccessRuntime runtime, AccessProperties properties) {
    String stuckStatus = properties.getHealth().getStuckStatus();
    return () -> {
      AccessHealth health = AccessHealth.of(runtime.status(), stuckStatus);
      return Health.status(new Status(health.status())).withDetails(health.details()).build();
    };
  }
}
