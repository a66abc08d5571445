package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.record.PersonId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What the lifecycle machinery last knew of one person's directory attributes, kept in the {@link
 * GovernanceStore} so that a change the directory made without a lifecycle call is noticed once,
 * and an onboarding or transfer stopped midway is finished under the same lifecycle event: the
 * event is claimed here, with who asked and why, before its first grant, which is the durable
 * intent {@link dev.accessgov.AccessService#recover()} finishes. It moves only by compare-and-set
 * on {@link #version()} ({@link GovernanceStore#moveDirectoryState}): of several instances that
 * notice one change, one claims it.
 *
 * @param person the person's canonical id
 * @param seen the attributes as last handled, by name ({@code department}, {@code title}, ...);
 *     absent names had no value
 * @param version how often the state moved; 0 for a person with no stored state
 * @param pendingEvent the lifecycle event claimed for a change that is not finished yet, or null
 * @param pending the attributes {@link #pendingEvent()} moves the person to; empty when none
 * @param lastEvent the last lifecycle event finished for this person, or null
 * @param at when this state was written (for a pending event: when it was claimed, which is how
 *     {@link dev.accessgov.AccessService#recover(java.time.Duration)} tells an abandoned claim from
 *     one a live call is working on)
 * @param claimedBy who asked for the pending event (the requester of its grants), or null when none
 *     is pending or the claim did not say
 * @param claimReason why the pending event was asked for (the reason of its grants), or null when
 *     none is pending or the claim did not say
 */
public record DirectoryState(
    PersonId person,
    Map<String, String> seen,
    long version,
    @Nullable LifecycleEvent pendingEvent,
    Map<String, String> pending,
    @Nullable LifecycleEvent lastEvent,
    Instant at,
    @Nullable PersonId claimedBy,
    @Nullable String claimReason) {

  /** Checks and copies (sorted by name, so equal attributes compare and store equal). */
  public DirectoryState {
    requireNonNull(person, "person");
    seen = sorted(seen, "seen");
    pending = sorted(pending, "pending");
    requireNonNull(at, "at");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, was " + version);
    }
    if (pendingEvent == null && !pending.isEmpty()) {
      throw new IllegalArgumentException(
          "pending attributes of " + person + " need the pending lifecycle event that moves them");
    }
    if (pendingEvent == null && (claimedBy != null || claimReason != null)) {
      throw new IllegalArgumentException(
          "who claimed a lifecycle event of " + person + ", and why, needs a pending event");
    }
  }

  /** A state whose claim (if any) does not say who asked or why. */
  public DirectoryState(
      PersonId person,
      Map<String, String> seen,
      long version,
      @Nullable LifecycleEvent pendingEvent,
      Map<String, String> pending,
      @Nullable LifecycleEvent lastEvent,
      Instant at) {
    this(person, seen, version, pendingEvent, pending, lastEvent, at, null, null);
  }

  private static Map<String, String> sorted(Map<String, String> m, String what) {
    requireNonNull(m, what);
    TreeMap<String, String> copy = new TreeMap<>();
    m.forEach(
        (k, v) -> copy.put(requireNonNull(k, what + " name"), requireNonNull(v, what + " value")));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** The state of a person nothing was stored for: version 0, nothing seen. */
  public static DirectoryState none(PersonId person, Instant at) {
    return new DirectoryState(person, Map.of(), 0, null, Map.of(), null, at);
  }

  /** Whether a state was stored for the person. */
  public boolean stored() {
    return version > 0;
  }

  /** This state with {@code attributes} recorded as seen, nothing pending (a baseline). */
  public DirectoryState seeing(Map<String, String> attributes, Instant now) {
    return new DirectoryState(person, attributes, version, null, Map.of(), lastEvent, now);
  }

  /**
   * This state with lifecycle event {@code event} claimed to move the person to {@code to}, not
   * saying who asked or why.
   */
  public DirectoryState claiming(LifecycleEvent event, Map<String, String> to, Instant now) {
    return new DirectoryState(
        person, seen, version, requireNonNull(event, "event"), to, lastEvent, now);
  }

  /**
   * This state with lifecycle event {@code event} claimed by {@code by} for {@code reason} to move
   * the person to {@code to}: what {@link dev.accessgov.AccessService#recover(java.time.Duration)}
   * needs to finish the event as its caller would have.
   */
  public DirectoryState claiming(
      LifecycleEvent event, Map<String, String> to, PersonId by, String reason, Instant now) {
    return new DirectoryState(
        person,
        seen,
        version,
        requireNonNull(event, "event"),
        to,
        lastEvent,
        now,
        requireNonNull(by, "by"),
        requireNonNull(reason, "reason"));
  }

  /** This state as stored with version {@code stored} (what a store returns from a move). */
  public DirectoryState withVersion(long stored) {
    return new DirectoryState(
        person, seen, stored, pendingEvent, pending, lastEvent, at, claimedBy, claimReason);
  }

  /** This state with its pending event finished: its attributes seen, the event the last one. */
  public DirectoryState finished(Instant now) {
    if (pendingEvent == null) {
      throw new IllegalStateException("no lifecycle event is pending for " + person);
    }
    return new DirectoryState(person, pending, version, null, Map.of(), pendingEvent, now);
  }
}
