package dev.accessgov.spring;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.policy.JustificationRule;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code access.usage-evidence.*} and {@code access.justification.*} into the service's
 * settings, refusing a bad value with a message that names the property and what it accepts.
 */
final class StarterSettings {
  private static final String USAGE = "access.usage-evidence.";
  private static final String JUSTIFICATION = "access.justification.";

  private StarterSettings() {}

  /**
   * The usage evidence settings, or null when {@code access.usage-evidence.enabled=false}.
   *
   * @throws AccessConfigurationException naming the property that is out of range
   */
  static @Nullable UsageEvidence usageEvidence(AccessProperties.UsageEvidenceProperties p) {
    if (!p.isEnabled()) {
      return null;
    }
    Duration lookPast = notNegative(p.getLookPast(), "look-past");
    Duration retryAfter = notNegative(p.getRetryAfter(), "retry-after");
    return new UsageEvidence(
        lookPast,
        retryAfter,
        positive(p.getMaxAttempts(), "max-attempts"),
        positive(p.getMaxEvents(), "max-events"));
  }

  /**
   * {@code catalog} with the catalog-wide justification rule of {@code access.justification.*}, or
   * {@code catalog} itself when none of them is set.
   *
   * @param canCheckTickets whether a ticketing provider is configured
   * @throws AccessConfigurationException naming the property that is wrong, or when the catalog
   *     already has a different catalog-wide rule
   */
  static Catalog catalog(
      Catalog catalog, AccessProperties.Justification p, boolean canCheckTickets) {
    if (!p.configured()) {
      return catalog;
    }
    JustificationRule rule = rule(p, canCheckTickets);
    JustificationRule own = catalog.defaultJustification();
    if (!own.equals(JustificationRule.none()) && !own.equals(rule)) {
      throw new AccessConfigurationException(
          "access.justification.* asks for "
              + rule.requirement()
              + ", but the catalog already has a catalog-wide justification rule ("
              + own.requirement()
              + "): set it in one place, the properties or the catalog's justification");
    }
    return catalog.withJustification(rule);
  }

  private static JustificationRule rule(AccessProperties.Justification p, boolean canCheck) {
    Integer min = p.getMinLength();
    int minLength = min == null ? 0 : min;
    if (minLength < 0 || minLength > 1000) {
      throw new AccessConfigurationException(
          JUSTIFICATION + "min-length must be between 0 and 1000 characters, was " + minLength);
    }
    String pattern = p.getTicketPattern();
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new AccessConfigurationException(
            JUSTIFICATION
                + "ticket-pattern '"
                + pattern
                + "' is not a valid regular expression ("
                + e.getDescription()
                + "); give one such as [A-Z][A-Z0-9]+-\\d+");
      }
    }
    if (p.isRequireOpenTicket()) {
      if (pattern == null) {
        throw new AccessConfigurationException(
            JUSTIFICATION
                + "require-open-ticket=true needs "
                + JUSTIFICATION
                + "ticket-pattern, which says what a ticket key looks like");
      }
      if (!canCheck) {
        throw new AccessConfigurationException(
            JUSTIFICATION
                + "require-open-ticket=true needs a ticketing provider to look tickets up: define"
                + " a TicketingProvider bean (e.g. JiraTicketing), or set it to false");
      }
    }
    return new JustificationRule(minLength, pattern, p.isRequireOpenTicket());
  }

  private static Duration notNegative(Duration d, String name) {
    if (d.isNegative()) {
      throw new AccessConfigurationException(
          USAGE + name + " must not be negative, was " + d + "; give e.g. 30m, or 0");
    }
    return d;
  }

  private static int positive(int n, String name) {
    if (n < 1) {
      throw new AccessConfigurationException(USAGE + name + " must be at least 1, was " + n);
    }
    return n;
  }
}
