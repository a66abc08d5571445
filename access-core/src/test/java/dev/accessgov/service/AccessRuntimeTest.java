package dev.accessgov.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.AccessServiceBuilder;
import dev.accessgov.RuntimeStatus;
import dev.accessgov.SweepResult;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.inmemory.InMemoryTicketing;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.Reminder;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.BackgroundWork;
import dev.accessgov.spi.Notifier;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("AccessRuntime owns the service's parts")
class AccessRuntimeTest {
  private final Fixture f = new Fixture();

  /** Where every owned part writes its name when closed, in order. */
  private final List<String> closed = new CopyOnWriteArrayList<>();

  /** Parts whose close throws. */
  private final List<String> failing = new CopyOnWriteArrayList<>();

  private void closing(String name) {
    closed.add(name);
    if (failing.contains(name)) {
      throw new IllegalStateException(name + " would not close");
    }
  }

  private final class ClosingStore extends ForwardingAccessStore implements AutoCloseable {
    final AtomicBoolean down = new AtomicBoolean();

    ClosingStore() {
      super(f.store);
    }

    @Override
    public long evidenceSize() {
      if (down.get()) {
        throw new IllegalStateException("database at db.example:5432 refused the connection");
      }
      return super.evidenceSize();
    }

    @Override
    public void close() {
      closing("store");
    }
  }

  private final class ClosingProvider extends ForwardingIdentityProvider implements AutoCloseable {
    ClosingProvider() {
      super(f.idp);
    }

    @Override
    public void close() {
      closing("idp");
    }
  }

  private final class ClosingTicketing implements TicketingProvider, AutoCloseable {
    private final InMemoryTicketing inner = new InMemoryTicketing("ACCESS");

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public TicketRef openOrLink(AccessRecord record) {
      return inner.openOrLink(record);
    }

    @Override
    public void append(TicketRef ticket, EvidenceEvent event) {
      inner.append(ticket, event);
    }

    @Override
    public void transition(TicketRef ticket, RecordState state) {
      inner.transition(ticket, state);
    }

    @Override
    public void close() {
      closing("ticketing");
    }
  }

  private final class ClosingNotifier implements Notifier, AutoCloseable {
    @Override
    public void remind(Reminder reminder) {}

    @Override
    public void notice(ReclaimNotice notice) {}

    @Override
    public void close() {
      closing("notifier");
    }
  }

  private final class FakeBackground implements BackgroundWork {
    final AtomicBoolean running = new AtomicBoolean();
    boolean failStart;

    @Override
    public SweepResult start() {
      if (failStart) {
        throw new IllegalStateException("task table missing");
      }
      running.set(true);
      return new SweepResult(List.of(), List.of());
    }

    @Override
    public boolean isRunning() {
      return running.get();
    }

    @Override
    public void close() {
      running.set(false);
      closing("background");
    }
  }

  private final ClosingStore store = new ClosingStore();
  private final FakeBackground background = new FakeBackground();

  private AccessServiceBuilder owned() {
    return AccessService.builder()
        .catalog(f.catalog)
        .identityProvider(new ClosingProvider())
        .peopleDirectory(f.people)
        .store(store)
        .ticketing(new ClosingTicketing())
        .notifier(new ClosingNotifier())
        .checkpointSigner(f.signer)
        .clock(f.clock);
  }

  private AccessRuntime.Builder runtime() {
    return AccessRuntime.builder(owned())
        .background((service, s, clock, observer) -> background)
        .closeAlso(() -> closing("dataSource"));
  }

  @Nested
  @DisplayName("close()")
  class Close {
    @Test
    @DisplayName("closes background work, ticketing, notifier, providers, store, then the rest")
    void inOrder() {
      runtime().start().close();

      assertThat(closed)
          .containsExactly("background", "ticketing", "notifier", "idp", "store", "dataSource");
    }

    @Test
    @DisplayName("a second close does nothing")
    void idempotent() {
      AccessRuntime runtime = runtime().start();
      runtime.close();
      runtime.close();

      assertThat(closed).hasSize(6);
    }

    @Test
    @DisplayName("one failing close still closes the others; the first failure carries the rest")
    void failureClosesOthers() {
      failing.add("notifier");
      failing.add("store");
      AccessRuntime runtime = runtime().start();

      assertThatThrownBy(runtime::close)
          .hasMessage("notifier would not close")
          .satisfies(
              e ->
                  assertThat(e.getSuppressed())
                      .extracting(Throwable::getMessage)
                      .containsExactly("store would not close"));
      assertThat(closed)
          .containsExactly("background", "ticketing", "notifier", "idp", "store", "dataSource");
    }

    @Test
    @DisplayName("a checked exception from a close arrives as an AccessException")
    void checked() {
      AccessRuntime runtime =
          AccessRuntime.builder(owned())
              .closeAlso(
                  () -> {
                    throw new java.io.IOException("pool busy");
                  })
              .start();

      assertThatThrownBy(runtime::close)
          .isInstanceOf(dev.accessgov.AccessException.class)
          .hasMessageContaining("pool busy")
          .hasCauseInstanceOf(java.io.IOException.class);
    }
  }

  @Nested
  @DisplayName("start()")
  class Start {
    @Test
    @DisplayName("starts the background work on the service's store, clock and observer")
    void startsBackground() {
      AccessObserver observer = new AccessObserver() {};
      List<Object> given = new CopyOnWriteArrayList<>();
      try (AccessRuntime runtime =
          AccessRuntime.builder(owned().observer(observer))
              .background(
                  (service, s, clock, o) -> {
                    given.addAll(List.of(s, clock, o));
                    return background;
                  })
              .start()) {
        assertThat(given).containsExactly(store, (Clock) f.clock, observer);
        assertThat(background.isRunning()).isTrue();
        assertThat(runtime.catalog()).isSameAs(f.catalog);
      }
    }

    @Test
    @DisplayName("when the background work fails to start, everything opened is closed")
    void backgroundFails() {
      background.failStart = true;

      assertThatThrownBy(() -> runtime().start()).hasMessage("task table missing");
      assertThat(closed)
          .containsExactly("background", "ticketing", "notifier", "idp", "store", "dataSource");
    }

    @Test
    @DisplayName("when the service cannot be built, the parts it was given are closed")
    void buildFails() {
      AccessServiceBuilder noPeople =
          AccessService.builder()
              .catalog(f.catalog)
              .identityProvider(new ClosingProvider())
              .store(store);

      assertThatThrownBy(() -> AccessRuntime.builder(noPeople).start())
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("people directory");
      assertThat(closed).containsExactly("idp", "store");
    }

    @Test
    @DisplayName("stuckAfter must be positive")
    void stuckAfterPositive() {
      assertThatThrownBy(() -> AccessRuntime.builder(owned()).stuckAfter(Duration.ZERO))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("stuckAfter");
    }
  }

  @Nested
  @DisplayName("status()")
  class Status {
    @Test
    @DisplayName("a healthy runtime: store reachable, background running, sizes counted")
    void healthy() {
      try (AccessRuntime runtime = runtime().start()) {
        runtime.service().grant(Fixture.request("github/read").build());

        RuntimeStatus status = runtime.status();

        assertThat(status.storeReachable()).isTrue();
        assertThat(status.storeProblem()).isNull();
        assertThat(status.backgroundConfigured()).isTrue();
        assertThat(status.backgroundRunning()).isTrue();
        assertThat(status.inFlight()).isZero();
        assertThat(status.evidenceEvents()).isEqualTo(runtime.service().evidence().size());
        assertThat(status.evidenceEvents()).isPositive();
        assertThat(status.healthy()).isTrue();
      }
    }

    @Test
    @DisplayName("a store that does not answer is reported with its message")
    void storeDown() {
      try (AccessRuntime runtime = runtime().start()) {
        store.down.set(true);

        RuntimeStatus status = runtime.status();

        assertThat(status.storeReachable()).isFalse();
        assertThat(status.storeProblem())
            .isEqualTo("database at db.example:5432 refused the connection");
        assertThat(status.healthy()).isFalse();
      }
    }

    @Test
    @DisplayName("without background work: not configured, not running, still healthy")
    void noBackground() {
      try (AccessRuntime runtime = AccessRuntime.builder(owned()).start()) {
        RuntimeStatus status = runtime.status();

        assertThat(status.backgroundConfigured()).isFalse();
        assertThat(status.backgroundRunning()).isFalse();
        assertThat(status.healthy()).isTrue();
      }
    }

    @Test
    @DisplayName("a record in flight counts as stuck once unchanged for stuckAfter")
    void stuck() {
      try (AccessRuntime runtime = runtime().stuckAfter(Duration.ofMinutes(10)).start()) {
        f.idp.failNext(f.idp.failure("addMember", 503, true));
        AccessRecord paused = runtime.service().grant(Fixture.request("github/read").build());
        assertThat(paused.state()).isEqualTo(RecordState.PROVISIONING);

        f.clock.advance(Duration.ofMinutes(9));
        assertThat(runtime.status().inFlight()).isEqualTo(1);
        assertThat(runtime.status().stuckInFlight()).isZero();

        f.clock.advance(Duration.ofMinutes(1));
        assertThat(runtime.status().stuckInFlight()).isEqualTo(1);
      }
    }

    @Test
    @DisplayName("the latest checkpoint's age is read on the service's clock")
    void checkpointAge() {
      try (AccessRuntime runtime = runtime().start()) {
        assertThat(runtime.status().lastCheckpointAge()).isNull();
        runtime.service().grant(Fixture.request("github/read").build());
        runtime.service().evidence().checkpoint();

        f.clock.advance(Duration.ofMinutes(7));

        assertThat(runtime.status().lastCheckpointAge()).isEqualTo(Duration.ofMinutes(7));
      }
    }

    @Test
    @DisplayName("a service that does not sign has no checkpoint age")
    void unsigned() {
      AccessServiceBuilder unsigned =
          AccessService.builder()
              .catalog(f.catalog)
              .identityProvider(f.idp)
              .peopleDirectory(f.people)
              .clock(f.clock);
      try (AccessRuntime runtime = AccessRuntime.builder(unsigned).start()) {
        assertThat(runtime.status().lastCheckpointAge()).isNull();
        assertThat(runtime.status().storeReachable()).isTrue();
      }
    }
  }
}
