package dev.accessgov.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.spi.Activity;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

class UsageTallyPropertyTest {
  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  /**
   * A vendor log as loose as the contract allows: pages of any size in shuffled order, and events
   * just outside the window mixed in, as a vendor with inclusive bounds or coarser times returns.
   */
  private static final class LooseLog implements ActivityLog {
    private final List<List<Activity>> pages;

    LooseLog(List<Activity> all, int pageSize, long seed) {
      List<Activity> shuffled = new ArrayList<>(all);
      Collections.shuffle(shuffled, new Random(seed));
      pages = new ArrayList<>();
      for (int i = 0; i < shuffled.size(); i += pageSize) {
        pages.add(shuffled.subList(i, Math.min(shuffled.size(), i + pageSize)));
      }
      if (pages.isEmpty()) {
        pages.add(List.of());
      }
    }

    @Override
    public String source() {
      return "test:loose";
    }

    @Override
    public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
      int page = pageToken == null ? 0 : Integer.parseInt(pageToken);
      return new ActivityPage(
          pages.get(page), page + 1 < pages.size() ? Integer.toString(page + 1) : null, "q");
    }
  }

  @Property(tries = 300)
  @Label("count, first and last equal a simple model for any timeline and window")
  void tallyMatchesModel(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 1000) Integer> minutes,
      @ForAll @IntRange(min = 0, max = 1000) int start,
      @ForAll @IntRange(min = 1, max = 400) int length,
      @ForAll @IntRange(min = 1, max = 25) int pageSize,
      @ForAll long seed) {
    List<Activity> timeline = new ArrayList<>();
    for (int m : minutes) {
      timeline.add(new Activity(T0.plusSeconds(60L * m), "sign-in", null));
    }
    Instant from = T0.plusSeconds(60L * start);
    Instant to = from.plusSeconds(60L * length);

    UsageTally tally =
        UsageTally.read(
            new LooseLog(timeline, pageSize, seed),
            new ActivityQuery("u", "app", from, to),
            10_000);

    List<Integer> inWindow =
        minutes.stream().filter(m -> m >= start && m < start + length).sorted().toList();
    assertThat(tally.count()).isEqualTo(inWindow.size());
    assertThat(tally.truncated()).isFalse();
    if (inWindow.isEmpty()) {
      assertThat(tally.first()).isNull();
      assertThat(tally.last()).isNull();
    } else {
      assertThat(tally.first()).isEqualTo(T0.plusSeconds(60L * inWindow.get(0)));
      assertThat(tally.last()).isEqualTo(T0.plusSeconds(60L * inWindow.get(inWindow.size() - 1)));
    }
  }

  @Property(tries = 100)
  @Label("a window with more events than the limit is counted up to it and marked truncated")
  void truncated(
      @ForAll @IntRange(min = 1, max = 30) int limit,
      @ForAll @IntRange(min = 1, max = 30) int extra,
      @ForAll @IntRange(min = 1, max = 7) int pageSize) {
    List<Activity> timeline = new ArrayList<>();
    for (int i = 0; i < limit + extra; i++) {
      timeline.add(new Activity(T0.plusSeconds(i), "sign-in", null));
    }
    UsageTally tally =
        UsageTally.read(
            new LooseLog(timeline, pageSize, 1L),
            new ActivityQuery("u", "app", T0, T0.plusSeconds(3600)),
            limit);
    assertThat(tally.count()).isEqualTo(limit);
    assertThat(tally.truncated()).isTrue();
  }
}
