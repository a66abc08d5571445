package dev.accessgov.service;

import dev.accessgov.AccessService;
import dev.accessgov.AccessServiceBuilder;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import dev.accessgov.time.TestClock;

/**
 * A company for joiner/mover/leaver tests: engineering gets {@code gh/dev} and {@code wiki/read} by
 * birthright, finance {@code ledger/read} and {@code wiki/read}; {@code gh/admin} is requested. Bob
 * works in engineering under mia, moves to finance under fred; ada administers; owen owns every
 * application.
 */
final class MoverWorld {
  static final PersonId BOB = PersonId.of("bob");
  static final PersonId MIA = PersonId.of("mia");
  static final PersonId FRED = PersonId.of("fred");
  static final PersonId ADA = PersonId.of("ada");
  static final PersonId OWEN = PersonId.of("owen");

  final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  final InMemoryIdentityProvider idp = new InMemoryIdentityProvider("okta", clock);
  final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  final AccessStore store;
  final Catalog catalog;

  MoverWorld() {
    this(new InMemoryAccessStore());
  }

  MoverWorld(AccessStore store) {
    this.store = store;
    for (String p : new String[] {"mia", "fred", "ada", "owen"}) {
      people.add(p, null);
    }
    people.put(
        Person.of("bob", "mia")
            .with(PersonAttribute.DEPARTMENT, "engineering")
            .with(PersonAttribute.TITLE, "developer"));
    for (String u : new String[] {"bob", "mia", "fred", "ada", "owen"}) {
      idp.user(u);
    }
    for (String g : new String[] {"g-dev", "g-admin", "g-wiki", "g-ledger"}) {
      idp.groups(g);
    }
    catalog =
        Catalog.builder()
            .application(
                Application.builder("gh")
                    .owner("owen")
                    .role(Role.builder("gh/dev").group("okta", "g-dev"))
                    .role(Role.builder("gh/admin").group("okta", "g-admin")))
            .application(
                Application.builder("wiki")
                    .owner("owen")
                    .role(Role.builder("wiki/read").group("okta", "g-wiki")))
            .application(
                Application.builder("ledger")
                    .owner("owen")
                    .role(Role.builder("ledger/read").group("okta", "g-ledger")))
            .birthright(
                BirthrightRule.builder("engineers").role("gh/dev").department("engineering"))
            .birthright(
                BirthrightRule.builder("staff wiki")
                    .role("wiki/read")
                    .department("engineering", "finance"))
            .birthright(BirthrightRule.builder("finance").role("ledger/read").department("finance"))
            .build();
  }

  AccessService service() {
    return service(LifecycleReviewPolicy.defaults());
  }

  AccessService service(LifecycleReviewPolicy policy) {
    return builder().lifecycleReviews(policy).build();
  }

  /** A service builder on this world's catalog, provider, people, store and clock. */
  AccessServiceBuilder builder() {
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(idp)
        .peopleDirectory(people)
        .administrators(ADA)
        .store(store)
        .clock(clock);
  }

  /** Bob's engineering access: his two birthright roles and a requested admin role. */
  void bobInEngineering(AccessService access) {
    for (String role : new String[] {"gh/dev", "wiki/read", "gh/admin"}) {
      access.grant(
          GrantRequest.builder()
              .subject("bob")
              .role(role)
              .requester("mia")
              .reason("engineering work")
              .build());
    }
  }

  /** The directory moves bob to finance, under fred. */
  void moveBobToFinance() {
    people.update("bob", p -> p.with(PersonAttribute.DEPARTMENT, "finance").withManager(FRED));
  }

  AccessRecord holding(AccessService access, String role) {
    return access.find(dev.accessgov.record.RecordQuery.all().subject("bob").role(role)).stream()
        .reduce((a, b) -> b)
        .orElseThrow();
  }
}
