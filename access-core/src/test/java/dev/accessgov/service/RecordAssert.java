package dev.accessgov.service;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.record.Walkthrough;
import java.util.List;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * The record checks the service tests repeat: state, timeline, walkthrough. Users of the library
 * get these from access-testkit's {@code AccessAssertions}; access-core's own tests cannot use the
 * kit (it depends on core), so they state the same checks with AssertJ's own assertions.
 */
final class RecordAssert extends AbstractObjectAssert<RecordAssert, AccessRecord> {

  private RecordAssert(AccessRecord actual) {
    super(actual, RecordAssert.class);
  }

  static RecordAssert assertThat(AccessRecord record) {
    return new RecordAssert(record);
  }

  RecordAssert hasState(RecordState state) {
    isNotNull();
    Assertions.assertThat(actual.state())
        .as(about("state") + "; timeline: " + types())
        .isEqualTo(state);
    return this;
  }

  RecordAssert hasTimeline(EvidenceType... types) {
    timeline().containsExactly(types);
    return this;
  }

  RecordAssert hasEvidence(EvidenceType... types) {
    timeline().contains(types);
    return this;
  }

  RecordAssert hasNoEvidence(EvidenceType... types) {
    timeline().doesNotContain(types);
    return this;
  }

  /** Every walkthrough question the record's state calls for has an answer. */
  RecordAssert answersTheWalkthrough() {
    isNotNull();
    Assertions.assertThat(actual.walkthrough())
        .as(about("walkthrough (" + actual.state() + ")"))
        .matches(Walkthrough::isComplete, "answers every question its state calls for");
    return this;
  }

  private ListAssert<EvidenceType> timeline() {
    isNotNull();
    return Assertions.assertThat(types()).as(about("timeline"));
  }

  private List<EvidenceType> types() {
    return actual.timeline().stream().map(EvidenceEvent::type).toList();
  }

  /** What a failure is about, after any description the test gave with {@code as(...)}. */
  private String about(String what) {
    String given = descriptionText();
    return (given.isEmpty() ? "" : given + ": ") + what + " of record " + actual.id();
  }
}
