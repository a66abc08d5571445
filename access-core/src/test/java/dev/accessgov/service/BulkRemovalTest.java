package dev.accessgov.service;

import static dev.accessgov.service.Fixture.request;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.SweepResult;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The expiry sweep removes the members of one group through {@link IdentityProvider#removeMembers},
 * at most {@link IdentityProvider#bulkRemovals} per call, and each record still ends with its own
 * answer.
 */
@DisplayName("expiry removes the members of a group in bulk")
class BulkRemovalTest {
  private static final List<String> SUBJECTS =
      List.of("bob", "carol", "dave", "erin", "frank", "grace");

  private final Fixture f = new Fixture();
  private final Bulk idp = new Bulk(f.idp);

  @ParameterizedTest(name = "on {0} thread(s)")
  @ValueSource(ints = {1, 4})
  @DisplayName("six members of one group, four per call: two calls, six records expired")
  void inBulk(int parallelism) {
    AccessService access = service(parallelism);
    List<AccessRecord> granted = dueGrants(access);

    SweepResult sweep = access.expireDue();

    assertThat(sweep.completed()).hasSize(SUBJECTS.size());
    assertThat(idp.calls).extracting(List::size).containsExactly(4, 2);
    for (AccessRecord r : granted) {
      AccessRecord ended = access.record(r.id());
      assertThat(ended).hasState(RecordState.EXPIRED);
      assertThat(ended.events(EvidenceType.DEPROVISIONED))
          .singleElement()
          .extracting(e -> e.detailText(EvidenceKeys.OUTCOME))
          .isEqualTo(MembershipOutcome.REMOVED.name());
      assertThat(f.idp.isMember("gh-read", ended.subject().value())).isFalse();
    }
  }

  @ParameterizedTest(name = "on {0} thread(s)")
  @ValueSource(ints = {1, 4})
  @DisplayName("one member refused in a bulk answer: its record waits for recovery, the rest end")
  void oneRefused(int parallelism) {
    AccessService access = service(parallelism);
    List<AccessRecord> granted = dueGrants(access);
    idp.refuse.add("dave");

    SweepResult sweep = access.expireDue();

    AccessRecord dave =
        granted.stream().filter(r -> r.subject().value().equals("dave")).findFirst().orElseThrow();
    assertThat(sweep.completed()).hasSize(SUBJECTS.size() - 1).doesNotContain(dave.id());
    assertThat(access.record(dave.id())).hasState(RecordState.DEPROVISIONING);
    assertThat(access.record(dave.id()).events(EvidenceType.DEPROVISION_FAILED)).hasSize(1);
    assertThat(f.idp.isMember("gh-read", "dave")).isTrue();

    idp.refuse.clear();
    assertThat(access.recover().completed()).containsExactly(dave.id());
    assertThat(access.record(dave.id())).hasState(RecordState.EXPIRED).answersTheWalkthrough();
  }

  private List<AccessRecord> dueGrants(AccessService access) {
    List<AccessRecord> granted = new ArrayList<>();
    for (String subject : SUBJECTS) {
      granted.add(
          access.grant(
              request("github/read").subject(subject).duration(Duration.ofHours(1)).build()));
    }
    assertThat(granted).allMatch(r -> r.state() == RecordState.ACTIVE);
    f.clock.advance(Duration.ofHours(2));
    return granted;
  }

  private AccessService service(int parallelism) {
    return f.service(idp, parallelism);
  }

  /** A provider with a bulk API of four, which records each call and can refuse chosen users. */
  private static final class Bulk extends ForwardingIdentityProvider {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    final Set<String> refuse = ConcurrentHashMap.newKeySet();

    Bulk(IdentityProvider delegate) {
      super(delegate);
    }

    @Override
    public int bulkRemovals() {
      return 4;
    }

    @Override
    public List<MembershipResult> removeMembers(String groupId, List<String> userIds) {
      calls.add(List.copyOf(userIds));
      List<MembershipResult> results = new ArrayList<>();
      for (String user : userIds) {
        results.add(
            refuse.contains(user)
                ? new MembershipResult.Failed(
                    groupId,
                    user,
                    ((dev.accessgov.inmemory.InMemoryIdentityProvider) delegate)
                        .failure("removeMembers", 503, true))
                : new MembershipResult.Changed(delegate.removeMember(groupId, user)));
      }
      return results;
    }
  }
}
