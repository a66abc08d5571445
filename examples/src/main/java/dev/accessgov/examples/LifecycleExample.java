package dev.accessgov.examples;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Joiners, movers and leavers: birthright rules in the catalog, a new engineer onboarded in one
 * call (code reading automatically, payments once the application owner approves), a repeated call
 * that changes nothing, the same person transferred to Finance (code reading reviewed and, kept by
 * nobody, removed at the review's deadline), and offboarded. Prints each record's request and
 * removal answers, which name the lifecycle event, and checks the outcome (exit status 1 if it is
 * wrong).
 */
public final class LifecycleExample {
  private LifecycleExample() {}

  /** Runs the example; takes no arguments. */
  public static void main(String[] args) {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
    var okta =
        new InMemoryIdentityProvider("okta", clock)
            .user("nina")
            .groups("gh-read", "fin-payments", "wiki");
    var people =
        new InMemoryPeopleDirectory()
            .add("carol", null)
            .add("olivia", null)
            .put(
                new Person(
                    PersonId.of("nina"),
                    "Nina",
                    PersonId.of("carol"),
                    true,
                    "Engineering",
                    "Software Engineer",
                    Set.of("nina@example.com"),
                    "Berlin",
                    "employee"));
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(Role.builder("github/read").group("okta", "gh-read")))
            .application(
                Application.builder("finance")
                    .owner("olivia")
                    .role(Role.builder("finance/payments").group("okta", "fin-payments")))
            .application(
                Application.builder("wiki")
                    .owner("olivia")
                    .role(Role.builder("wiki/read").group("okta", "wiki")))
            // Who holds what from day one: simple predicates on directory attributes.
            .birthright(BirthrightRule.builder("wiki-for-all").role("wiki/read").everyone())
            .birthright(
                BirthrightRule.builder("engineers-read-code")
                    .role("github/read")
                    .department("Engineering"))
            .birthright(
                BirthrightRule.builder("berlin-payments")
                    .role("finance/payments")
                    .location("Berlin")
                    .approval(BirthrightApproval.APPLICATION_OWNER))
            .build();
    AccessService access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(okta)
            .peopleDirectory(people)
            .checkpointSigner(CheckpointSigner.generate("lifecycle"))
            .clock(clock)
            .build();
    PersonId nina = PersonId.of("nina");
    PersonId carol = PersonId.of("carol");

    // Joiner: one call grants every birthright role, linked by one lifecycle event.
    OnboardResult joined = access.onboard(nina, carol, "starts on 2026-01-05 (HR-7781)");
    System.out.println("onboarded " + joined.subject() + ", event " + joined.eventId());
    for (AccessRecord r : joined.records()) {
      System.out.println("  " + r.roleId() + ": " + r.state());
      System.out.println("    1. " + r.walkthrough().requested().text());
    }
    AccessRecord payments = joined.records().get(2);
    access.approve(payments.id(), PersonId.of("olivia"), "Berlin finance desk");
    boolean repeatSame =
        access.onboard(nina, carol, "HR sent the event again").records().stream()
            .map(AccessRecord::id)
            .toList()
            .equals(joined.records().stream().map(AccessRecord::id).toList());
    System.out.println("a repeated onboard returns the same records: " + repeatSame);

    // Mover: the directory says nina moved to Finance. One call grants the new position's
    // birthright roles and puts the rest under an immediate review by her manager; at its
    // deadline what nobody kept is revoked, all under one transfer event.
    people.update("nina", p -> p.with(PersonAttribute.DEPARTMENT, "Finance"));
    TransferResult moved = access.transfer(nina, carol, "moved to Finance (HR-7790)");
    System.out.println(
        "transferred "
            + moved.subject()
            + ", event "
            + moved.eventId()
            + ": "
            + moved.from()
            + " -> "
            + moved.to()
            + "; under review: "
            + moved.underReview().size());
    clock.advance(Duration.ofDays(7));
    access.reviews().closeDue();
    boolean codeReviewedAway = okta.memberIds("gh-read").isEmpty();
    System.out.println(
        "at the review's deadline github/read, kept by nobody, is gone: " + codeReviewedAway);

    // Leaver: one call ends everything, the evidence naming the offboarding event.
    clock.advance(Duration.ofDays(90));
    people.deactivate("nina");
    List<AccessRecord> left = access.offboard(nina, carol, "left on 2026-04-05");
    for (AccessRecord r : left) {
      System.out.println("  " + r.roleId() + ": " + r.state());
      System.out.println("    5. " + r.walkthrough().removed().text());
    }

    boolean ok =
        joined.records().size() == 3
            && repeatSame
            && moved.underReview().size() == 1
            && codeReviewedAway
            && left.size() == 2
            && okta.memberIds("gh-read").isEmpty()
            && okta.memberIds("fin-payments").isEmpty()
            && access.evidence().verify().valid();
    System.out.println(ok ? "lifecycle example: OK" : "lifecycle example: UNEXPECTED OUTCOME");
    if (!ok) {
      System.exit(1);
    }
  }
}
