package dev.accessgov.jdbc;

import dev.accessgov.AccessService;
import dev.accessgov.AccessServiceBuilder;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.IdentityProvider;
import java.time.Clock;
import java.time.Duration;

/**
 * A small world for service-level tests: one application whose role {@code ops/deploy} is approved
 * automatically, lasts between one minute and a day, and maps to group {@code deployers} of
 * identity provider {@code idp}. People {@code user-0} .. {@code user-(n-1)} and {@code alice}.
 */
public final class Fixtures {
  /** The role every test grants. */
  public static final String ROLE = "ops/deploy";

  /** The group the role maps to. */
  public static final String GROUP = "deployers";

  /** The identity provider id the catalog names. */
  public static final String IDP = "idp";

  private Fixtures() {}

  /** The catalog. */
  public static Catalog catalog() {
    return Catalog.builder()
        .application(
            Application.builder("ops")
                .owner("olivia")
                .role(
                    Role.builder(ROLE)
                        .group(IDP, GROUP)
                        .approval(ApprovalPolicy.automatic())
                        .expiry(ExpiryPolicy.required(Duration.ofMinutes(1), Duration.ofDays(1)))))
        .build();
  }

  /** People user-0 .. user-(n-1), alice and olivia. */
  public static InMemoryPeopleDirectory people(int n) {
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
    people.add("alice", null).add("olivia", null);
    for (int i = 0; i < n; i++) {
      people.add("user-" + i, "alice");
    }
    return people;
  }

  /** A service on the given parts. */
  public static AccessService service(
      AccessStore store, IdentityProvider idp, int people, Clock clock) {
    return builder(store, idp, people, clock).build();
  }

  /** The builder behind {@link #service}, for tests that set more. */
  public static AccessServiceBuilder builder(
      AccessStore store, IdentityProvider idp, int people, Clock clock) {
    return AccessService.builder()
        .catalog(catalog())
        .identityProvider(idp)
        .peopleDirectory(people(people))
        .store(store)
        .clock(clock);
  }

  /** A request of the role for {@code user-i}, for {@code duration}, with key {@code grant-i}. */
  public static GrantRequest grant(int i, Duration duration) {
    return GrantRequest.builder()
        .subject("user-" + i)
        .role(ROLE)
        .requester("user-" + i)
        .reason("deploy release " + i)
        .duration(duration)
        .idempotencyKey("grant-" + i)
        .build();
  }
}
