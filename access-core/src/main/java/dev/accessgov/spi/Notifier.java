package dev.accessgov.spi;

import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.review.Reminder;

/**
 * Delivers what people must be told: review reminders and reclaim notices (mail, chat, a ticket
 * comment). The service stores each reminder and notice once before anything is delivered and marks
 * it delivered after this returns, so a process that dies in between delivers it again: delivery is
 * at least once, and each carries an {@code id()} an implementation can use to deliver it once. A
 * method that throws leaves the item undelivered for the next run. Implementations are thread-safe.
 */
public interface Notifier {

  /** Tells a reviewer they still have items to decide. */
  void remind(Reminder reminder);

  /** Tells a grant's holder it will be removed for inactivity after the grace period. */
  void notice(ReclaimNotice notice);
}
