package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import java.util.List;

/**
 * What a background sweep ({@link AccessService#expireDue()}, {@link AccessService#recover()}) did.
 * One record that cannot be finished never stops the sweep: it is listed in {@link #failed()} and
 * the others are worked on.
 *
 * @param completed records brought to the end state the sweep aims for
 * @param unfinished records the sweep started but could not finish (a provider failed); they stay
 *     in an in-flight state and the next {@link AccessService#recover()} tries again
 * @param failed records whose work threw, each with the reason; they stay as they were and the next
 *     {@link AccessService#recover()} tries again
 */
public record SweepResult(
    List<RecordId> completed, List<RecordId> unfinished, List<SweepFailure> failed) {
  /** Copies the lists. */
  public SweepResult {
    completed = List.copyOf(requireNonNull(completed, "completed"));
    unfinished = List.copyOf(requireNonNull(unfinished, "unfinished"));
    failed = List.copyOf(requireNonNull(failed, "failed"));
  }

  /** A result in which nothing failed. */
  public SweepResult(List<RecordId> completed, List<RecordId> unfinished) {
    this(completed, unfinished, List.of());
  }

  /** Whether every record the sweep took up reached its end state. */
  public boolean allDone() {
    return unfinished.isEmpty() && failed.isEmpty();
  }

  @Override
  public String toString() {
    return completed.size()
        + " completed, "
        + unfinished.size()
        + " unfinished"
        + (failed.isEmpty() ? "" : ", " + failed.size() + " failed");
  }
}
