package dev.accessgov.slack.internal;

import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import dev.accessgov.ProviderException;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a person's Slack user by the e-mail addresses the people directory knows for them (their id
 * when it is one, and their aliases), with {@code users.lookupByEmail}; never by display name.
 * Opens direct-message channels with {@code conversations.open}. Found users are cached for the
 * process's life. Thread-safe. Not API.
 */
public final class Recipients {
  private final SlackApi api;
  private final PeopleDirectory people;
  private final Map<PersonId, String> users = new ConcurrentHashMap<>();

  /** Recipients found through {@code people} and {@code api}. */
  public Recipients(SlackApi api, PeopleDirectory people) {
    this.api = api;
    this.people = people;
  }

  /**
   * The Slack user id of an active person, or empty when the directory does not know them, they are
   * inactive, have no e-mail, or Slack has no active user with any of their e-mails.
   *
   * @throws ProviderException when Slack fails (other than not knowing the address)
   */
  public Optional<String> userOf(PersonId person) {
    String cached = users.get(person);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<Person> found = people.find(person);
    if (found.isEmpty() || !found.get().active()) {
      return Optional.empty();
    }
    for (String email : emails(found.get())) {
      try {
        UsersLookupByEmailResponse r =
            api.call("users.lookupByEmail", null, m -> m.usersLookupByEmail(q -> q.email(email)));
        if (r.getUser() != null && !r.getUser().isDeleted() && !r.getUser().isBot()) {
          users.put(person, r.getUser().getId());
          return Optional.of(r.getUser().getId());
        }
      } catch (ProviderException e) {
        if (!"users_not_found".equals(e.errorCode())) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /** The direct-message channel with a Slack user, opened (or found) with conversations.open. */
  public String dm(String userId) {
    return api.call(
            "conversations.open", null, m -> m.conversationsOpen(r -> r.users(List.of(userId))))
        .getChannel()
        .getId();
  }

  /** The e-mail addresses of a person, their id first when it is one. */
  static List<String> emails(Person p) {
    List<String> out = new ArrayList<>();
    if (p.id().value().contains("@")) {
      out.add(p.id().value());
    }
    p.aliases().stream().filter(a -> a.contains("@")).sorted().forEach(out::add);
    return out;
  }
}
