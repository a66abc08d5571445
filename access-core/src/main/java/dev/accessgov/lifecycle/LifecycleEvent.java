package dev.accessgov.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.PersonId;

/**
 * One lifecycle event: its id and what triggered it. A grant made for it ({@link
 * dev.accessgov.GrantRequest#lifecycleEvent()}) names both in its {@code REQUESTED} evidence.
 *
 * @param id the event's id
 * @param trigger onboarding, transfer or offboarding
 */
public record LifecycleEvent(LifecycleEventId id, LifecycleTrigger trigger) {
  /** Checks both are present. */
  public LifecycleEvent {
    requireNonNull(id, "id");
    requireNonNull(trigger, "trigger");
  }

  /** The event with the id {@link LifecycleEventId#of(LifecycleTrigger, PersonId)} derives. */
  public static LifecycleEvent of(LifecycleTrigger trigger, PersonId person) {
    return new LifecycleEvent(LifecycleEventId.of(trigger, person), trigger);
  }

  /** An onboarding event with this id. */
  public static LifecycleEvent onboarding(LifecycleEventId id) {
    return new LifecycleEvent(id, LifecycleTrigger.ONBOARDING);
  }

  /** A transfer event with this id. */
  public static LifecycleEvent transfer(LifecycleEventId id) {
    return new LifecycleEvent(id, LifecycleTrigger.TRANSFER);
  }

  /** An offboarding event with this id. */
  public static LifecycleEvent offboarding(LifecycleEventId id) {
    return new LifecycleEvent(id, LifecycleTrigger.OFFBOARDING);
  }

  @Override
  public String toString() {
    return trigger.label() + " " + id;
  }
}
