package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The table "Who may do what" of the root README, checked cell by cell: every action against every
 * kind of actor, on records of bob (requested by alice, managed by carol) in the {@link Fixture}
 * company. A cell that says yes must succeed; every other cell must be refused, typed ({@link
 * NotFoundException} for a person the directory does not know, {@link PolicyViolationException}
 * otherwise), name the actor, and change nothing.
 */
@DisplayName("who may do what (the README table)")
class AuthorityTest {

  /** The kinds of actor, each played by one person of the fixture. */
  enum Kind {
    SUBJECT("bob"),
    REQUESTER("alice"),
    MANAGER("carol"),
    APP_OWNER("olivia"),
    NAMED_APPROVER("dave"),
    CAMPAIGN_OWNER("grace"),
    ADMINISTRATOR("ivy"),
    ANYONE_ELSE("sam"),
    LEFT_THE_COMPANY("henry"),
    UNKNOWN("zoe");

    final PersonId person;

    Kind(String person) {
      this.person = PersonId.of(person);
    }
  }

  /** The actor's call, prepared on a world where everything it needs already happened. */
  interface Call {
    void by(PersonId actor);
  }

  /** One row of the table: how to prepare the action on a fresh world, and who may do it. */
  record Row(String action, Set<Kind> allowed, Function<World, Call> prepare) {}

  /**
   * The {@link ReviewWorld} company (bob holds github/read; a review campaign owned by grace
   * assigns bob's item to his manager carol), plus sam, who holds no role in anything.
   */
  static final class World {
    final ReviewWorld w = new ReviewWorld();
    final AccessService access = w.access;

    World() {
      w.f.people.add("sam", null);
    }

    AccessRecord pending(String role) {
      return access.grant(request(role).duration(Duration.ofHours(2)).build());
    }

    AccessRecord activeAdmin() {
      return access.approve(pending("github/admin").id(), OLIVIA, "ok");
    }

    AccessRecord activePayments() {
      AccessRecord r = access.grant(request("finance/payments").build());
      access.approve(r.id(), PersonId.of("frank"), "ok");
      return access.approve(r.id(), ERIN, "ok");
    }

    ItemId bobsItem() {
      return w.itemOf(access.reviews().start(ReviewWorld.spec().build()).id(), "bob").id();
    }
  }

  static List<Row> table() {
    List<Row> rows = new ArrayList<>();
    rows.add(
        new Row(
            "approve a MANAGER step",
            EnumSet.of(Kind.MANAGER),
            w -> {
              RecordId id = w.access.grant(request("github/billing").build()).id();
              return p -> w.access.approve(id, p, "ok");
            }));
    rows.add(
        new Row(
            "approve an APP_OWNER step",
            EnumSet.of(Kind.APP_OWNER),
            w -> {
              RecordId id = w.pending("github/admin").id();
              return p -> w.access.approve(id, p, "ok");
            }));
    rows.add(
        new Row(
            "approve a named step",
            EnumSet.of(Kind.NAMED_APPROVER),
            w -> {
              RecordId id = w.access.grant(request("finance/payments").build()).id();
              return p -> w.access.approve(id, p, "ok");
            }));
    rows.add(
        new Row(
            "deny an APP_OWNER step",
            EnumSet.of(Kind.APP_OWNER),
            w -> {
              RecordId id = w.pending("github/admin").id();
              return p -> w.access.deny(id, p, "no");
            }));
    rows.add(
        new Row(
            "extend an app-owner-only grant",
            EnumSet.of(Kind.APP_OWNER),
            w -> {
              RecordId id = w.activeAdmin().id();
              return p -> w.access.extend(id, p, Duration.ofHours(1), "more");
            }));
    rows.add(
        new Row(
            "extend a grant approved by policy alone",
            EnumSet.of(Kind.APP_OWNER),
            w -> {
              RecordId id = w.pending("aws/breakglass").id();
              return p -> w.access.extend(id, p, Duration.ofMinutes(30), "more");
            }));
    rows.add(
        new Row(
            "revoke a grant",
            EnumSet.of(Kind.SUBJECT, Kind.MANAGER, Kind.APP_OWNER, Kind.ADMINISTRATOR),
            w -> {
              RecordId id = w.activeAdmin().id();
              return p -> w.access.revoke(id, p, "done");
            }));
    rows.add(
        new Row(
            "revoke a grant whose policy names approvers",
            EnumSet.of(
                Kind.SUBJECT,
                Kind.MANAGER,
                Kind.APP_OWNER,
                Kind.NAMED_APPROVER,
                Kind.ADMINISTRATOR),
            w -> {
              RecordId id = w.activePayments().id();
              return p -> w.access.revoke(id, p, "done");
            }));
    rows.add(
        new Row(
            "offboard a person",
            EnumSet.of(Kind.MANAGER, Kind.ADMINISTRATOR),
            w -> {
              w.activeAdmin();
              return p -> w.access.offboard(BOB, p, "left");
            }));
    rows.add(
        new Row(
            "onboard a person",
            EnumSet.of(Kind.MANAGER, Kind.ADMINISTRATOR),
            w -> p -> w.access.onboard(BOB, p, "joins")));
    rows.add(
        new Row(
            "decide a review item (assigned to the manager)",
            EnumSet.of(Kind.MANAGER),
            w -> {
              ItemId item = w.bobsItem();
              return p -> w.access.reviews().decide(item, p, Verdict.KEEP, "ok");
            }));
    rows.add(
        new Row(
            "delegate a review item (assigned to the manager)",
            EnumSet.of(Kind.MANAGER),
            w -> {
              ItemId item = w.bobsItem();
              return p -> w.access.reviews().delegate(item, p, ERIN, "away");
            }));
    rows.add(
        new Row(
            "receive a delegated or reassigned review item",
            EnumSet.complementOf(EnumSet.of(Kind.SUBJECT, Kind.LEFT_THE_COMPANY, Kind.UNKNOWN)),
            w -> {
              ItemId item = w.bobsItem();
              return p -> w.access.reviews().delegate(item, CAROL, p, "away");
            }));
    rows.add(
        new Row(
            "reassign a review item",
            EnumSet.of(Kind.CAMPAIGN_OWNER, Kind.ADMINISTRATOR),
            w -> {
              ItemId item = w.bobsItem();
              return p -> w.access.reviews().reassign(item, p, ERIN, "carol is away");
            }));
    return rows;
  }

  @TestFactory
  Stream<DynamicTest> everyCell() {
    return table().stream()
        .flatMap(
            row ->
                Stream.of(Kind.values())
                    .map(
                        kind ->
                            DynamicTest.dynamicTest(
                                row.action()
                                    + " by "
                                    + kind
                                    + ": "
                                    + (row.allowed().contains(kind) ? "allowed" : "refused"),
                                () -> check(row, kind))));
  }

  private static void check(Row row, Kind kind) {
    World w = new World();
    Call call = row.prepare().apply(w);
    if (row.allowed().contains(kind)) {
      call.by(kind.person);
      return;
    }
    Fixture.Snapshot before = w.w.f.snapshot();
    List<ReviewItem> items = itemsOf(w);
    assertThatThrownBy(() -> call.by(kind.person))
        .isInstanceOf(
            kind == Kind.UNKNOWN ? NotFoundException.class : PolicyViolationException.class)
        .hasMessageContaining(kind.person.value());
    assertThat(w.w.f.snapshot()).isEqualTo(before);
    assertThat(itemsOf(w)).isEqualTo(items);
  }

  private static List<ReviewItem> itemsOf(World w) {
    return w.access.reviews().campaigns().stream()
        .flatMap(c -> w.access.reviews().items(c.id()).stream())
        .toList();
  }
}
