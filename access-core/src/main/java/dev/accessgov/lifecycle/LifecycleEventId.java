package dev.accessgov.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InputLimits;
import dev.accessgov.record.PersonId;

/**
 * Names one lifecycle event (one onboarding, transfer or offboarding of one person); every record
 * and evidence event the lifecycle call makes carries it. Use the HR system's event id when there
 * is one, so a repeated delivery of the same HR event is recognised; otherwise {@link #of(
 * LifecycleTrigger, PersonId)} derives one from the person. Compared exactly.
 *
 * @param value not blank, at most {@value dev.accessgov.InputLimits#MAX_ID_LENGTH} characters, no
 *     control characters
 */
public record LifecycleEventId(String value) {
  /**
   * Checks the value against {@link InputLimits#id}.
   *
   * @throws dev.accessgov.InvalidRequestException when it is blank, too long or not clean text
   */
  public LifecycleEventId {
    requireNonNull(value, "value");
    InputLimits.id(value, "a lifecycle event id");
  }

  /** Shorthand for {@code new LifecycleEventId(value)}. */
  public static LifecycleEventId of(String value) {
    return new LifecycleEventId(value);
  }

  /**
   * The event id a lifecycle call without an explicit one uses: {@code <trigger>:<person>}, e.g.
   * {@code onboarding:alice}. The same person and trigger always give the same id, so a repeated
   * call is the same event; a person who joins again after leaving needs an explicit id.
   *
   * @throws dev.accessgov.InvalidRequestException when the person id is too long to derive from
   */
  public static LifecycleEventId of(LifecycleTrigger trigger, PersonId person) {
    requireNonNull(trigger, "trigger");
    requireNonNull(person, "person");
    return new LifecycleEventId(trigger.label() + ":" + person.value());
  }

  @Override
  public String toString() {
    return value;
  }
}
