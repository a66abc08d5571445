package dev.accessgov.internal;

import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.spi.PeopleDirectory;
import java.util.Optional;

/**
 * Judges identity-provider accounts against the verified domains: the member's login, and when it
 * is not an address, the person the directory resolves it to ({@link VerifiedDomains#unmanaged}).
 * Asks the directory nothing when no domain is configured. Not API.
 */
final class Unmanaged {
  private final VerifiedDomains domains;
  private final PeopleDirectory people;

  Unmanaged(VerifiedDomains domains, PeopleDirectory people) {
    this.domains = domains;
    this.people = people;
  }

  /**
   * Why the account with {@code login} is unmanaged; empty when it is managed or nothing is set.
   */
  Optional<String> why(String login) {
    if (domains.isEmpty()) {
      return Optional.empty();
    }
    // A login that is an address decides alone: the directory is asked only about plain logins.
    boolean address = VerifiedDomains.domainOf(login).isPresent();
    return domains.unmanaged(login, address ? null : people.resolve(login).orElse(null));
  }

  /** Whether the account with {@code login} is unmanaged. */
  boolean is(String login) {
    return why(login).isPresent();
  }

  VerifiedDomains domains() {
    return domains;
  }
}
