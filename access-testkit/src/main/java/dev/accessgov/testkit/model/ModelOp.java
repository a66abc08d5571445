package dev.accessgov.testkit.model;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/**
 * One step of a model sequence. Steps name people, roles and records by index into {@link
 * ModelWorld}'s fixed lists (records: those created so far, modulo their number), so that a
 * sequence shrinks to a short, readable one.
 */
public sealed interface ModelOp {

  /** A grant request. */
  record Grant(int subject, int role, int requester, int duration, int reason, int key)
      implements ModelOp {}

  /** An approval of a record's pending step. */
  record Approve(int record, int actor, int reason) implements ModelOp {}

  /** A denial of a pending record. */
  record Deny(int record, int actor, int reason) implements ModelOp {}

  /** An extension of active access. */
  record Extend(int record, int actor, int duration) implements ModelOp {}

  /** A revocation of active access. */
  record Revoke(int record, int actor, int reason) implements ModelOp {}

  /** Everything a person holds, ended because they leave. */
  record Offboard(int subject, int actor) implements ModelOp {}

  /** A new hire's birthright access, requested by someone. */
  record Onboard(int subject, int actor) implements ModelOp {}

  /**
   * The directory moves a person to department {@code department} (of {@link #DEPARTMENTS}); when
   * {@code reported}, someone then calls {@code transfer}, else nobody reports the move.
   */
  record Transfer(int subject, int actor, int department, boolean reported) implements ModelOp {}

  /** The scheduler's directory reconciliation, run by hr (an administrator). */
  record DirectorySync() implements ModelOp {}

  /** The expiry sweep. */
  record ExpireDue() implements ModelOp {}

  /** Recovery of in-flight records. */
  record Recover() implements ModelOp {}

  /** A review campaign over everything, reviewed by the subjects' managers, owen as owner. */
  record Review() implements ModelOp {}

  /** A verdict on an item of a campaign started so far, by someone. */
  record Decide(int campaign, int item, int actor, boolean keep) implements ModelOp {}

  /** A campaign closed: its deadline actions applied to what is undecided. */
  record Close(int campaign) implements ModelOp {}

  /** The scheduler's review run: passed deadlines applied, then reminders sent. */
  record Deadlines() implements ModelOp {}

  /** The clock moves by {@code minutes}; negative moves it back. */
  record Move(int minutes) implements ModelOp {}

  /** Durations a request or extension may name, hostile ones included (null: none named). */
  List<@Nullable Duration> DURATIONS =
      java.util.Arrays.asList(
          null,
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(6),
          Duration.ofHours(24),
          Duration.ofDays(7),
          Duration.ofDays(30),
          Duration.ofDays(400),
          Duration.ZERO,
          Duration.ofHours(-1),
          Duration.ofSeconds(Long.MAX_VALUE),
          Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
          Duration.ofSeconds(Long.MIN_VALUE),
          Duration.ofDays(365L * 1_000_000));

  /** Reasons, hostile ones included. */
  List<String> REASONS =
      List.of(
          "on-call for release 4.2",
          "déploiement ✓ 🚀",
          "",
          "   ",
          "lone \uD800 surrogate",
          "nul \u0000 byte",
          "x".repeat(5000),
          "ends with [jsm:approved]",
          "=HYPERLINK(\"http://evil\")");

  /** Departments a person may be moved to; each has its birthright roles in the model catalog. */
  List<String> DEPARTMENTS = List.of("eng", "fin");

  /** Clock moves in minutes: forward mostly, sometimes back. */
  List<Integer> MOVES = List.of(1, 5, 30, 60, 6 * 60, 25 * 60, 8 * 24 * 60, 31 * 24 * 60, -5, -90);

  /** Any step, with {@code people} people, {@code roles} roles and a handful of records. */
  static Arbitrary<ModelOp> any(int people, int roles, int subjects) {
    Arbitrary<Integer> person = Arbitraries.integers().between(0, people - 1);
    // Those who hold authority somewhere (subjects, mia, owen, nina, nate, greta) act more often
    // than the rest, so that approvals, extensions and verdicts are accepted as well as refused.
    Arbitrary<Integer> actor =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.integers().between(0, Math.min(8, people - 1))),
            Tuple.of(1, person));
    Arbitrary<Integer> subject = Arbitraries.integers().between(0, subjects - 1);
    // Lifecycle calls are made by the subjects' manager (mia, index 4) or an administrator (hr,
    // the last person) more often than by others, so that they are accepted as well as refused.
    Arbitrary<Integer> lifecycleActor =
        Arbitraries.frequencyOf(
            Tuple.of(2, Arbitraries.just(4)),
            Tuple.of(2, Arbitraries.just(people - 1)),
            Tuple.of(1, person));
    Arbitrary<Integer> role = Arbitraries.integers().between(0, roles - 1);
    Arbitrary<Integer> record = Arbitraries.integers().between(0, 30);
    // The first eight durations are well-formed (whether a role accepts them is the policy's
    // business); the hostile rest come one time in five.
    Arbitrary<Integer> duration =
        Arbitraries.frequencyOf(
            Tuple.of(4, Arbitraries.integers().between(0, 7)),
            Tuple.of(1, Arbitraries.integers().between(8, DURATIONS.size() - 1)));
    // Mostly well-formed: hostile values are there to be refused, not to crowd out the rest.
    Arbitrary<Integer> reason =
        Arbitraries.frequencyOf(
            Tuple.of(7, Arbitraries.just(0)),
            Tuple.of(1, Arbitraries.just(1)),
            Tuple.of(2, Arbitraries.integers().between(2, REASONS.size() - 1)));
    Arbitrary<Integer> key = Arbitraries.integers().between(-3, 3);
    return Arbitraries.frequencyOf(
        Tuple.of(
            6, Combinators.combine(subject, role, person, duration, reason, key).as(Grant::new)),
        Tuple.of(5, Combinators.combine(record, actor, reason).as(Approve::new)),
        Tuple.of(1, Combinators.combine(record, actor, reason).as(Deny::new)),
        Tuple.of(2, Combinators.combine(record, actor, duration).as(Extend::new)),
        Tuple.of(2, Combinators.combine(record, actor, reason).as(Revoke::new)),
        Tuple.of(1, Combinators.combine(subject, actor).as(Offboard::new)),
        Tuple.of(1, Combinators.combine(subject, lifecycleActor).as(Onboard::new)),
        Tuple.of(
            2,
            Combinators.combine(
                    subject,
                    lifecycleActor,
                    Arbitraries.integers().between(0, DEPARTMENTS.size() - 1),
                    Arbitraries.of(true, false))
                .as(Transfer::new)),
        Tuple.of(1, Arbitraries.just(new DirectorySync())),
        Tuple.of(2, Arbitraries.just(new ExpireDue())),
        Tuple.of(1, Arbitraries.just(new Recover())),
        Tuple.of(1, Arbitraries.just(new Review())),
        Tuple.of(
            3,
            Combinators.combine(record, record, actor, Arbitraries.of(true, false))
                .as(Decide::new)),
        Tuple.of(1, record.map(Close::new)),
        Tuple.of(2, Arbitraries.just(new Deadlines())),
        Tuple.of(3, Arbitraries.of(MOVES).map(Move::new)));
  }
}
