package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.okta.emulator.EmulatedFailure;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
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
 * The fault contract against the emulated Okta: each {@link VendorFault} as Okta answers it (error
 * bodies with Okta's codes, 429 with {@code X-Rate-Limit-Reset}).
 */
// A hang guard, not a measure: every call ends by an answer or by its own total time.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OktaIdentityProviderFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "00gfaultcontract001";
  private static final String USER = "00ufaultcontract001";
  private static final String EMAIL = "fault-contract@example.com";

  private static OktaEmulator okta;
  private OktaIdentityProvider provider;

  @BeforeAll
  static void start() {
    okta = new OktaEmulator();
  }

  @AfterAll
  static void stop() {
    okta.close();
  }

  @BeforeEach
  void seed() {
    okta.reset().user(USER, EMAIL, null).group(GROUP);
    provider =
        OktaIdentityProvider.builder()
            .orgUrl(okta.orgUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .apiToken(() -> OktaEmulator.TOKEN)
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
  void requestsFollowTheSpec() {
    provider.close();
    assertThat(SpecValidator.violations(okta.server().getAllServeEvents(), false)).isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected VendorControl vendor() {
    return VendorControl.of(
        (times, fault) -> {
          if (fault == VendorFault.RATE_LIMITED_FOR_HOURS) {
            okta.rateLimit(0, Duration.ofHours(1).toMillis()); // every request, reset in an hour
          } else {
            okta.failNext(times, failure(fault));
          }
        },
        okta::memberIds,
        () -> okta.server().getAllServeEvents().size());
  }

  private static EmulatedFailure failure(VendorFault fault) {
    return switch (fault) {
      case SERVER_ERROR -> EmulatedFailure.status(503);
      case CONNECTION_DROPPED -> EmulatedFailure.connectionReset();
      case MALFORMED_BODY -> EmulatedFailure.malformedJson();
      case LOST_ANSWER -> EmulatedFailure.lostAnswer();
      case RATE_LIMITED_BRIEFLY -> EmulatedFailure.rateLimited();
      case UNAUTHORIZED -> new EmulatedFailure(401, "E0000011", null, 0, false, false);
      case RATE_LIMITED_FOR_HOURS ->
          throw new IllegalArgumentException("a rate limit, not a failure");
    };
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, USER, EMAIL, List.of(OktaEmulator.TOKEN));
  }
}
