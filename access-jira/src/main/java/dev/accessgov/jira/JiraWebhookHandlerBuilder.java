package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JiraWebhookHandler}. Required: {@link #ticketing}, {@link #accessService},
 * {@link #secret}, {@link #accountToPerson} and {@link #peopleDirectory}.
 */
public final class JiraWebhookHandlerBuilder {
  private @Nullable JiraTicketing jira;
  private @Nullable AccessService access;
  private @Nullable Supplier<String> secret;
  private @Nullable Function<String, Optional<PersonId>> accountToPerson;
  private @Nullable PeopleDirectory people;
  private Set<String> approvedStatuses = Set.of("Approved");
  private int rememberDeliveries = 10_000;

  JiraWebhookHandlerBuilder() {}

  /** The provider whose issues the webhooks are about; its connection reads Jira. Required. */
  public JiraWebhookHandlerBuilder ticketing(JiraTicketing jira) {
    this.jira = requireNonNull(jira, "jira");
    return this;
  }

  /** The service that applies decisions. Required. */
  public JiraWebhookHandlerBuilder accessService(AccessService access) {
    this.access = requireNonNull(access, "access");
    return this;
  }

  /** The secret the webhook was registered with in Jira; read per delivery. Required. */
  public JiraWebhookHandlerBuilder secret(Supplier<String> secret) {
    this.secret = requireNonNull(secret, "secret");
    return this;
  }

  /** Maps an Atlassian account id to a person, or empty when it is nobody known. Required. */
  public JiraWebhookHandlerBuilder accountToPerson(
      Function<String, Optional<PersonId>> accountToPerson) {
    this.accountToPerson = requireNonNull(accountToPerson, "accountToPerson");
    return this;
  }

  /** Confirms the mapped person exists and is active. Required. */
  public JiraWebhookHandlerBuilder peopleDirectory(PeopleDirectory people) {
    this.people = requireNonNull(people, "people");
    return this;
  }

  /**
   * Status names that look like approval; moving to one by hand is noted. Default: {@code
   * Approved}.
   */
  public JiraWebhookHandlerBuilder approvedStatuses(Set<String> statuses) {
    this.approvedStatuses = Set.copyOf(requireNonNull(statuses, "statuses"));
    return this;
  }

  /** How many delivery identifiers are remembered to drop replays. Default: 10 000. */
  public JiraWebhookHandlerBuilder rememberDeliveries(int count) {
    this.rememberDeliveries = count;
    return this;
  }

  /**
   * Builds the handler.
   *
   * @throws AccessConfigurationException naming a missing part
   */
  public JiraWebhookHandler build() {
    if (jira == null
        || access == null
        || secret == null
        || accountToPerson == null
        || people == null) {
      throw new AccessConfigurationException(
          "Jira webhook handler needs ticketing(...), accessService(...), secret(...), accountToPerson(...) and peopleDirectory(...)");
    }
    if (rememberDeliveries < 1) {
      throw new AccessConfigurationException(
          "Jira webhook rememberDeliveries must be at least 1, was " + rememberDeliveries);
    }
    return new JiraWebhookHandler(
        jira, access, secret, accountToPerson, people, approvedStatuses, rememberDeliveries);
  }
}
