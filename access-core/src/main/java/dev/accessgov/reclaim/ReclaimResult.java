package dev.accessgov.reclaim;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link dev.accessgov.AccessService#reclaim} run found.
 *
 * @param policy the policy's name
 * @param preview whether this was {@code previewReclaim}: nothing was changed
 * @param at when the run started
 * @param candidates every inactive grant found, exempt ones included
 */
public record ReclaimResult(
    String policy, boolean preview, Instant at, List<ReclaimCandidate> candidates) {
  /** Copies the list. */
  public ReclaimResult {
    requireNonNull(policy, "policy");
    requireNonNull(at, "at");
    candidates = List.copyOf(candidates);
  }

  /** The candidates with this status. */
  public List<ReclaimCandidate> with(ReclaimCandidate.Status status) {
    return candidates.stream().filter(c -> c.status() == status).toList();
  }
}
