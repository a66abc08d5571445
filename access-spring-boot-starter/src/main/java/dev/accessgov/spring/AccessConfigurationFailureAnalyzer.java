package dev.accessgov.spring;

import dev.accessgov.AccessConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AccessConfigurationException} at start-up into Spring Boot's failure report: its
 * message (which names the property or bean to set) as the description, and where to look as the
 * action.
 */
public class AccessConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<AccessConfigurationException> {
  /** Creates the analyzer; Spring Boot calls it. */
  public AccessConfigurationFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AccessConfigurationException cause) {
    return new FailureAnalysis(
        "access-governance is not configured: " + cause.getMessage(),
        "Set the access.* property named above (see access-spring-boot-starter's README), or"
            + " define the bean it names.",
        cause);
  }
}
