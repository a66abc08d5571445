package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.record.RecordId;

/**
 * A record a background sweep could not finish because working on it threw: it stays where it was
 * and the next {@link AccessService#recover()} tries it again, while the sweep goes on with the
 * others.
 *
 * @param id the record
 * @param reason what went wrong: the exception's type and message, never a secret
 */
public record SweepFailure(RecordId id, String reason) {
  /** Checks both are present. */
  public SweepFailure {
    requireNonNull(id, "id");
    requireNonNull(reason, "reason");
  }
}
