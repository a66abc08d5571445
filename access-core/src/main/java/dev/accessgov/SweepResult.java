package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;
import java.util.List;

/**
 * What a background sweep ({@link AccessService#expireDue()}, {@link AccessService#recover()}) did.
 *
 * @param completed records brought to the end state the sweep aims for
 * @param unfinished records the sweep started but could not finish (a provider failed); they stay
 *     in an in-flight state and the next {@link AccessService#recover()} tries again
 */
public record SweepResult(List<RecordId> completed, List<RecordId> unfinished) {
  /** Copies the lists. */
  public SweepResult {
    completed = List.copyOf(requireNonNull(completed, "completed"));
    unfinished = List.copyOf(requireNonNull(unfinished, "unfinished"));
  }

  @Override
  public String toString() {
    return completed.size() + " completed, " + unfinished.size() + " unfinished";
  }
}
