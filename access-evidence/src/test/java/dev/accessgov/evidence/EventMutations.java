package dev.accessgov.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every single-field alteration of an event a forger with write access to the store could make
 * without re-computing the hash: each field changed, each detail changed, re-typed or removed, and
 * a detail added.
 */
final class EventMutations {
  private EventMutations() {}

  /** A named alteration of one event. */
  record Mutation(String description, EvidenceEvent mutated) {}

  /** All alterations of {@code e}. */
  static List<Mutation> of(EvidenceEvent e) {
    List<Mutation> all = new ArrayList<>();
    all.add(
        new Mutation(
            "seq changed",
            copy(
                e,
                e.seq() + 1000,
                e.recordId(),
                e.type(),
                e.actor(),
                e.details(),
                e.prevHash(),
                e.hash(),
                0)));
    all.add(
        new Mutation(
            "recordId changed",
            copy(
                e,
                e.seq(),
                e.recordId() + "-forged",
                e.type(),
                e.actor(),
                e.details(),
                e.prevHash(),
                e.hash(),
                0)));
    EvidenceType otherType =
        EvidenceType.values()[(e.type().ordinal() + 1) % EvidenceType.values().length];
    all.add(
        new Mutation(
            "type changed to " + otherType,
            copy(
                e,
                e.seq(),
                e.recordId(),
                otherType,
                e.actor(),
                e.details(),
                e.prevHash(),
                e.hash(),
                0)));
    all.add(
        new Mutation(
            "actor changed",
            copy(
                e,
                e.seq(),
                e.recordId(),
                e.type(),
                "person:mallory",
                e.details(),
                e.prevHash(),
                e.hash(),
                0)));
    all.add(
        new Mutation(
            "time moved by 1 ms",
            copy(
                e,
                e.seq(),
                e.recordId(),
                e.type(),
                e.actor(),
                e.details(),
                e.prevHash(),
                e.hash(),
                1)));
    for (Map.Entry<String, @Nullable Object> detail : e.details().entrySet()) {
      String key = detail.getKey();
      Object value = detail.getValue();
      all.add(detailMutation(e, "detail '" + key + "' changed", key, changed(value)));
      if (!(value instanceof String)) {
        all.add(
            detailMutation(e, "detail '" + key + "' re-typed as text", key, String.valueOf(value)));
      }
      TreeMap<String, @Nullable Object> removed = new TreeMap<>(e.details());
      removed.remove(key);
      all.add(new Mutation("detail '" + key + "' removed", withDetails(e, removed)));
    }
    all.add(detailMutation(e, "detail 'approvedBy' added", "approvedBy", "person:mallory"));
    all.add(
        new Mutation(
            "prevHash changed",
            copy(
                e,
                e.seq(),
                e.recordId(),
                e.type(),
                e.actor(),
                e.details(),
                flipFirst(e.prevHash()),
                e.hash(),
                0)));
    all.add(
        new Mutation(
            "hash changed",
            copy(
                e,
                e.seq(),
                e.recordId(),
                e.type(),
                e.actor(),
                e.details(),
                e.prevHash(),
                flipFirst(e.hash()),
                0)));
    return all;
  }

  private static Mutation detailMutation(
      EvidenceEvent e, String description, String key, @Nullable Object value) {
    TreeMap<String, @Nullable Object> details = new TreeMap<>(e.details());
    details.put(key, value);
    return new Mutation(description, withDetails(e, details));
  }

  private static @Nullable Object changed(@Nullable Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Long) {
      return (Long) value + 1;
    }
    if (value instanceof Boolean) {
      return !(Boolean) value;
    }
    return value + " ";
  }

  private static EvidenceEvent withDetails(EvidenceEvent e, SortedMap<String, @Nullable Object> d) {
    return copy(e, e.seq(), e.recordId(), e.type(), e.actor(), d, e.prevHash(), e.hash(), 0);
  }

  private static EvidenceEvent copy(
      EvidenceEvent e,
      long seq,
      String recordId,
      EvidenceType type,
      String actor,
      SortedMap<String, @Nullable Object> details,
      String prevHash,
      String hash,
      long plusMillis) {
    return new EvidenceEvent(
        seq, recordId, type, actor, e.time().plusMillis(plusMillis), details, prevHash, hash);
  }

  /** {@code hex} with its first digit changed. */
  static String flipFirst(String hex) {
    char first = hex.charAt(0) == '0' ? '1' : '0';
    return first + hex.substring(1);
  }
}
