package dev.accessgov.spi;

import dev.accessgov.StateConflictException;

/**
 * A store refused an update because the record changed since it was read (optimistic concurrency).
 * The service re-reads the record and decides again; callers of the service normally never see it.
 */
public class StaleRecordException extends StateConflictException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the record and the versions. */
  public StaleRecordException(String recordId, long expected, long actual) {
    super(
        "record "
            + recordId
            + " is at version "
            + actual
            + ", not "
            + expected
            + "; read it again");
  }
}
