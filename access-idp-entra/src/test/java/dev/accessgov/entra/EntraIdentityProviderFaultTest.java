package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.entra.emulator.EmulatedFailure;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The fault contract against the emulated Microsoft Graph: each {@link VendorFault} as Graph
 * answers it (error bodies with Graph's codes, 429 with {@code Retry-After}).
 */
// A hang guard, not a measure: every call ends by an answer or by its own total time.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EntraIdentityProviderFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "f0000000-0000-4000-8000-0000000000c1";
  private static final String USER = "f0000000-0000-4000-8000-0000000000c2";
  private static final String EMAIL = "fault-contract@contoso.example";

  private static GraphEmulator graph;
  private EntraIdentityProvider provider;

  @BeforeAll
  static void start() {
    graph = new GraphEmulator();
  }

  @AfterAll
  static void stop() {
    graph.close();
  }

  @BeforeEach
  void seed() {
    graph.reset().user(USER, EMAIL, EMAIL, true).group(GROUP);
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .client(
                c ->
                    c.maxAttempts(4)
                        .initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(100))
                        .requestTimeout(Duration.ofMinutes(1))
                        .totalTimeout(Duration.ofMinutes(2)))
            .client(c -> c.clock(Clock.systemUTC()))
            .build();
  }

  @AfterEach
  void requestsFollowTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected VendorControl vendor() {
    return VendorControl.of(
        (times, fault) -> graph.failNext(times, failure(fault)),
        graph::memberIds,
        () -> graph.server().getAllServeEvents().size());
  }

  private static EmulatedFailure failure(VendorFault fault) {
    return switch (fault) {
      case SERVER_ERROR -> EmulatedFailure.status(503);
      case CONNECTION_DROPPED -> EmulatedFailure.connectionReset();
      case MALFORMED_BODY -> EmulatedFailure.malformedJson();
      case LOST_ANSWER -> EmulatedFailure.lostAnswer();
      case RATE_LIMITED_BRIEFLY -> EmulatedFailure.throttled(1);
      case RATE_LIMITED_FOR_HOURS -> EmulatedFailure.throttled(Duration.ofHours(1).toSeconds());
      case UNAUTHORIZED ->
          new EmulatedFailure(401, "InvalidAuthenticationToken", -1, null, 0, false, false);
    };
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, USER, EMAIL, List.of(GraphEmulator.TOKEN));
  }
}
