package dev.accessgov.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.catalog.RoleId;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A record query naming sets of subjects and roles")
class RecordQueryTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private static AccessRecord record(String subject, String role) {
    return AccessRecord.builder()
        .id(RecordId.random())
        .subject(PersonId.of(subject))
        .roleId(RoleId.of(role))
        .requester(PersonId.of(subject))
        .reason("test")
        .requestedAt(T0)
        .build();
  }

  @Test
  @DisplayName("matches a record of any subject and any role it names, and every other criterion")
  void matches() {
    RecordQuery q = RecordQuery.all().subjects(List.of("bob", "carol")).roles(List.of("r1", "r2"));

    assertThat(q.matches(record("bob", "r1"))).isTrue();
    assertThat(q.matches(record("carol", "r2"))).isTrue();
    assertThat(q.matches(record("dave", "r1"))).isFalse();
    assertThat(q.matches(record("bob", "r3"))).isFalse();
    assertThat(q.subject("carol").matches(record("bob", "r1"))).isFalse();
    assertThat(q.states(RecordState.ACTIVE).matches(record("bob", "r1"))).isFalse();
  }

  @Test
  @DisplayName("keeps its sets through the other criteria and paging")
  void carried() {
    RecordQuery q =
        RecordQuery.all()
            .subjects(List.of("bob"))
            .roles(List.of("r1"))
            .role("r1")
            .states(RecordState.ACTIVE)
            .limit(5)
            .after(record("bob", "r1"));

    assertThat(q.subjects()).containsExactly(PersonId.of("bob"));
    assertThat(q.roles()).containsExactly(RoleId.of("r1"));
    assertThat(new RecordQuery(null, null, Set.of(), 10, null).subjects()).isEmpty();
  }

  @Test
  @DisplayName("refuses an empty set, which would match every record, and a set over the maximum")
  void bounds() {
    List<String> tooMany =
        IntStream.rangeClosed(0, RecordQuery.MAX_SET).mapToObj(i -> "p" + i).toList();

    assertThatThrownBy(() -> RecordQuery.all().subjects(List.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no subjects given");
    assertThatThrownBy(() -> RecordQuery.all().roles(List.of()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no roles given");
    assertThatThrownBy(() -> RecordQuery.all().subjects(tooMany))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at most " + RecordQuery.MAX_SET + " subjects")
        .hasMessageContaining("this one " + tooMany.size());
    assertThat(RecordQuery.all().subjects(tooMany.subList(0, RecordQuery.MAX_SET)).subjects())
        .hasSize(RecordQuery.MAX_SET);
  }
}
