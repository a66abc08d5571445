package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.StateConflictException;
import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.MembershipChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("The observer hears each committed transition once")
class ObserverTest {
  private final Fixture f = new Fixture();
  private final RecordingObserver observer = new RecordingObserver();
  private final AccessService access = f.builder().observer(observer).build();

  /** One way through a record's life, run on a fresh fixture; returns the record it followed. */
  @FunctionalInterface
  interface Path extends BiFunction<Fixture, AccessService, AccessRecord> {}

  static Stream<Arguments> paths() {
    return Stream.of(
        Arguments.of(
            "auto-approved grant",
            (Path) (f, a) -> a.grant(request("github/read").build()),
            List.of("requested PROVISIONING", "approved PT0S", "provisioned PT0S")),
        Arguments.of(
            "grant, approved half an hour later, active",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(privileged(Duration.ofHours(6)));
                  f.clock.advance(Duration.ofMinutes(30));
                  return a.approve(r.id(), OLIVIA, "release window");
                },
            List.of("requested PENDING_APPROVAL", "approved PT30M", "provisioned PT0S")),
        Arguments.of(
            "a quorum approves on its second approval only",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(request("finance/payments").build());
                  f.clock.advance(Duration.ofMinutes(5));
                  a.approve(r.id(), DAVE, "yes");
                  f.clock.advance(Duration.ofMinutes(5));
                  return a.approve(r.id(), ERIN, "yes");
                },
            List.of("requested PENDING_APPROVAL", "approved PT10M", "provisioned PT0S")),
        Arguments.of(
            "denied two hours after the request",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(privileged(Duration.ofHours(6)));
                  f.clock.advance(Duration.ofHours(2));
                  return a.deny(r.id(), OLIVIA, "not during the freeze");
                },
            List.of("requested PENDING_APPROVAL", "denied PT2H")),
        Arguments.of(
            "revoked",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(request("github/read").build());
                  return a.revoke(r.id(), IVY, "left the team");
                },
            List.of(
                "requested PROVISIONING", "approved PT0S", "provisioned PT0S", "ended REVOKED")),
        Arguments.of(
            "expired by the sweep",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(privileged(Duration.ofHours(1)));
                  a.approve(r.id(), OLIVIA, "ok");
                  f.clock.advance(Duration.ofHours(2));
                  a.expireDue();
                  return a.record(r.id());
                },
            List.of(
                "requested PENDING_APPROVAL",
                "approved PT0S",
                "provisioned PT0S",
                "ended EXPIRED")),
        Arguments.of(
            "provisioning refused for good",
            (Path)
                (f, a) -> {
                  f.idp.failNext(f.idp.failure("addMember", 403, false));
                  return a.grant(request("github/read").build());
                },
            List.of("requested PROVISIONING", "approved PT0S", "ended FAILED")),
        Arguments.of(
            "provisioning paused, finished by recovery five minutes later",
            (Path)
                (f, a) -> {
                  f.idp.failNext(f.idp.failure("addMember", 503, true));
                  AccessRecord r = a.grant(request("github/read").build());
                  f.clock.advance(Duration.ofMinutes(5));
                  a.recover(Duration.ZERO);
                  return a.record(r.id());
                },
            List.of("requested PROVISIONING", "approved PT0S", "provisioned PT5M")),
        Arguments.of(
            "active access offboarded",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(request("github/read").build());
                  a.offboard(BOB, IVY, "left the company");
                  return a.record(r.id());
                },
            List.of(
                "requested PROVISIONING", "approved PT0S", "provisioned PT0S", "ended REVOKED")),
        Arguments.of(
            "a pending request withdrawn by offboarding",
            (Path)
                (f, a) -> {
                  AccessRecord r = a.grant(privileged(Duration.ofHours(1)));
                  f.clock.advance(Duration.ofMinutes(1));
                  a.offboard(BOB, IVY, "left the company");
                  return a.record(r.id());
                },
            List.of("requested PENDING_APPROVAL", "denied PT1M")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  @DisplayName("every transition path fires exactly its events, once each")
  void path(String name, Path path, List<String> expected) {
    AccessRecord followed = path.apply(f, access);

    assertThat(observer.of(followed)).containsExactlyElementsOf(expected);
    assertThat(observer.events).allMatch(e -> e.contains(followed.id().value()));
  }

  @Test
  @DisplayName("a repeated request with the same idempotency key is not a new request")
  void replayed() {
    access.grant(request("github/read").idempotencyKey("k-1").build());
    access.grant(request("github/read").idempotencyKey("k-1").build());

    assertThat(observer.events).filteredOn(e -> e.startsWith("requested")).hasSize(1);
  }

  @Nested
  @DisplayName("provider calls")
  class ProviderCalls {
    @Test
    @DisplayName("each call is reported with its provider, operation, time on the clock, outcome")
    void timed() {
      AccessService slow =
          f.builder(
                  new ForwardingIdentityProvider(f.idp) {
                    @Override
                    public MembershipChange addMember(String groupId, String userId) {
                      f.clock.advance(Duration.ofSeconds(3));
                      return super.addMember(groupId, userId);
                    }
                  })
              .observer(observer)
              .build();

      slow.grant(request("github/read").build());

      assertThat(observer.calls).contains("call okta.addMember PT3S ok");
    }

    @Test
    @DisplayName("a failed call is reported with what it threw")
    void failed() {
      f.idp.failNext(f.idp.failure("addMember", 503, true));

      access.grant(request("github/read").build());

      assertThat(observer.calls).contains("call okta.addMember PT0S ProviderException");
    }

    @Test
    @DisplayName("removals and membership reads are reported too")
    void everyOperation() {
      AccessRecord r = access.grant(request("github/read").build());
      access.revoke(r.id(), IVY, "done");

      assertThat(observer.calls)
          .anyMatch(c -> c.startsWith("call okta.addMember"))
          .anyMatch(c -> c.startsWith("call okta.removeMember"));
    }
  }

  @Nested
  @DisplayName("an observer that throws")
  class Throwing {
    private final AccessObserver broken =
        new AccessObserver() {
          @Override
          public void requested(AccessRecord record) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void approved(AccessRecord record, Duration sinceRequest) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void provisioned(AccessRecord record, Duration sinceApproval) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void ended(AccessRecord record) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void providerCall(
              String providerId, String operation, Duration took, @Nullable Throwable failure) {
            throw new IllegalStateException("meter registry closed");
          }

          @Override
          public void sweep(String name, Duration took, SweepResult result) {
            throw new IllegalStateException("meter registry closed");
          }
        };

    @Test
    @DisplayName("never fails the operation it observes")
    void ignored() {
      AccessService a = f.builder().observer(broken).build();

      AccessRecord r = a.grant(request("github/read").build());
      assertThat(r.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(a.revoke(r.id(), IVY, "done").state()).isEqualTo(RecordState.REVOKED);
    }

    @Test
    @DisplayName("does not turn a provider failure into its own")
    void providerFailureKept() {
      AccessService a = f.builder().observer(broken).build();
      f.idp.failNext(f.idp.failure("addMember", 403, false));

      assertThat(a.grant(request("github/read").build()).state()).isEqualTo(RecordState.FAILED);
    }
  }

  @RepeatedTest(20)
  @DisplayName("an expiry sweep racing a revoke reports one end, whichever wins")
  void raceEndsOnce() throws Exception {
    AccessService swept = f.builder().observer(observer).sweepParallelism(1).build();
    AccessRecord r = swept.grant(privileged(Duration.ofHours(1)));
    swept.approve(r.id(), OLIVIA, "ok");
    f.clock.advance(Duration.ofHours(2));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      Future<?> sweep =
          two.submit(
              () -> {
                go.await();
                return swept.expireDue();
              });
      Future<?> revoke =
          two.submit(
              () -> {
                go.await();
                try {
                  return swept.revoke(r.id(), IVY, "left the team");
                } catch (StateConflictException expiredFirst) {
                  return null;
                }
              });
      go.countDown();
      sweep.get(30, TimeUnit.SECONDS);
      revoke.get(30, TimeUnit.SECONDS);
    } finally {
      two.shutdownNow();
    }

    AccessRecord done = swept.record(r.id());
    assertThat(done.state()).isIn(RecordState.EXPIRED, RecordState.REVOKED);
    assertThat(observer.of(done))
        .containsExactly(
            "requested PENDING_APPROVAL",
            "approved PT0S",
            "provisioned PT0S",
            "ended " + done.state());
  }
}
