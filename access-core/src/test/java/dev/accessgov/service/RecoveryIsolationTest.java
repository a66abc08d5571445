package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static dev.accessgov.service.RecordAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.SweepFailure;
import dev.accessgov.SweepResult;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("a sweep isolates records it cannot finish")
class RecoveryIsolationTest {
  private final Fixture f = new Fixture();
  private final Unreliable idp = new Unreliable(f.idp);

  @ParameterizedTest(name = "on {0} thread(s)")
  @ValueSource(ints = {1, 4})
  @DisplayName(
      "recover() finishes an unrelated record past a poison one, reports the poison one, and tries"
          + " it again on the next run")
  void poisonRecord(int parallelism) {
    AccessService access = service(parallelism);
    AccessRecord poison = insertPoison();
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    AccessRecord unrelated = access.grant(request("github/read").subject("dave").build());
    assertThat(unrelated).hasState(RecordState.PROVISIONING);

    SweepResult first = access.recover();

    assertThat(first.completed()).containsExactly(unrelated.id());
    assertThat(access.record(unrelated.id())).hasState(RecordState.ACTIVE);
    assertThat(first.failed()).extracting(SweepFailure::id).containsExactly(poison.id());
    assertThat(first.failed().get(0).reason())
        .contains(Duration.ofSeconds(Long.MAX_VALUE).toString());
    assertThat(first.toString()).contains("1 failed");

    SweepResult second = access.recover();
    assertThat(second.completed()).isEmpty();
    assertThat(second.failed()).extracting(SweepFailure::id).containsExactly(poison.id());
  }

  @ParameterizedTest(name = "on {0} thread(s)")
  @ValueSource(ints = {1, 4})
  @DisplayName(
      "recover() survives any runtime failure of one record (a provider bug) and finishes it once"
          + " the cause is gone")
  void unexpectedFailure(int parallelism) {
    AccessService access = service(parallelism);
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    AccessRecord broken = access.grant(request("github/read").subject("dave").build());
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    AccessRecord fine = access.grant(request("github/read").subject("erin").build());
    idp.brokenFor.add("dave");

    SweepResult first = access.recover();

    assertThat(first.completed()).containsExactly(fine.id());
    assertThat(first.failed())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo(broken.id());
              assertThat(x.reason()).isEqualTo("IllegalStateException: provider bug");
            });
    assertThat(access.record(broken.id())).hasState(RecordState.PROVISIONING);

    idp.brokenFor.clear();
    SweepResult second = access.recover();
    assertThat(second.completed()).containsExactly(broken.id());
    assertThat(second.failed()).isEmpty();
    assertThat(access.record(broken.id())).hasState(RecordState.ACTIVE).answersTheWalkthrough();
  }

  @ParameterizedTest(name = "on {0} thread(s)")
  @ValueSource(ints = {1, 4})
  @DisplayName(
      "expireDue() expires the others past a record it cannot finish, and recover() finishes it"
          + " later")
  void expiry(int parallelism) {
    AccessService access = service(parallelism);
    AccessRecord broken = activePrivileged(access, "dave");
    AccessRecord fine = activePrivileged(access, "erin");
    idp.brokenFor.add("dave");
    f.clock.advance(Duration.ofHours(2));

    SweepResult sweep = access.expireDue();

    assertThat(sweep.completed()).containsExactly(fine.id());
    assertThat(sweep.failed())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.id()).isEqualTo(broken.id());
              assertThat(x.reason()).isEqualTo("IllegalStateException: provider bug");
            });
    assertThat(access.record(broken.id())).hasState(RecordState.DEPROVISIONING);
    assertThat(access.record(fine.id())).hasState(RecordState.EXPIRED);

    idp.brokenFor.clear();
    assertThat(access.recover().completed()).containsExactly(broken.id());
    assertThat(access.record(broken.id())).hasState(RecordState.EXPIRED).answersTheWalkthrough();
  }

  private AccessRecord activePrivileged(AccessService access, String subject) {
    AccessRecord pending =
        access.grant(
            request("github/admin").subject(subject).duration(Duration.ofHours(1)).build());
    return access.approve(pending.id(), OLIVIA, "release window");
  }

  /**
   * A record an earlier version could write: PROVISIONING with a duration no end time can hold, its
   * membership already added.
   */
  private AccessRecord insertPoison() {
    f.idp.addMember("gh-read", "bob");
    AccessRecord r =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(BOB)
            .roleId(RoleId.of("github/read"))
            .requester(ALICE)
            .reason("written before durations were bounded")
            .requestedAt(f.clock.instant())
            .duration(Duration.ofSeconds(Long.MAX_VALUE))
            .state(RecordState.PROVISIONING)
            .build();
    EvidenceDraft requested =
        EvidenceDraft.of(
            r.id().value(),
            EvidenceType.REQUESTED,
            ALICE.asActor().toString(),
            f.clock.instant(),
            Map.of("reason", r.reason()));
    return f.store.insert(r, List.of(requested));
  }

  private AccessService service(int parallelism) {
    return f.service(idp, parallelism);
  }

  /** The fixture's provider, which fails with a bug (not a provider error) for chosen users. */
  private static final class Unreliable extends ForwardingIdentityProvider {
    final Set<String> brokenFor = ConcurrentHashMap.newKeySet();

    Unreliable(IdentityProvider delegate) {
      super(delegate);
    }

    @Override
    public MembershipChange addMember(String groupId, String userId) {
      check(userId);
      return delegate.addMember(groupId, userId);
    }

    @Override
    public MembershipChange removeMember(String groupId, String userId) {
      check(userId);
      return delegate.removeMember(groupId, userId);
    }

    private void check(String userId) {
      if (brokenFor.contains(userId)) {
        throw new IllegalStateException("provider bug");
      }
    }
  }
}
