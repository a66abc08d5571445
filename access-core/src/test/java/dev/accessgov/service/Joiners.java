package dev.accessgov.service;

import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.Person;
import java.util.Set;

/**
 * The {@link Fixture} company with birthright rules: everyone reads GitHub, engineers keep the
 * ledger, and everyone in Berlin gets payments once the application owner approves. Nina is a new
 * engineer in Berlin managed by Carol; Omar works in Berlin in sales.
 */
final class Joiners {
  static final PersonId NINA = PersonId.of("nina");
  static final PersonId OMAR = PersonId.of("omar");

  final Fixture f = new Fixture();
  final Catalog catalog;

  Joiners() {
    Catalog.Builder b = Catalog.builder();
    for (Application app : f.catalog.applications()) {
      b.application(app);
    }
    f.catalog.sodRules().forEach(b::sodRule);
    this.catalog =
        b.birthright(BirthrightRule.builder("all-github-read").role("github/read").everyone())
            .birthright(
                BirthrightRule.builder("engineering-ledger")
                    .role("finance/ledger")
                    .department("engineering"))
            .birthright(
                BirthrightRule.builder("berlin-payments")
                    .role("finance/payments")
                    .location("Berlin")
                    .approval(BirthrightApproval.APPLICATION_OWNER))
            .birthright(
                BirthrightRule.builder("finance-billing")
                    .role("github/billing")
                    .department("finance"))
            .build();
    f.people.put(person(NINA, "engineering"));
    f.people.put(person(OMAR, "sales"));
    f.idp.user("nina").user("omar");
  }

  private static Person person(PersonId id, String department) {
    return new Person(
        id,
        id.value(),
        Fixture.CAROL,
        true,
        department,
        "engineer",
        Set.of(id.value() + "@example.com"),
        "Berlin",
        "employee");
  }

  dev.accessgov.AccessServiceBuilder builder() {
    return f.builder().catalog(catalog);
  }

  /** A builder like {@link #builder()} whose provider is {@code provider}. */
  dev.accessgov.AccessServiceBuilder builder(dev.accessgov.spi.IdentityProvider provider) {
    return f.builder(provider).catalog(catalog);
  }

  AccessService service() {
    return builder().build();
  }
}
