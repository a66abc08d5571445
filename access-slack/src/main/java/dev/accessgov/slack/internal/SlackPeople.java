package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps a Slack user to a person: the user's e-mail address from {@code users.info}, resolved by the
 * people directory's identity resolution ({@link PeopleDirectory#resolve}). Never by display name
 * or user name, which anyone may set. Not API.
 */
public final class SlackPeople {
  private final Function<String, Optional<String>> emailOf;
  private final PeopleDirectory people;

  /**
   * @param emailOf a Slack user id to their e-mail address, empty for bots and users without one
   * @param people the directory that resolves the address
   */
  public SlackPeople(Function<String, Optional<String>> emailOf, PeopleDirectory people) {
    this.emailOf = requireNonNull(emailOf, "emailOf");
    this.people = requireNonNull(people, "people");
  }

  /** Who a Slack user is, or why they are nobody who may act. */
  public sealed interface Mapping {}

  /** An active person. */
  public record Known(Person person) implements Mapping {}

  /** The user has no e-mail address Slack shows (a bot, a deactivated user, or none set). */
  public record NoEmail(String why) implements Mapping {}

  /** The directory knows no person with the user's e-mail address. */
  public record Unknown(String why) implements Mapping {}

  /** The person is known but not active. */
  public record Inactive(Person person, String why) implements Mapping {}

  /**
   * Maps {@code slackUserId}.
   *
   * @throws SlackCalls.SlackCallException when Slack cannot be asked
   */
  public Mapping map(String slackUserId) {
    Optional<String> email = emailOf.apply(slackUserId);
    if (email.isEmpty()) {
      return new NoEmail(
          "your Slack account is a bot, is deactivated, or shows no e-mail address, so it cannot"
              + " be matched to a person in the directory");
    }
    Optional<Person> person = people.resolve(email.get());
    if (person.isEmpty()) {
      return new Unknown(
          "your Slack e-mail address "
              + email.get()
              + " belongs to nobody in the people directory; ask an administrator to add it as an"
              + " alias");
    }
    if (!person.get().active()) {
      return new Inactive(
          person.get(),
          person.get().id() + " is not active in the people directory and cannot act on access");
    }
    return new Known(person.get());
  }
}
