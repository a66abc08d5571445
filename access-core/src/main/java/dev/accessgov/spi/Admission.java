package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import java.util.Collection;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The condition under which {@link AccessStore#insert(dev.accessgov.record.AccessRecord,
 * java.util.List, Admission)} stores a new live record: the subject's live records (by id) that the
 * caller saw when it decided the request. The caller's decision (separation of duties, one live
 * record per role, the approval steps a conflict adds) holds only for that set; when the set has
 * changed by the time the store writes, the store refuses and the caller decides again.
 *
 * @param seenLive the ids of the subject's live records the decision was based on, or null when the
 *     insert depends on no decision (the store still keeps one live record per subject and role)
 */
public record Admission(@Nullable Set<RecordId> seenLive) {
  private static final Admission UNCONDITIONAL = new Admission(null);

  /** Copies the set. */
  public Admission {
    seenLive = seenLive == null ? null : Set.copyOf(seenLive);
  }

  /** No expectation about the subject's other live records. */
  public static Admission unconditional() {
    return UNCONDITIONAL;
  }

  /** Admit only while the subject's live records are exactly {@code seenLive}. */
  public static Admission ifLiveUnchanged(Collection<RecordId> seenLive) {
    return new Admission(Set.copyOf(requireNonNull(seenLive, "seenLive")));
  }

  /** Whether {@code live}, the subject's live records now, still match what the caller saw. */
  public boolean holdsFor(Set<RecordId> live) {
    return seenLive == null || seenLive.equals(live);
  }
}
