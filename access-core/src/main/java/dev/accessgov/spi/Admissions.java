package dev.accessgov.spi;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The admission rule of {@link AccessStore#insert(AccessRecord, List, Admission)}, in one place for
 * every store: a store reads the subject's live records inside its inserting transaction and asks
 * this class whether the new record may join them.
 */
public final class Admissions {
  private Admissions() {}

  /**
   * One of the subject's live records, as much of it as admission needs.
   *
   * @param id the record
   * @param roleId its role
   * @param state its (live) state
   */
  public record Live(RecordId id, RoleId roleId, RecordState state) {
    /** Checks the fields. */
    public Live {
      java.util.Objects.requireNonNull(id, "id");
      java.util.Objects.requireNonNull(roleId, "roleId");
      java.util.Objects.requireNonNull(state, "state");
    }

    /** The live view of a record. */
    public static Live of(AccessRecord r) {
      return new Live(r.id(), r.roleId(), r.state());
    }
  }

  /**
   * Refuses {@code record} when {@code live} (the subject's live records, read inside the inserting
   * transaction) already holds its role, or no longer matches {@code admission}.
   *
   * @throws AdmissionConflictException naming what is in the way; the caller writes nothing
   */
  public static void check(AccessRecord record, List<Live> live, Admission admission) {
    Set<RecordId> ids = new HashSet<>();
    for (Live r : live) {
      if (r.roleId().equals(record.roleId())) {
        throw new AdmissionConflictException(
            record.subject()
                + " already has a live record of "
                + record.roleId()
                + ": "
                + r.id()
                + " ("
                + r.state()
                + ")");
      }
      ids.add(r.id());
    }
    if (!admission.holdsFor(ids)) {
      throw new AdmissionConflictException(
          "the live records of "
              + record.subject()
              + " changed since the request was decided: now "
              + ids
              + ", decided on "
              + admission.seenLive());
    }
  }
}
