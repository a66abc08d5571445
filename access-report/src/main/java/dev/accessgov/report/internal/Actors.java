package dev.accessgov.report.internal;

/** How reports name the actor of an evidence event. Not API. */
public final class Actors {
  /** The name of a step the approval policy satisfied by itself. */
  public static final String POLICY = "policy";

  private static final String PERSON = "person:";
  private static final String POLICY_ACTOR = "system:policy";

  private Actors() {}

  /**
   * A person by id alone ({@code person:bob} is {@code bob}), {@code policy} for the approval
   * policy, and any other system actor as recorded, so that nothing is hidden.
   */
  public static String name(String actor) {
    if (actor.equals(POLICY_ACTOR)) {
      return POLICY;
    }
    return actor.startsWith(PERSON) ? actor.substring(PERSON.length()) : actor;
  }
}
