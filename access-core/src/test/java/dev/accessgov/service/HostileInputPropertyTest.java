package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every public entry point, fed arbitrary strings, ids and durations: it either succeeds or throws
 * an {@link AccessException} (never an {@code IllegalArgumentException}, {@code
 * ArithmeticException} or the like), and a call that throws leaves records, evidence and the
 * identity provider as they were. The strings include lone surrogates, control characters, blank
 * and very long ones; the durations include zero, negative and the extremes of {@link Duration}.
 */
class HostileInputPropertyTest {

  /** One call of the API with one hostile string and one hostile duration in it. */
  enum Entry {
    PERSON_ID,
    ROLE_ID,
    RECORD_ID,
    GRANT_SUBJECT,
    GRANT_ROLE,
    GRANT_REQUESTER,
    GRANT_REASON,
    GRANT_TICKET,
    GRANT_KEY,
    GRANT_DURATION,
    APPROVE_COMMENT,
    APPROVE_BY,
    DENY_REASON,
    EXTEND_REASON,
    EXTEND_DURATION,
    EXTEND_BY,
    REVOKE_REASON,
    REVOKE_BY,
    OFFBOARD_SUBJECT,
    OFFBOARD_REASON,
    NOTE_ACTOR,
    NOTE_TEXT,
    RECORD_READ,
    REVIEW_ITEM,
    REVIEW_CAMPAIGN,
    REVIEW_DECIDE,
    RECOVER_QUIET,
    QUERY_SUBJECT,
    QUERY_LIMIT,
    EVIDENCE_READ,
    REVIEW_DELEGATE_TO
  }

  @Property(tries = 400)
  void onlyTypedExceptionsAndNothingChangedOnRefusal(
      @ForAll Entry entry,
      @ForAll("hostile") String s,
      @ForAll("durations") Duration d,
      @ForAll("numbers") long n) {
    Fixture f = new Fixture();
    AccessService access = f.service();
    AccessRecord active = access.grant(request("github/read").build());
    AccessRecord pending = access.grant(privileged(Duration.ofHours(2)));
    AccessRecord admin =
        access.approve(
            access
                .grant(
                    request("github/admin").subject("erin").duration(Duration.ofHours(6)).build())
                .id(),
            OLIVIA,
            "ok");
    Consumer<AccessService> call = call(entry, s, d, n, active, pending, admin);
    Fixture.Snapshot before = f.snapshot();
    try {
      call.accept(access);
    } catch (AccessException refused) {
      assertThat(f.snapshot()).as("refused %s changed nothing", entry).isEqualTo(before);
    } catch (RuntimeException untyped) {
      throw new AssertionError(entry + " threw an untyped exception for this input", untyped);
    }
  }

  private static Consumer<AccessService> call(
      Entry entry,
      String s,
      Duration d,
      long n,
      AccessRecord active,
      AccessRecord pending,
      AccessRecord admin) {
    GrantRequest.Builder ok = request("finance/ledger");
    return switch (entry) {
      case PERSON_ID -> a -> PersonId.of(s);
      case ROLE_ID -> a -> dev.accessgov.catalog.RoleId.of(s);
      case RECORD_ID -> a -> RecordId.of(s);
      case GRANT_SUBJECT -> a -> a.grant(ok.subject(s).build());
      case GRANT_ROLE -> a -> a.grant(ok.role(s).build());
      case GRANT_REQUESTER -> a -> a.grant(ok.requester(s).build());
      case GRANT_REASON -> a -> a.grant(ok.reason(s).build());
      case GRANT_TICKET -> a -> a.grant(ok.ticketKey(s).build());
      case GRANT_KEY -> a -> a.grant(ok.idempotencyKey(s).build());
      case GRANT_DURATION -> a -> a.grant(ok.duration(d).build());
      case APPROVE_COMMENT -> a -> a.approve(pending.id(), OLIVIA, s);
      case APPROVE_BY -> a -> a.approve(pending.id(), PersonId.of(s), "ok");
      case DENY_REASON -> a -> a.deny(pending.id(), OLIVIA, s);
      case EXTEND_REASON -> a -> a.extend(admin.id(), OLIVIA, Duration.ofHours(1), s);
      case EXTEND_DURATION -> a -> a.extend(admin.id(), OLIVIA, d, "longer");
      case EXTEND_BY -> a -> a.extend(admin.id(), PersonId.of(s), Duration.ofHours(1), "longer");
      case REVOKE_REASON -> a -> a.revoke(active.id(), CAROL, s);
      case REVOKE_BY -> a -> a.revoke(active.id(), PersonId.of(s), "done");
      case OFFBOARD_SUBJECT -> a -> a.offboard(PersonId.of(s), CAROL, "left");
      case OFFBOARD_REASON -> a -> a.offboard(BOB, CAROL, s);
      case NOTE_ACTOR -> a -> a.note(active.id(), Actor.parse(s), "hello");
      case NOTE_TEXT -> a -> a.note(active.id(), Actor.service("test"), s);
      case RECORD_READ -> a -> a.record(RecordId.of(s));
      case REVIEW_ITEM -> a -> a.reviews().item(ItemId.of(s));
      case REVIEW_CAMPAIGN -> a -> a.reviews().campaign(CampaignId.of(s));
      case REVIEW_DECIDE -> a -> a.reviews().decide(ItemId.of(s), OLIVIA, Verdict.KEEP, "fine");
      case RECOVER_QUIET -> a -> a.recover(d);
      case QUERY_SUBJECT -> a -> a.find(RecordQuery.all().subject(s));
      case QUERY_LIMIT -> a -> a.find(RecordQuery.all().limit((int) n));
      case EVIDENCE_READ -> a -> a.evidence().read(n, (int) (n >> 32));
      case REVIEW_DELEGATE_TO ->
          a -> a.reviews().delegate(ItemId.of("rc-x/1"), OLIVIA, PersonId.of(s), "away");
    };
  }

  @Provide
  Arbitrary<String> hostile() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings()
            .withChars('\uD800', '\uDFFF', '\u0000', '\n', '\u007F', 'a', ' ')
            .ofMaxLength(8),
        Arbitraries.of("", " ", "bob", "olivia", "carol", "github/read", "ar-x", "person:bob"),
        Arbitraries.integers().between(255, 70_000).map("a"::repeat));
  }

  @Provide
  Arbitrary<Long> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(0L, 1L, -1L, 10_000L, 10_001L, Long.MIN_VALUE, Long.MAX_VALUE),
        Arbitraries.longs());
  }

  @Provide
  Arbitrary<Duration> durations() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            Duration.ZERO,
            Duration.ofNanos(1),
            Duration.ofNanos(-1),
            Duration.ofHours(1),
            Duration.ofDays(36_500),
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            Duration.ofSeconds(Long.MIN_VALUE)),
        Arbitraries.longs().map(Duration::ofSeconds),
        Arbitraries.longs().map(Duration::ofNanos));
  }
}
