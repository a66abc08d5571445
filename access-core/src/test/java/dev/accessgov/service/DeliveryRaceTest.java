package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.review.Reminder;
import dev.accessgov.spi.Notifier;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two threads of one service sending reminders at once deliver each reminder once. The model test
 * (AccessServiceModelContract, four threads) found a reminder delivered twice: both threads read it
 * as undelivered before either marked it delivered.
 */
@DisplayName("concurrent deliveries of one service")
class DeliveryRaceTest {

  /** Holds the first delivery until released; counts every call. */
  private static final class HeldNotifier implements Notifier {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void remind(Reminder reminder) {
      calls.incrementAndGet();
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void notice(ReclaimNotice notice) {
      calls.incrementAndGet();
    }
  }

  @Test
  @Timeout(120) // only a hang reaches it
  @DisplayName("a second sendReminders waits while the first delivers, then finds nothing to send")
  void remindersOnce() throws Exception {
    Fixture f = new Fixture();
    HeldNotifier notifier = new HeldNotifier();
    AccessService access = f.builder().notifier(notifier).build();
    access.grant(request("github/read").build());
    access.reviews().start(ReviewWorld.spec().build()); // reminders 7 and 1 day before
    f.clock.advance(Duration.ofDays(8));

    Thread first = new Thread(() -> access.reviews().sendReminders(), "first");
    first.start();
    assertThat(notifier.entered.await(2, TimeUnit.MINUTES)).isTrue();
    Thread second = new Thread(() -> access.reviews().sendReminders(), "second");
    second.start();
    // Either the second thread delivers the same reminder (the defect), or it waits its turn.
    while (notifier.calls.get() < 2 && second.getState() != Thread.State.BLOCKED) {
      Thread.onSpinWait();
    }
    notifier.release.countDown();
    first.join();
    second.join();

    assertThat(notifier.calls.get()).as("deliveries of the one reminder").isEqualTo(1);
  }
}
