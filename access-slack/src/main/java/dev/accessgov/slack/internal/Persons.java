package dev.accessgov.slack.internal;

import dev.accessgov.slack.InteractionResult.Outcome;
import dev.accessgov.spi.Person;
import org.jspecify.annotations.Nullable;

/** A Slack user mapped to a person, or the outcome and sentence that refuse them. Not API. */
final class Persons {
  private Persons() {}

  /**
   * @param person the active person, or null
   * @param refusal why not, as an outcome, or null
   * @param why a sentence for the user
   */
  record Found(@Nullable Person person, @Nullable Outcome refusal, String why) {}

  static Found find(Wiring w, String slackUser) {
    SlackPeople.Mapping m;
    try {
      m = w.people().map(slackUser);
    } catch (SlackCalls.SlackCallException e) {
      return new Found(
          null,
          Outcome.SLACK_UNAVAILABLE,
          "Slack could not tell who you are right now (" + e.error() + "); nothing was done.");
    }
    if (m instanceof SlackPeople.Known k) {
      return new Found(k.person(), null, "");
    }
    if (m instanceof SlackPeople.Inactive i) {
      return new Found(null, Outcome.INACTIVE_PERSON, "Not done: " + i.why() + ".");
    }
    if (m instanceof SlackPeople.NoEmail n) {
      return new Found(null, Outcome.UNKNOWN_PERSON, "Not done: " + n.why() + ".");
    }
    return new Found(
        null, Outcome.UNKNOWN_PERSON, "Not done: " + ((SlackPeople.Unknown) m).why() + ".");
  }
}
