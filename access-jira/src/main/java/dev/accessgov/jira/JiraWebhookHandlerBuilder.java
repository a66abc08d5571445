package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link JiraWebhookHandler}. Required: {@link #ticketing}, {@link #accessService},
 * {@link #secret}, {@link #accountToPerson} and {@link #peopleDirectory}; with {@link
 * #requestType}, also {@link #catalog}.
 */
public final class JiraWebhookHandlerBuilder {
  private @Nullable JiraTicketing jira;
  private @Nullable AccessService access;
  private @Nullable Supplier<String> secret;
  private @Nullable Function<String, Optional<PersonId>> accountToPerson;
  private @Nullable PeopleDirectory people;
  private Set<String> approvedStatuses = Set.of("Approved");
  private int rememberDeliveries = 10_000;
  private final List<JiraRequestType> requestTypes = new ArrayList<>();
  private @Nullable Catalog catalog;

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
   * Accepts requests raised with this JSM request type ({@code jira:issue_created} deliveries):
   * each becomes a grant linked to its issue, or is declined on the issue. May be called for
   * several request types. Default: none; created issues are not read as requests.
   */
  public JiraWebhookHandlerBuilder requestType(JiraRequestType type) {
    requestTypes.add(requireNonNull(type, "type"));
    return this;
  }

  /**
   * The catalog the request types' select lists name (the same the access service uses). Required
   * with {@link #requestType}.
   */
  public JiraWebhookHandlerBuilder catalog(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
    return this;
  }

  /**
   * Builds the handler.
   *
   * @throws AccessConfigurationException naming a missing part, or a request type that is the one
   *     the ticketing creates its own requests with
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
    RequestIntake intake = null;
    if (!requestTypes.isEmpty()) {
      if (catalog == null) {
        throw new AccessConfigurationException(
            "Jira webhook handler with requestType(...) needs catalog(...): the catalog its select"
                + " lists name");
      }
      String own = jira.ops().settings().requestTypeId();
      for (JiraRequestType t : requestTypes) {
        if (own != null && t.requestTypeIds().contains(own)) {
          throw new AccessConfigurationException(
              "JSM request type "
                  + own
                  + " is the one JiraTicketing creates its own requests with (serviceDesk(...));"
                  + " give the portal's access request type a different request type");
        }
      }
      intake = new RequestIntake(jira, access, catalog, accountToPerson, people, requestTypes);
    }
    return new JiraWebhookHandler(
        jira,
        access,
        secret,
        accountToPerson,
        people,
        approvedStatuses,
        rememberDeliveries,
        intake);
  }
}
