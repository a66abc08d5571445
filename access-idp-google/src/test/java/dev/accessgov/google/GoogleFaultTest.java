package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.ProviderException;
import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.EmulatedFailure;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Google misbehaving: every operation ends in success or a typed error, never a duplicate
 * membership, and never later than the configured total time.
 *
 * <p>No outcome here depends on how fast the machine is. Timeouts are bounds no healthy run
 * reaches, so calls end by attempts and answers; where a test wants a timeout to fire, the answer
 * is held back far longer than that timeout.
 */
// A hang guard, not a measure: every call here ends by an answer or by its own total time (two
// minutes at most), and nothing waits for an hour-long Retry-After or rate-limit reset.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GoogleFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "03faults000001";

  /** The total time of a call, as {@link Emulated} sets it: only a hang reaches it. */
  private static final Duration BUDGET = Duration.ofMinutes(2);

  /** How long an answer meant to time out is held back: longer than any timeout here. */
  private static final long HELD_BACK_MILLIS = Duration.ofMinutes(10).toMillis();

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
    google.reset().group(GROUP, "faults@example.com");
    user = google.user("faults@example.com.user", null);
    provider = Emulated.provider(google, key).client(c -> c.maxAttempts(6)).build();
    // As AccessService does: the user is found first, so members.insert has the primary e-mail it
    // requires and the scripted failures below meet the calls they are meant for.
    provider.findUser(user);
    google.server().resetRequests();
  }

  @AfterEach
  void requestsAreValidDirectoryCalls() {
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
  }

  private MembershipChange addTheUser() {
    return provider.addMember(GROUP, user);
  }

  private static long requests(String method) {
    return google.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getMethod().getName().equals(method) && !r.getUrl().equals("/token"))
        .count();
  }

  private void exactlyOneMembership() {
    assertThat(google.memberIds(GROUP)).containsExactly(user);
  }

  @Override
  protected IdentityProvider provider(AccessObserver observer) {
    return Emulated.provider(google, key).client(c -> c.maxAttempts(6).observer(observer)).build();
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
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, user, "faults@example.com.user", List.of(key.privateKeyFragment()));
  }

  @Nested
  @DisplayName("quota and throttling")
  class Throttling {
    @Test
    @DisplayName("403 userRateLimitExceeded is backed off and retried, and the grant lands once")
    void retriesUserRateLimit() {
      google.failNext(2, EmulatedFailure.userRateLimited());
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(requests("POST")).isEqualTo(3);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("403 quotaExceeded and 429 are retried too")
    void retriesQuotaExceededAnd429() {
      google
          .failNext(1, EmulatedFailure.status(403, "quotaExceeded"))
          .failNext(1, EmulatedFailure.status(429));
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("a lasting quota breach ends, within the budget, as a typed rate-limit error")
    void lastingQuota() {
      google.failNext(100, EmulatedFailure.userRateLimited());
      assertThatThrownBy(this::add)
          .isInstanceOfSatisfying(
              GoogleRateLimitedException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorCode()).isEqualTo("userRateLimitExceeded");
                assertThat(e.retryable()).isTrue();
                assertThat(e.providerId()).isEqualTo("google");
                assertThat(e.operation()).isEqualTo("addMember");
              });
      assertThat(requests("POST")).isBetween(2L, 6L);
      assertThat(google.memberIds(GROUP)).isEmpty();
    }

    private void add() {
      addTheUser();
    }

    @Test
    @DisplayName("with requestsPerMinute set, calls are spread so the quota is not breached")
    void pacesToTheQuota() {
      provider = Emulated.provider(google, key).requestsPerMinute(1000).build();
      google.quota(20, 1000);
      for (int i = 0; i < 30; i++) {
        assertThat(provider.findUser(user)).isPresent();
      }
      assertThat(google.throttledCount()).isLessThanOrEqualTo(1);
    }

    @Test
    @DisplayName("concurrent grants under a tight quota all land, none twice")
    void concurrentGrantsUnderAQuota() throws Exception {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        users.add(google.user("conc" + i + "@example.com", null));
      }
      // Attempts are bounded by the total time, not by a count: however slow the machine, a grant
      // waits for the next quota window (1 s) instead of running out of attempts first.
      provider =
          Emulated.provider(google, key)
              .client(c -> c.maxAttempts(1_000).maxBackoff(Duration.ofSeconds(1)))
              .build();
      // As AccessService does: users are found first, so the quota is spent on the inserts.
      users.forEach(provider::findUser);
      google.quota(6, 1000);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<MembershipChange>> results = new ArrayList<>();
        for (String u : users) {
          results.add(pool.submit(() -> provider.addMember(GROUP, u)));
        }
        for (Future<MembershipChange> f : results) {
          assertThat(f.get().outcome()).isEqualTo(MembershipOutcome.ADDED);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(google.memberIds(GROUP)).containsExactlyInAnyOrderElementsOf(users);
    }
  }

  @Nested
  @DisplayName("server errors and broken connections")
  class ServerErrors {
    @Test
    @DisplayName("a lasting outage ends in a retryable error with Google's status and reason")
    void lastingOutage() {
      google.failNext(100, EmulatedFailure.status(500));
      assertThatThrownBy(this::add)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("backendError");
                assertThat(e.retryable()).isTrue();
                assertThat(e.operation()).isEqualTo("addMember");
              });
      assertThat(requests("POST")).isEqualTo(6);
      assertThat(google.memberIds(GROUP)).isEmpty();
    }

    private void add() {
      addTheUser();
    }

    @Test
    @DisplayName("an insert whose answer is lost is repeated; Google's 409 leaves one membership")
    void lostAnswer() {
      google.failNext(1, "POST", EmulatedFailure.lostAnswer());
      MembershipChange change = addTheUser();
      assertThat(change.outcome()).isEqualTo(MembershipOutcome.ALREADY_MEMBER);
      assertThat(change.receipt().status()).isEqualTo(409);
      assertThat(requests("POST")).isEqualTo(2);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("malformed JSON is retried, and a lasting one is a typed error")
    void malformedJson() {
      google.failNext(1, EmulatedFailure.malformedJson());
      assertThat(provider.findUser(user)).isPresent();
      google.failNext(100, EmulatedFailure.malformedJson());
      assertThatThrownBy(() -> provider.findUser(user))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(200);
                assertThat(e.retryable()).isTrue();
              });
    }
  }

  @Nested
  @DisplayName("slow answers")
  class SlowAnswers {
    @Test
    @DisplayName("a slow insert times out, is repeated, and lands once")
    void slowInsert() {
      // Any answer slower than 2 s is repeated: harmless for the others, which are idempotent.
      provider =
          Emulated.provider(google, key)
              .client(c -> c.maxAttempts(6).requestTimeout(Duration.ofSeconds(2)))
              .build();
      google.failNext(1, "POST", EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThat(addTheUser().outcome())
          .isIn(MembershipOutcome.ADDED, MembershipOutcome.ALREADY_MEMBER);
      assertThat(requests("POST")).as("the held-back insert was repeated").isGreaterThan(1);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("when every answer is slow the call ends within the total time")
    // Every request would end by its 5-minute request timeout and every answer is held back
    // longer: a call that ended at all before this guard ended by its 2-second total time.
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void neverHangs() {
      // Every answer is held back far beyond the per-request timeout, which is itself far beyond
      // the total time: only the total time can end the call, and it must.
      provider =
          Emulated.provider(google, key)
              .client(
                  c ->
                      c.maxAttempts(100)
                          .requestTimeout(Duration.ofMinutes(5))
                          .totalTimeout(Duration.ofSeconds(2)))
              .build();
      google.failNext(100, EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThatThrownBy(() -> provider.addMember(GROUP, user))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {
    @Test
    @DisplayName("a 403 forbidden is not retried and names Google's reason")
    void forbidden() {
      google.failNext(1, "POST", EmulatedFailure.status(403, "forbidden"));
      assertThatThrownBy(() -> provider.addMember(GROUP, user))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e).isNotInstanceOf(GoogleRateLimitedException.class);
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorCode()).isEqualTo("forbidden");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("domain-wide delegation");
              });
      assertThat(requests("POST")).isEqualTo(1);
    }

    @Test
    @DisplayName(
        "an unknown user is a 404 notFound from users.get, not retried, and nothing is sent")
    void unknownUser() {
      assertThatThrownBy(() -> provider.addMember(GROUP, "999999999999"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo("notFound");
                assertThat(e.retryable()).isFalse();
              });
      assertThat(requests("POST")).isZero();
      assertThat(requests("GET")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown group e-mail is a 404 from groups.get, not retried")
    void unknownGroupEmail() {
      assertThatThrownBy(() -> provider.removeMember("nobody-group@example.com", user))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.retryable()).isFalse();
              });
      assertThat(requests("GET")).isEqualTo(1);
    }

    @Test
    @DisplayName("a removal from an unknown group id is an error, not NOT_A_MEMBER")
    void unknownGroupIdOnRemove() {
      assertThatThrownBy(() -> provider.removeMember("03nosuchgroup", user))
          .isInstanceOfSatisfying(
              ProviderException.class, e -> assertThat(e.getMessage()).contains("groupKey"));
    }

    @Test
    @DisplayName("a key the token endpoint refuses fails at once, and no text holds the key")
    void refusedKey() {
      ServiceAccountKey stranger = new ServiceAccountKey(google.tokenUri());
      provider = Emulated.provider(google, stranger).build();
      assertThatThrownBy(() -> provider.findUser(user))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.errorCode()).isEqualTo("oauth2");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage())
                    .contains("domain-wide delegation")
                    .doesNotContain(stranger.privateKeyFragment());
              });
      assertThat(requests("GET")).isZero();
      assertThat(provider.toString()).doesNotContain(stranger.privateKeyFragment());
    }
  }
}
