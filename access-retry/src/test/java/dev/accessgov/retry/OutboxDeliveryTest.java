package dev.accessgov.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.inmemory.InMemoryOutbox;
import dev.accessgov.spi.OutboxEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The delivery loop the Jira and Slack modules share. */
class OutboxDeliveryTest {
  /** Only fails on a real hang. */
  private static final Duration LIVENESS = Duration.ofSeconds(60);

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final List<String> delivered = new CopyOnWriteArrayList<>();

  private OutboxEntry queue(String ticket, String payload) {
    return outbox.add(
        new OutboxEntry(
            0, ticket, OutboxEntry.Kind.NOTE, "r-" + ticket, 0, payload, Instant.EPOCH));
  }

  private static ProviderException down() {
    return new ProviderException("vendor", "post", 503, null, null, true, "down", null);
  }

  private static ProviderException refused() {
    return new ProviderException("vendor", "post", 400, "bad", null, false, "refused", null);
  }

  @Test
  @DisplayName("every entry is delivered once, in order per ticket, and removed from the outbox")
  void deliversInOrder() throws Exception {
    for (int i = 0; i < 5; i++) {
      queue("A", "a" + i);
      queue("B", "b" + i);
    }
    try (OutboxDelivery d =
        OutboxDelivery.builder("Vendor", outbox, e -> delivered.add(e.payload())).build()) {
      d.start();
      assertThat(d.flush(LIVENESS)).isTrue();
      assertThat(delivered).hasSize(10);
      assertThat(delivered.stream().filter(p -> p.startsWith("a")))
          .containsExactly("a0", "a1", "a2", "a3", "a4");
      assertThat(delivered.stream().filter(p -> p.startsWith("b")))
          .containsExactly("b0", "b1", "b2", "b3", "b4");
      assertThat(outbox.size()).isZero();
      assertThat(d.healthy()).isTrue();
    }
  }

  @Test
  @DisplayName("while the vendor is down nothing is lost or reordered, and health says so")
  void outagePausesThenResumes() throws Exception {
    queue("A", "a0");
    queue("A", "a1");
    AtomicInteger failuresLeft = new AtomicInteger(3);
    List<Boolean> healthDuringOutage = new CopyOnWriteArrayList<>();
    List<Integer> backoffAttempts = new CopyOnWriteArrayList<>();
    OutboxDelivery[] self = new OutboxDelivery[1];
    OutboxDelivery.Delivery flaky =
        e -> {
          if (failuresLeft.getAndDecrement() > 0) {
            if (self[0] != null) {
              healthDuringOutage.add(self[0].healthy());
            }
            throw down();
          }
          delivered.add(e.payload());
        };
    try (OutboxDelivery d =
        OutboxDelivery.builder("Vendor", outbox, flaky)
            .backoff(
                attempt -> {
                  backoffAttempts.add(attempt);
                  return 1;
                })
            .build()) {
      self[0] = d;
      d.start();
      assertThat(d.flush(LIVENESS)).isTrue();
      assertThat(delivered).containsExactly("a0", "a1");
      assertThat(backoffAttempts).containsExactly(1, 2, 3);
      assertThat(healthDuringOutage.subList(1, healthDuringOutage.size())).containsOnly(false);
      assertThat(d.healthy()).isTrue();
      assertThat(d.dropped()).isZero();
    }
  }

  @Test
  @DisplayName("a refused configuration holds every entry until it is fixed")
  void refusedConfigurationWaits() throws Exception {
    queue("A", "a0");
    AtomicInteger failuresLeft = new AtomicInteger(2);
    OutboxDelivery.Delivery tokenRefused =
        e -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new AccessConfigurationException("token refused; set Settings.token");
          }
          delivered.add(e.payload());
        };
    try (OutboxDelivery d =
        OutboxDelivery.builder("Vendor", outbox, tokenRefused).backoff(n -> 1).build()) {
      d.start();
      assertThat(d.flush(LIVENESS)).isTrue();
      assertThat(delivered).containsExactly("a0");
      assertThat(d.dropped()).isZero();
    }
  }

  @Test
  @DisplayName("an entry the vendor refuses for good is dropped alone; the rest go out")
  void refusalDropsOneEntry() throws Exception {
    queue("A", "bad");
    queue("A", "a1");
    queue("B", "b0");
    OutboxDelivery.Delivery picky =
        e -> {
          if (e.payload().equals("bad")) {
            throw refused();
          }
          delivered.add(e.payload());
        };
    try (OutboxDelivery d = OutboxDelivery.builder("Vendor", outbox, picky).build()) {
      d.start();
      assertThat(d.flush(LIVENESS)).isTrue();
      assertThat(delivered).containsExactlyInAnyOrder("a1", "b0");
      assertThat(d.dropped()).isEqualTo(1);
      assertThat(outbox.size()).isZero();
    }
  }

  @Test
  @DisplayName("flush runs the refill step first and waits for what it queued")
  void flushRefillsFirst() throws Exception {
    AtomicInteger refills = new AtomicInteger();
    Runnable refill = () -> queue("R", "refill-" + refills.incrementAndGet());
    try (OutboxDelivery d =
        OutboxDelivery.builder("Vendor", outbox, e -> delivered.add(e.payload()))
            .refill(refill, Duration.ofDays(1))
            .build()) {
      d.start();
      assertThat(d.flush(LIVENESS)).isTrue();
      int before = refills.get();
      assertThat(before).isPositive();
      assertThat(d.flush(LIVENESS)).isTrue();
      assertThat(refills.get()).isGreaterThan(before);
      assertThat(delivered).contains("refill-" + refills.get());
      assertThat(outbox.size()).isZero();
    }
  }

  @Test
  @DisplayName("close cuts a hanging delivery short, keeps its entry, and sends nothing after")
  void closeKeepsTheEntryInFlight() throws Exception {
    queue("A", "a0");
    CountDownLatch entered = new CountDownLatch(1);
    AtomicInteger afterClose = new AtomicInteger();
    boolean[] closing = new boolean[1];
    OutboxDelivery.Delivery hanging =
        e -> {
          if (closing[0]) {
            afterClose.incrementAndGet();
          }
          entered.countDown();
          try {
            new CountDownLatch(1).await(); // a vendor that never answers
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new ProviderException(
                "vendor", "post", 0, null, null, true, "interrupted", interrupted);
          }
        };
    OutboxDelivery d = OutboxDelivery.builder("Vendor", outbox, hanging).build();
    d.start();
    assertThat(entered.await(LIVENESS.toSeconds(), TimeUnit.SECONDS)).isTrue();
    closing[0] = true;
    d.close();
    assertThat(outbox.size()).isEqualTo(1);
    assertThat(afterClose).hasValue(0);
    assertThat(d.flush(LIVENESS)).as("nothing will deliver what is left").isFalse();
    assertThat(d.healthy()).as("a delivery cut short by close is no outage").isTrue();
  }
}
