package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.EmulatedFailure;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * The fault contract against the emulated Directory API: each {@link VendorFault} as Google answers
 * it (error bodies with Google's reasons, 403 {@code userRateLimitExceeded}, which says nothing of
 * when the quota resets).
 */
// A hang guard, not a measure: every call ends by an answer or by its own total time.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GoogleIdentityProviderFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "03faultcontract1";
  private static final String EMAIL = "fault-contract@example.com";

  private static GoogleEmulator google;
  private static ServiceAccountKey key;
  private GoogleIdentityProvider provider;
  private String user;

  @BeforeAll
  static void start() {
    google = new GoogleEmulator();
    key = new ServiceAccountKey(google.tokenUri());
    google.tokens().trust(key.publicKey());
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  @BeforeEach
  void seed() {
    google.reset().group(GROUP, "fault-contract-group@example.com");
    user = google.user(EMAIL, null);
    provider = Emulated.provider(google, key).client(c -> c.maxAttempts(4)).build();
    // As AccessService does: the user is found first, so the scripted faults meet the changes.
    provider.findUser(user);
  }

  @AfterEach
  void requestsAreValidDirectoryCalls() {
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
  }

  @Override
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected VendorControl vendor() {
    return VendorControl.of(
        (times, fault) -> google.failNext(times, failure(fault)),
        google::memberIds,
        () ->
            google.server().getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getUrl().equals("/token"))
                .count());
  }

  private static EmulatedFailure failure(VendorFault fault) {
    return switch (fault) {
      case SERVER_ERROR -> EmulatedFailure.status(503);
      case CONNECTION_DROPPED -> EmulatedFailure.connectionReset();
      case MALFORMED_BODY -> EmulatedFailure.malformedJson();
      case LOST_ANSWER -> EmulatedFailure.lostAnswer();
      case RATE_LIMITED_BRIEFLY, RATE_LIMITED_FOR_HOURS -> EmulatedFailure.userRateLimited();
      case UNAUTHORIZED -> EmulatedFailure.status(401, "authError");
    };
  }

  @Override
  protected boolean vendorSaysWhenLimitsReset() {
    return false;
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, user, EMAIL, List.of(key.privateKeyFragment()));
  }
}
