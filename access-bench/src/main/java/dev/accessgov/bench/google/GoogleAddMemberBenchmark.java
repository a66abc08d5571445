package dev.accessgov.bench.google;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Member;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.accessgov.google.GoogleIdentityProvider;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.spi.MembershipChange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Our {@code addMember} against calling the Directory client directly for the same request ({@code
 * members.insert}, one HTTP call, with the same delegated service-account credentials and
 * transport). Each invocation starts with the user outside the group, so both really add. Target:
 * ours within 10 % of {@code sdkInsert}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GoogleAddMemberBenchmark {
  private static final String GROUP = "03bench0000001";

  private GoogleEmulator emulator;
  private GoogleIdentityProvider ours;
  private Directory sdk;
  private String user;

  /** Starts the emulator, our provider and a plain Directory client on the same HTTP stack. */
  @Setup
  public void start() throws IOException {
    emulator = new GoogleEmulator();
    ServiceAccountKey key = new ServiceAccountKey(emulator.tokenUri());
    emulator.tokens().trust(key.publicKey());
    emulator.group(GROUP, "bench@example.com");
    user = emulator.user("bench-user@example.com", null);
    for (int i = 0; i < 50; i++) {
      emulator.member(GROUP, emulator.user("other" + i + "@example.com", null));
    }
    ours =
        GoogleIdentityProvider.builder()
            .rootUrl(emulator.rootUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .serviceAccountKey(key::json)
            .delegatedAdmin("admin@example.com")
            .build();
    ServiceAccountCredentials credentials =
        (ServiceAccountCredentials)
            ServiceAccountCredentials.fromStream(
                    new ByteArrayInputStream(key.json().getBytes(StandardCharsets.UTF_8)))
                .createScoped(GoogleIdentityProvider.SCOPES)
                .createDelegated("admin@example.com");
    sdk =
        new Directory.Builder(
                new NetHttpTransport(),
                GsonFactory.getDefaultInstance(),
                new HttpCredentialsAdapter(credentials))
            .setRootUrl(emulator.rootUrl())
            .setApplicationName("bench")
            .build();
  }

  /** Takes the user out of the group before each call, so every call really adds. */
  @Setup(Level.Invocation)
  public void absent() {
    emulator.nonMember(GROUP, user);
    emulator.server().resetRequests();
  }

  /** Stops everything. */
  @TearDown
  public void stop() {
    emulator.close();
  }

  /** Our provider: insert, retries armed, outcome and receipt built. */
  @Benchmark
  public MembershipChange oursAddMember() {
    return ours.addMember(GROUP, user);
  }

  /** The Directory client directly: the same insert, no retries, no receipt. */
  @Benchmark
  public Member sdkInsert() throws IOException {
    return sdk.members()
        .insert(
            GROUP, new Member().setId(user).setEmail("bench-user@example.com").setRole("MEMBER"))
        .execute();
  }
}
