package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.review.Reminder;
import dev.accessgov.spi.Notifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Notifier} that keeps what it was given, for tests and for hosts that read reminders and
 * notices from it instead of having them delivered. Each reminder and notice is kept once by its
 * id, as a real notifier should deliver it once; {@link #deliveries()} counts every call, so a test
 * can see a redelivery. Thread-safe. The default notifier of a service built without one.
 */
public final class InMemoryNotifier implements Notifier {
  private final Map<String, Reminder> reminders = new LinkedHashMap<>();
  private final Map<String, ReclaimNotice> notices = new LinkedHashMap<>();
  private int deliveries;

  /** A notifier that has been given nothing. */
  public InMemoryNotifier() {}

  @Override
  public synchronized void remind(Reminder reminder) {
    requireNonNull(reminder, "reminder");
    deliveries++;
    reminders.putIfAbsent(reminder.id(), reminder);
  }

  @Override
  public synchronized void notice(ReclaimNotice notice) {
    requireNonNull(notice, "notice");
    deliveries++;
    notices.putIfAbsent(notice.id(), notice);
  }

  /** Every distinct reminder delivered, in order of first delivery. */
  public synchronized List<Reminder> reminders() {
    return new ArrayList<>(reminders.values());
  }

  /** Every distinct reclaim notice delivered, in order of first delivery. */
  public synchronized List<ReclaimNotice> notices() {
    return new ArrayList<>(notices.values());
  }

  /** How many times either method was called, redeliveries included. */
  public synchronized int deliveries() {
    return deliveries;
  }

  @Override
  public synchronized String toString() {
    return "InMemoryNotifier[" + reminders.size() + " reminders, " + notices.size() + " notices]";
  }
}
