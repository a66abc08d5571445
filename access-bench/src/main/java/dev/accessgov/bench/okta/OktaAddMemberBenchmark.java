package dev.accessgov.bench.okta;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.cache.Caches;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.client.ApiClient;
import com.okta.sdk.resource.model.User;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.spi.MembershipChange;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our {@code addMember} against calling the Okta SDK directly for the same operation: look the user
 * up in the group's members, then assign (what ours does to report ALREADY_MEMBER truthfully).
 * {@code sdkAssignOnly} is the bare, single-request assignment, for reference. Each invocation
 * starts with the user outside the group. Target: ours within 10 % of {@code sdkLookupAndAssign}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OktaAddMemberBenchmark {
  private static final String GROUP = "00gbench00000000001";
  private static final String USER = "00ubench00000000001";

  private OktaEmulator emulator;
  private OktaIdentityProvider ours;
  private GroupApi sdk;

  /** Starts the emulator, our provider and a plain SDK client on the same HTTP stack. */
  @Setup
  public void start() {
    emulator = new OktaEmulator();
    // No rate limit here: this measures overhead, not throttling.
    emulator.rateLimit(1_000_000_000, 60_000).user(USER, "bench@example.com", null).group(GROUP);
    for (int i = 0; i < 50; i++) {
      String id = String.format("00uother%011d", i);
      emulator.user(id, "other" + i + "@example.com", null).member(GROUP, id);
    }
    ours =
        OktaIdentityProvider.builder()
            .orgUrl(emulator.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
            .build();
    System.setProperty("okta.testing.disableHttpsCheck", "true");
    ApiClient client =
        Clients.builder()
            .setOrgUrl(emulator.orgUrl())
            .setClientCredentials(new TokenClientCredentials(OktaEmulator.TOKEN))
            .setCacheManager(Caches.newDisabledCacheManager())
            .setRetryMaxAttempts(0)
            .build();
    sdk = new GroupApi(client);
  }

  /** Takes the user out of the group before each call, so every call really adds. */
  @Setup(Level.Invocation)
  public void absent() {
    emulator.nonMember(GROUP, USER);
    emulator.server().resetRequests();
  }

  /** Stops everything. */
  @TearDown
  public void stop() {
    ours.close();
    emulator.close();
  }

  /** Our provider: look-up, assignment, retries armed, receipt built. */
  @Benchmark
  public MembershipChange oursAddMember() {
    return ours.addMember(GROUP, USER);
  }

  /** The SDK directly, same two requests, no retries, no receipt. */
  @Benchmark
  public boolean sdkLookupAndAssign() {
    List<User> users = sdk.listGroupUsers(GROUP, null, 200);
    boolean present = users.stream().anyMatch(u -> USER.equals(u.getId()));
    if (!present) {
      sdk.assignUserToGroup(GROUP, USER);
    }
    return present;
  }

  /** The SDK's bare assignment: one request, cannot tell ADDED from ALREADY_MEMBER. */
  @Benchmark
  public void sdkAssignOnly() {
    sdk.assignUserToGroup(GROUP, USER);
  }
}
