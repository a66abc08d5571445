package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.okta.emulator.EmulatedFailure;
import dev.accessgov.okta.emulator.OktaEmulator;
import dev.accessgov.okta.emulator.SpecValidator;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Okta misbehaving: every operation ends in success or a typed error, never a duplicate membership,
 * and never later than the configured total time.
 *
 * <p>No outcome here depends on how fast the machine is. Timeouts are bounds no healthy run
 * reaches, so calls end by attempts and answers; where a test wants a timeout to fire, the answer
 * is held back far longer than that timeout.
 */
// A hang guard, not a measure: every call here ends by an answer or by its own total time (two
// minutes at most), and nothing waits for an hour-long Retry-After or rate-limit reset.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OktaFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "00gfaults0000000001";
  private static final String APP_GROUP = "00gadmastered000001";
  private static final String USER = "00ufaults0000000001";

  /** The total time of a call: only a hang reaches it. */
  private static final Duration BUDGET = Duration.ofMinutes(2);

  /** The per-request timeout: only a hang reaches it. */
  private static final Duration PER_REQUEST = Duration.ofMinutes(1);

  /** How long an answer meant to time out is held back: longer than any timeout here. */
  private static final long HELD_BACK_MILLIS = Duration.ofMinutes(10).toMillis();

  @RegisterExtension static final OktaEmulator okta = new OktaEmulator();
  private OktaIdentityProvider provider;

  @BeforeEach
  void seed() {
    okta.reset().user(USER, "faults@example.com", null).group(GROUP).group(APP_GROUP, "APP_GROUP");
    provider = provider(OktaEmulator.TOKEN).build();
  }

  @AfterEach
  void requestsFollowTheSpec() {
    provider.close();
    assertThat(SpecValidator.violations(okta.server().getAllServeEvents(), false)).isEmpty();
  }

  private static OktaIdentityProviderBuilder provider(String token) {
    return OktaIdentityProvider.builder()
        .orgUrl(okta.orgUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .apiToken(() -> token)
        .client(
            c ->
                c.maxAttempts(6)
                    .initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(100))
                    .requestTimeout(PER_REQUEST)
                    .totalTimeout(BUDGET))
        .slowDownBelow(0.5)
        .client(c -> c.clock(Clock.systemUTC()));
  }

  private MembershipChange addTheUser() {
    return provider.addMember(GROUP, USER);
  }

  private static long requests(String method) {
    return okta.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getMethod().getName().equals(method))
        .count();
  }

  private static void exactlyOneMembership() {
    assertThat(okta.memberIds(GROUP)).containsExactly(USER);
  }

  @Override
  protected IdentityProvider provider(AccessObserver observer) {
    return provider(OktaEmulator.TOKEN).client(c -> c.observer(observer)).build();
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
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, USER, "faults@example.com", List.of(OktaEmulator.TOKEN));
  }

  @Nested
  @DisplayName("throttling")
  class Throttling {
    @Test
    @DisplayName("a 429 storm is waited out until the reset, and the grant lands once")
    void waitsOutA429Storm() {
      okta.failNext(2, EmulatedFailure.rateLimited());
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("a reset beyond the total time fails at once as RateLimitedException")
    void failsFastWhenTheResetIsTooFar() {
      // The window resets an hour from now, far beyond the total time.
      okta.rateLimit(1, 3_600_000);
      provider.findUser(USER);
      assertThatThrownBy(() -> provider.findUser(USER))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.retryAt()).isNotNull();
                assertThat(e.requestId()).startsWith("emu-");
              });
      assertThat(requests("GET")).as("asked once each, not retried").isEqualTo(2);
      assertThat(okta.rateLimitedCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("calls slow down as the remaining budget runs low, before Okta says 429")
    void pacesBeforeThe429() {
      okta.rateLimit(10, 1000);
      for (int i = 0; i < 30; i++) {
        assertThat(provider.findUser(USER)).isPresent();
      }
      assertThat(okta.rateLimitedCount()).isZero();
    }

    @Test
    @DisplayName("concurrent grants under a tight rate limit all land, none twice")
    void concurrentGrantsUnderALimit() throws Exception {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = String.format("00uconc%012d", i);
        okta.user(id, "conc" + i + "@example.com", null);
        users.add(id);
      }
      okta.rateLimit(6, 1000);
      // A thread the machine keeps waiting may meet several spent windows in a row; the total
      // time, not the count of 429s, bounds how long a grant may try.
      provider.close();
      provider = provider(OktaEmulator.TOKEN).client(c -> c.maxAttempts(20)).build();
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
      assertThat(okta.memberIds(GROUP)).containsExactlyInAnyOrderElementsOf(users);
    }
  }

  @Nested
  @DisplayName("server errors and broken connections")
  class ServerErrors {
    @Test
    @DisplayName("a lasting outage ends in a retryable error with Okta's status and request id")
    void lastingOutage() {
      okta.failNext(100, EmulatedFailure.status(500));
      assertThatThrownBy(this::add)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("E0000009");
                assertThat(e.requestId()).startsWith("emu-");
                assertThat(e.retryable()).isTrue();
                assertThat(e.operation()).isEqualTo("addMember");
              });
      assertThat(requests("GET")).isEqualTo(6);
      assertThat(okta.memberIds(GROUP)).isEmpty();
    }

    private void add() {
      addTheUser();
    }

    @Test
    @DisplayName("an assignment whose answer is lost is repeated without a second membership")
    void lostAnswer() {
      okta.failNext(1, "PUT", EmulatedFailure.lostAnswer());
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(requests("PUT")).isEqualTo(2);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("malformed JSON is retried, and a lasting one is a typed error")
    void malformedJson() {
      okta.failNext(1, EmulatedFailure.malformedJson());
      assertThat(provider.findUser(USER)).isPresent();
      okta.failNext(100, EmulatedFailure.malformedJson());
      assertThatThrownBy(() -> provider.findUser(USER))
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
    @DisplayName("a slow assignment times out, is repeated, and lands once")
    void slowAssignment() {
      // Any answer slower than 2 s is repeated: harmless for the others, which are idempotent.
      provider.close();
      provider =
          provider(OktaEmulator.TOKEN).client(c -> c.requestTimeout(Duration.ofSeconds(2))).build();
      okta.failNext(1, "PUT", EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(requests("PUT")).as("the held-back assignment was repeated").isGreaterThan(1);
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
      provider.close();
      provider =
          provider(OktaEmulator.TOKEN)
              .client(
                  c ->
                      c.maxAttempts(100)
                          .requestTimeout(Duration.ofMinutes(5))
                          .totalTimeout(Duration.ofSeconds(2)))
              .build();
      okta.failNext(100, EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThatThrownBy(() -> provider.addMember(GROUP, USER))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {
    @Test
    @DisplayName("a bad token is a 401, not retried, and the message holds no secret")
    void badToken() {
      provider.close();
      provider = provider("wrong-secret-token").build();
      assertThatThrownBy(() -> provider.findUser(USER))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.errorCode()).isEqualTo("E0000011");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).doesNotContain("wrong-secret-token");
              });
      assertThat(requests("GET")).isEqualTo(1);
      assertThat(provider.toString()).doesNotContain("wrong-secret-token");
    }

    @Test
    @DisplayName("a group mastered elsewhere (APP_GROUP) is refused at the first attempt")
    void appGroupRefused() {
      assertThatThrownBy(() -> provider.addMember(APP_GROUP, USER))
          .isInstanceOfSatisfying(
              GroupNotManageableException.class,
              e -> {
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.errorCode()).isEqualTo("E0000006");
                assertThat(e.groupId()).isEqualTo(APP_GROUP);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("OKTA_GROUP");
              });
      assertThat(requests("PUT")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown user is a 404, not retried")
    void unknownUser() {
      assertThatThrownBy(() -> provider.addMember(GROUP, "00unobody0000000001"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo("E0000007");
                assertThat(e.retryable()).isFalse();
              });
      assertThat(requests("PUT")).isEqualTo(1);
    }
  }
}
