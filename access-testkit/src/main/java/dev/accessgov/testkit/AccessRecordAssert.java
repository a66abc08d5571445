package dev.accessgov.testkit;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Answer;
import dev.accessgov.record.RecordState;
import dev.accessgov.record.Walkthrough;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions for an {@link AccessRecord}; start with {@link AccessAssertions#assertThat}.
 */
public final class AccessRecordAssert extends AbstractAssert<AccessRecordAssert, AccessRecord> {

  AccessRecordAssert(AccessRecord actual) {
    super(actual, AccessRecordAssert.class);
  }

  /** The record is in {@code state}. */
  public AccessRecordAssert hasState(RecordState state) {
    isNotNull();
    if (actual.state() != state) {
      failWithMessage(
          "expected record %s to be %s but was %s; timeline: %s",
          actual.id(), state, actual.state(), types());
    }
    return this;
  }

  /** The record's timeline has exactly these event types, in this order. */
  public AccessRecordAssert hasTimeline(EvidenceType... types) {
    isNotNull();
    if (!types().equals(Arrays.asList(types))) {
      failWithMessage("expected timeline %s but was %s", Arrays.asList(types), types());
    }
    return this;
  }

  /** The record's timeline contains at least one event of each type. */
  public AccessRecordAssert hasEvidence(EvidenceType... types) {
    isNotNull();
    for (EvidenceType t : types) {
      if (!types().contains(t)) {
        failWithMessage("expected a %s event in record %s; timeline: %s", t, actual.id(), types());
      }
    }
    return this;
  }

  /** The record's timeline contains no event of these types. */
  public AccessRecordAssert hasNoEvidence(EvidenceType... types) {
    isNotNull();
    for (EvidenceType t : types) {
      if (types().contains(t)) {
        failWithMessage("expected no %s event in record %s; timeline: %s", t, actual.id(), types());
      }
    }
    return this;
  }

  /** The record answers every walkthrough question its state calls for. */
  public AccessRecordAssert answersTheWalkthrough() {
    isNotNull();
    Walkthrough w = actual.walkthrough();
    List<Answer> missing = w.answers().stream().filter(Answer::isMissing).toList();
    if (!missing.isEmpty()) {
      failWithMessage(
          "record %s (%s) cannot answer: %s%n%s", actual.id(), actual.state(), missing, w);
    }
    return this;
  }

  private List<EvidenceType> types() {
    return actual.timeline().stream().map(EvidenceEvent::type).toList();
  }
}
