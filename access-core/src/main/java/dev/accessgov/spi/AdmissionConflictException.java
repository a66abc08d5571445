package dev.accessgov.spi;

import dev.accessgov.StateConflictException;

/**
 * A store refused to insert a live record: the subject already has a live record of the same role,
 * or their live records are no longer those the {@link Admission} was decided on. Nothing was
 * written. The service decides the request again on a fresh read; callers of the service see the
 * refusal that decision gives (a {@link dev.accessgov.PolicyViolationException} for separation of
 * duties, a {@link StateConflictException} for a role already held) rather than this exception.
 */
public class AdmissionConflictException extends StateConflictException {
  private static final long serialVersionUID = 1L;

  /** An exception whose message names the subject, the role and what changed. */
  public AdmissionConflictException(String message) {
    super(message);
  }
}
