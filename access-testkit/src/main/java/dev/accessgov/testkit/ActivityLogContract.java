package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.ProviderException;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import dev.accessgov.spi.IdentityProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ActivityLog}, for every identity provider that offers one: window {@code
 * [from, to)} whatever the vendor's own bounds, only the user's events with the application asked
 * about, every event on exactly one page of a walk over many pages, an empty window answered empty,
 * and a rate limit waited out within the provider's retries.
 *
 * <p>Subclass it in the provider's module with an {@link ActivityScript} over the provider's
 * emulator. Build the provider with a small page size ({@link #pageSize()}), the catalog
 * application {@value #APPLICATION} mapped to the vendor's application that {@link
 * ActivityScript#signIns} scripts under that name (and {@value #OTHER_APPLICATION} to another one,
 * or not at all), at least 4 attempts per call and backoffs of milliseconds. Nothing here measures
 * speed.
 */
public abstract class ActivityLogContract {
  /** The catalog application the provider is built to map to a vendor application. */
  public static final String APPLICATION = "wiki";

  /** Another catalog application, whose sign-ins must not count for {@value #APPLICATION}. */
  public static final String OTHER_APPLICATION = "crm";

  /** The start of the window the tests ask about. */
  protected static final Instant FROM = Instant.parse("2026-01-05T10:00:00Z");

  /** The end of that window, exclusive: an hour later. */
  protected static final Instant TO = FROM.plus(Duration.ofHours(1));

  /** A provider's vendor log, as a test fills it and makes it misbehave. */
  public interface ActivityScript {
    /**
     * Makes the vendor log that {@code userId} signed in to the application the catalog calls
     * {@code application} at each of {@code times}, as the vendor records a successful sign-in.
     */
    void signIns(String userId, String application, List<Instant> times);

    /** Makes the next {@code times} requests the vendor receives fail with {@code fault}. */
    void failNext(int times, VendorFault fault);
  }

  /** The provider under test, built as the class description says. */
  protected abstract IdentityProvider provider();

  /** The vendor behind {@link #provider()}. */
  protected abstract ActivityScript vendor();

  /** The provider's id of a user the vendor knows, with no activity when the test starts. */
  protected abstract String user();

  /** The provider's id of another user the vendor knows. */
  protected abstract String otherUser();

  /** The most events one page holds, as the provider was built. */
  protected abstract int pageSize();

  private ActivityLog log() {
    return provider()
        .activityLog()
        .orElseThrow(() -> new AssertionError(provider() + " offers no activity log"));
  }

  /** Every event of a walk over all pages, with the number of pages. */
  private record Walk(List<Activity> events, int pages) {}

  private Walk walk(ActivityQuery query) {
    List<Activity> events = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      ActivityPage page = log().activity(query, token);
      assertThat(page.query()).as("the query as asked").isNotBlank();
      events.addAll(page.events());
      token = page.nextPageToken();
      pages++;
      assertThat(pages).as("pages of one walk").isLessThan(1_000);
    } while (token != null);
    return new Walk(events, pages);
  }

  private static List<Instant> minutesFrom(Instant start, int count) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      times.add(start.plusSeconds(60L * i + 7));
    }
    return times;
  }

  @Test
  @DisplayName("the log names its source after the provider")
  void source() {
    assertThat(log().source())
        .startsWith(provider().id())
        .hasSizeGreaterThan(provider().id().length());
  }

  @Test
  @DisplayName("many pages: every event of the window exactly once, nothing outside it")
  void pagingOverManyEvents() {
    int inside = pageSize() * 2 + 3;
    List<Instant> times = new ArrayList<>(minutesFrom(FROM, inside - 1));
    times.add(FROM); // the start is inside
    vendor().signIns(user(), APPLICATION, times);
    vendor().signIns(user(), APPLICATION, List.of(FROM.minusSeconds(1), TO, TO.plusSeconds(60)));
    vendor().signIns(user(), OTHER_APPLICATION, List.of(FROM.plusSeconds(30)));
    vendor().signIns(otherUser(), APPLICATION, List.of(FROM.plusSeconds(40)));

    Walk walk = walk(new ActivityQuery(user(), APPLICATION, FROM, TO));

    assertThat(walk.pages()).isGreaterThanOrEqualTo(3);
    assertThat(walk.events()).hasSize(inside);
    assertThat(walk.events()).allMatch(a -> !a.at().isBefore(FROM) && a.at().isBefore(TO));
    Set<Instant> seen = new HashSet<>();
    walk.events().forEach(a -> assertThat(seen.add(a.at())).as("seen once: " + a).isTrue());
    assertThat(seen).containsExactlyInAnyOrderElementsOf(times);
  }

  @Test
  @DisplayName("an empty window, and a user with no activity, are answered empty")
  void emptyWindow() {
    vendor().signIns(user(), APPLICATION, List.of(FROM.plusSeconds(90)));

    assertThat(walk(new ActivityQuery(user(), APPLICATION, TO, TO.plusSeconds(3600))).events())
        .isEmpty();
    assertThat(walk(new ActivityQuery(otherUser(), APPLICATION, FROM, TO)).events()).isEmpty();
  }

  @Test
  @DisplayName("a rate limit then success: the walk is complete")
  void rateLimitThenSuccess() {
    vendor().signIns(user(), APPLICATION, minutesFrom(FROM, pageSize() + 1));
    vendor().failNext(1, VendorFault.RATE_LIMITED_BRIEFLY);

    assertThat(walk(new ActivityQuery(user(), APPLICATION, FROM, TO)).events())
        .hasSize(pageSize() + 1);
  }

  @Test
  @DisplayName("a lasting outage is a retryable typed error naming the provider")
  void lastingOutage() {
    vendor().failNext(50, VendorFault.SERVER_ERROR);
    try {
      assertThatThrownBy(
              () -> log().activity(new ActivityQuery(user(), APPLICATION, FROM, TO), null))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.providerId()).isEqualTo(provider().id());
              });
    } finally {
      forgetFailures();
    }
  }

  /** Forgets failures a test scripted but the provider did not use up. */
  protected abstract void forgetFailures();
}
