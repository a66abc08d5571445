package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The activity log of an {@link InMemoryIdentityProvider}: tests script what each user did with
 * each application ({@link #signIn}), and may make the next queries fail ({@link #failNext}, or
 * below the provider's retries with {@link InMemoryIdentityProvider#vendorFaults}). Keeps the
 * {@link ActivityLog} contract: window {@code [from, to)}, pages of the provider's page size in
 * time order, the token being the position of the next event. Thread-safe.
 */
public final class InMemoryActivityLog implements ActivityLog {
  private final String providerId;
  private final int pageSize;
  private final List<Scripted> events = new CopyOnWriteArrayList<>();
  private final Queue<ProviderException> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong queries = new AtomicLong();
  private final BiFunction<String, Supplier<ActivityPage>, ActivityPage> vendor;

  private record Scripted(String userId, String application, Activity activity) {}

  /**
   * A log of the provider {@code providerId}, {@code pageSize} events a page, whose queries go
   * through the provider's simulated {@code vendor} (its {@link VendorFault}s and retries).
   */
  InMemoryActivityLog(
      String providerId,
      int pageSize,
      BiFunction<String, Supplier<ActivityPage>, ActivityPage> vendor) {
    this.providerId = providerId;
    this.pageSize = pageSize;
    this.vendor = vendor;
  }

  /**
   * Records that {@code userId} signed in to the catalog application {@code application} at each of
   * {@code times}, as event kind {@code sign-in}.
   *
   * @return this log, for more scripting
   */
  public InMemoryActivityLog signIn(String userId, String application, Instant... times) {
    requireNonNull(userId, "userId");
    requireNonNull(application, "application");
    for (Instant at : times) {
      events.add(
          new Scripted(
              userId,
              application,
              new Activity(requireNonNull(at, "time"), "sign-in", "ev-" + (events.size() + 1))));
    }
    return this;
  }

  /** Makes the next query (one page) throw {@code failure}; failures queue up. */
  public InMemoryActivityLog failNext(ProviderException failure) {
    failures.add(requireNonNull(failure, "failure"));
    return this;
  }

  /** How many pages have been asked for, failed ones included. */
  public long queries() {
    return queries.get();
  }

  @Override
  public String source() {
    return providerId + ":memory";
  }

  @Override
  public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
    requireNonNull(query, "query");
    return vendor.apply("activity", () -> page(query, pageToken));
  }

  private ActivityPage page(ActivityQuery query, @Nullable String pageToken) {
    queries.incrementAndGet();
    ProviderException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
    List<Activity> matching = new ArrayList<>();
    for (Scripted s : events) {
      if (s.userId().equals(query.userId())
          && s.application().equals(query.application())
          && query.contains(s.activity().at())) {
        matching.add(s.activity());
      }
    }
    matching.sort(Comparator.comparing(Activity::at));
    int from = pageToken == null ? 0 : position(pageToken);
    int to = Math.min(matching.size(), from + pageSize);
    String next = to < matching.size() ? Integer.toString(to) : null;
    return new ActivityPage(
        matching.subList(Math.min(from, to), to),
        next,
        "activity user="
            + query.userId()
            + " application="
            + query.application()
            + " from="
            + query.from()
            + " to="
            + query.to());
  }

  private static int position(String token) {
    try {
      int at = Integer.parseInt(token);
      if (at >= 0) {
        return at;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException("not a page token of this activity log: " + token);
  }
}
