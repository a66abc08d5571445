package dev.accessgov.inmemory;

import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.ActivityLogContract;
import dev.accessgov.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class InMemoryActivityLogTest extends ActivityLogContract {
  private final InMemoryIdentityProvider provider =
      new InMemoryIdentityProvider("mem", TestClock.at("2026-01-05T09:00:00Z"), 4)
          .user("u1")
          .user("u2")
          .retries(4, Duration.ofMinutes(2));

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected ActivityScript vendor() {
    return new ActivityScript() {
      @Override
      public void signIns(String userId, String application, List<Instant> times) {
        provider.activity().signIn(userId, application, times.toArray(Instant[]::new));
      }

      @Override
      public void failNext(int times, VendorFault fault) {
        provider.vendorFaults(times, fault);
      }
    };
  }

  @Override
  protected String user() {
    return "u1";
  }

  @Override
  protected String otherUser() {
    return "u2";
  }

  @Override
  protected int pageSize() {
    return 4;
  }

  @Override
  protected void forgetFailures() {
    // Each test has its own provider: faults left over die with it.
  }
}
