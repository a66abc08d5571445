package dev.accessgov.bench.entra;

import com.microsoft.graph.core.requests.GraphClientFactory;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import dev.accessgov.entra.EntraIdentityProvider;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.spi.MembershipChange;
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
 * Our {@code addMember} against calling the Graph SDK directly for the same operation: one {@code
 * POST /groups/{id}/members/$ref} through a {@code GraphServiceClient} with the SDK's default HTTP
 * client and middleware. Ours adds the group check (made once, then remembered), retries armed,
 * metadata capture and the receipt. Each invocation starts with the user outside the group. Target:
 * ours within 10 % of {@code sdkAddMember}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EntraAddMemberBenchmark {
  private static final String GROUP = "be000000-0000-4000-8000-000000000001";
  private static final String USER = "be000000-0000-4000-8000-0000000000u1";

  private GraphEmulator emulator;
  private EntraIdentityProvider ours;
  private GraphServiceClient sdk;

  /** Starts the emulator, our provider and a plain SDK client. */
  @Setup
  public void start() {
    emulator = new GraphEmulator();
    emulator.user(USER, "bench@contoso.example", null).group(GROUP);
    ours =
        EntraIdentityProvider.builder()
            .graphBaseUrl(emulator.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .build();
    // The SDK's Azure provider sends tokens over https only; for the emulator the token is put
    // on each request directly. The HTTP client is the SDK's default, retry handler included.
    AuthenticationProvider bearer =
        (request, context) -> request.headers.add("Authorization", "Bearer " + GraphEmulator.TOKEN);
    sdk = new GraphServiceClient(bearer, GraphClientFactory.create().build());
    sdk.getRequestAdapter().setBaseUrl(emulator.baseUrl());
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

  /** Our provider: cached group check, the add, retries armed, receipt built. */
  @Benchmark
  public MembershipChange oursAddMember() {
    return ours.addMember(GROUP, USER);
  }

  /** The SDK directly: the same request, the SDK's own middleware, no receipt. */
  @Benchmark
  public ReferenceCreate sdkAddMember() {
    ReferenceCreate ref = new ReferenceCreate();
    ref.setOdataId(emulator.baseUrl() + "/directoryObjects/" + USER);
    sdk.groups().byGroupId(GROUP).members().ref().post(ref);
    return ref;
  }
}
