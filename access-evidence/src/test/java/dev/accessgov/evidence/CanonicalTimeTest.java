package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * The fast reading of evidence times agrees with {@link Instant#parse} on every text: the times the
 * library writes, texts of the same shape with any digits (invalid dates, hours, leap seconds), and
 * texts just off that shape.
 */
class CanonicalTimeTest {

  @Property(tries = 2000)
  @Label("every time the library writes reads back as the same instant")
  void written(@ForAll @LongRange(min = -62_167_219_200_000L, max = 253_402_300_799_999L) long ms) {
    Instant time = Instant.ofEpochMilli(ms).truncatedTo(ChronoUnit.MILLIS);

    assertThat(CanonicalTime.parse(time.toString())).isEqualTo(time);
  }

  @Property(tries = 5000)
  @Label("any text of the canonical shape or near it reads as Instant.parse reads it")
  void agreesWithInstantParse(@ForAll("nearlyCanonical") String text) {
    Object expected = outcome(() -> Instant.parse(text));

    assertThat(outcome(() -> CanonicalTime.parse(text))).as(text).isEqualTo(expected);
  }

  /** The instant, or the class of the refusal. */
  private static Object outcome(java.util.function.Supplier<Instant> parse) {
    Throwable refused = catchThrowable(parse::get);
    return refused == null ? parse.get() : refused.getClass();
  }

  @Provide
  Arbitrary<String> nearlyCanonical() {
    Arbitrary<String> digits2 =
        Arbitraries.integers().between(0, 99).map(i -> String.format("%02d", i));
    Arbitrary<String> year =
        Arbitraries.integers().between(0, 9999).map(i -> String.format("%04d", i));
    Arbitrary<String> millis =
        Arbitraries.oneOf(
            Arbitraries.just(""),
            Arbitraries.integers().between(0, 999).map(i -> String.format(".%03d", i)),
            Arbitraries.of(".5", ".12", ".1234", "."));
    Arbitrary<String> canonical =
        Combinators.combine(year, digits2, digits2, digits2, digits2, digits2, millis)
            .as(
                (y, mo, d, h, mi, s, f) ->
                    y + "-" + mo + "-" + d + "T" + h + ":" + mi + ":" + s + f + "Z");
    return Arbitraries.oneOf(
        canonical,
        Combinators.combine(
                canonical,
                Arbitraries.integers().between(0, 23),
                Arbitraries.of('0', '-', 'T', ':', '.', 'Z', '9', 'x', ' '))
            .as(
                (t, at, c) ->
                    t.substring(0, Math.min(at, t.length() - 1))
                        + c
                        + t.substring(Math.min(at, t.length() - 1) + 1)),
        Arbitraries.of(
            "2024-02-29T23:59:60Z",
            "2023-02-29T00:00:00Z",
            "2024-05-01T24:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2024-05-01T09:02:00.264+01:00",
            "2024-05-01t09:02:00Z",
            "2024-05-01T09:02Z"));
  }
}
