package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.StateConflictException;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A provider call that takes longer than recovery's quiet period. Found by the model test: recovery
 * took the record over from the thread still waiting on the provider, finished it, a revoke removed
 * the membership, and then the first thread's late "add" landed: a revoked record with the
 * membership back in the provider. Recovery now passes over records a thread of this process is
 * working on.
 */
@DisplayName("recovery while a provider call is still under way")
class SlowProviderRecoveryTest {
  private final Fixture f = new Fixture();
  private final CountDownLatch addStarted = new CountDownLatch(1);
  private final CountDownLatch releaseAdd = new CountDownLatch(1);
  private final ExecutorService pool = Executors.newSingleThreadExecutor();

  /** The fixture's provider, whose first add waits until the test lets it go. */
  private final IdentityProvider slow =
      new ForwardingIdentityProvider(f.idp) {
        @Override
        public String id() {
          return f.idp.id();
        }

        @Override
        public MembershipChange addMember(String groupId, String userId) {
          if (addStarted.getCount() > 0) {
            addStarted.countDown();
            await(releaseAdd);
          }
          return f.idp.addMember(groupId, userId);
        }
      };

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(1, TimeUnit.MINUTES)) {
        throw new AssertionError("the test never released the provider");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterEach
  void stop() {
    releaseAdd.countDown();
    pool.shutdownNow();
  }

  @Test
  @DisplayName("does not take over the record, so no late answer lands after it ended")
  void noTakeOver() throws Exception {
    AccessService access =
        AccessService.builder()
            .catalog(f.catalog)
            .identityProvider(slow)
            .peopleDirectory(f.people)
            .clock(f.clock)
            .build();
    Future<AccessRecord> granting = pool.submit(() -> access.grant(request("github/read").build()));
    await(addStarted);
    f.clock.advance(Duration.ofHours(1));

    access.recover(Duration.ofMinutes(5));
    AccessRecord inFlight =
        access.find(RecordQuery.all().subject("bob")).stream().findFirst().orElseThrow();
    assertThat(inFlight.state()).isEqualTo(RecordState.PROVISIONING);
    assertThat(inFlight.events(EvidenceType.RECOVERED)).isEmpty();
    assertThatThrownBy(() -> access.revoke(inFlight.id(), CAROL, "not yet"))
        .isInstanceOf(StateConflictException.class);

    releaseAdd.countDown();
    AccessRecord granted = granting.get(1, TimeUnit.MINUTES);
    assertThat(granted.state()).isEqualTo(RecordState.ACTIVE);
    assertThat(f.idp.memberIds("gh-read")).isEqualTo(List.of("bob"));
    AccessRecord revoked = access.revoke(granted.id(), CAROL, "done");
    assertThat(revoked.state()).isEqualTo(RecordState.REVOKED);
    assertThat(f.idp.memberIds("gh-read")).isEmpty();
  }
}
