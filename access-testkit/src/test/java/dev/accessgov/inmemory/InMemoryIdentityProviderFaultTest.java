package dev.accessgov.inmemory;

import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The in-memory provider's simulated vendor keeps the fault contract the real providers keep. */
class InMemoryIdentityProviderFaultTest extends IdentityProviderFaultContract {
  private final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider("memory", Clock.systemUTC(), 100)
          .user(new IdpUser("u-bob", "bob", "bob@example.com", true))
          .groups("faults")
          .retries(4, Duration.ofMinutes(2));

  @Override
  protected IdentityProvider provider() {
    return idp;
  }

  @Override
  protected VendorControl vendor() {
    return VendorControl.of(idp::vendorFaults, idp::memberIds, idp::vendorRequests);
  }

  @Override
  protected Subjects subjects() {
    return new Subjects("faults", "u-bob", "bob@example.com", List.of("in-memory-has-no-secret"));
  }
}
