package dev.accessgov.spring;

import dev.accessgov.AccessRuntime;
import dev.accessgov.catalog.Catalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters for access-governance, when the application has a {@link MeterRegistry} (as it
 * does with Actuator): the service's events through {@link MicrometerAccessObserver} and the
 * runtime's status through {@link AccessStatusGauges}.
 */
@AutoConfiguration(
    after = AccessAutoConfiguration.class,
    afterName = {
      // Boot 3.x and 4.x: the registry exists once these have run.
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
public class AccessMetricsAutoConfiguration {
  /** Creates the auto-configuration; Spring calls it. */
  public AccessMetricsAutoConfiguration() {}

  /** The observer that turns the service's events into meters. */
  @Bean
  @ConditionalOnMissingBean
  public MicrometerAccessObserver micrometerAccessObserver(
      MeterRegistry registry, Catalog catalog) {
    return new MicrometerAccessObserver(registry, catalog);
  }

  /** The gauges read from the runtime's status. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBean(AccessRuntime.class)
  public AccessStatusGauges accessStatusGauges(
      MeterRegistry registry, AccessRuntime runtime, AccessProperties properties) {
    return new AccessStatusGauges(
        registry, runtime, properties.getMetrics().getStatusCacheFor(), System::nanoTime);
  }
}
