package dev.accessgov.inmemory;

import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderContract;
import dev.accessgov.time.TestClock;

class InMemoryIdentityProviderTest extends IdentityProviderContract {
  private final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("memory", TestClock.at("2026-01-05T09:00:00Z"), 100)
          .user("bob@example.com")
          .groups("empty");

  @Override
  protected IdentityProvider provider() {
    return idp;
  }

  @Override
  protected String knownUser() {
    return "bob@example.com";
  }

  @Override
  protected String emptyGroup() {
    return "empty";
  }

  @Override
  protected String groupWithMembers(int count) {
    idp.groups("large");
    for (int i = 0; i < count; i++) {
      String login = "user" + i + "@example.com";
      idp.user(login).addMember("large", login);
    }
    return "large";
  }
}
