package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.entra.GroupNotManageableException.Reason;
import dev.accessgov.entra.emulator.EmulatedFailure;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.testkit.IdentityProviderFaultContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
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
 * Graph misbehaving: every operation ends in success or a typed error, never a duplicate
 * membership, and never later than the configured total time.
 *
 * <p>No outcome here depends on how fast the machine is. Timeouts are bounds no healthy run
 * reaches, so calls end by attempts and answers; where a test wants a timeout to fire, the answer
 * is held back far longer than that timeout.
 */
// A hang guard, not a measure: every call here ends by an answer or by its own total time (two
// minutes at most), and nothing waits for an hour-long Retry-After or rate-limit reset.
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EntraFaultTest extends IdentityProviderFaultContract {
  private static final String GROUP = "f0000000-0000-4000-8000-000000000001";
  private static final String ROLE_GROUP = "f0000000-0000-4000-8000-0000000000r1";
  private static final String DYNAMIC_GROUP = "f0000000-0000-4000-8000-0000000000d1";
  private static final String USER = "f0000000-0000-4000-8000-00000000user";

  /** The total time of a call: only a hang reaches it. */
  private static final Duration BUDGET = Duration.ofMinutes(2);

  /** The per-request timeout: only a hang reaches it. */
  private static final Duration PER_REQUEST = Duration.ofMinutes(1);

  /** How long an answer meant to time out is held back: longer than any timeout here. */
  private static final long HELD_BACK_MILLIS = Duration.ofMinutes(10).toMillis();

  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();
  private EntraIdentityProvider provider;

  @BeforeEach
  void seed() {
    graph
        .reset()
        .user(USER, "faults@contoso.example", null)
        .group(GROUP)
        .roleAssignableGroup(ROLE_GROUP)
        .dynamicGroup(DYNAMIC_GROUP);
    provider = builder().build();
  }

  @AfterEach
  void requestsFollowTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  private static EntraIdentityProviderBuilder builder() {
    return EntraIdentityProvider.builder()
        .graphBaseUrl(graph.baseUrl())
        .client(c -> c.allowInsecureHttpForTests(true))
        .tokenCredential(GraphEmulator.credential())
        .client(
            c ->
                c.maxAttempts(6)
                    .initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(100))
                    .requestTimeout(PER_REQUEST)
                    .totalTimeout(BUDGET))
        .client(c -> c.clock(Clock.systemUTC()));
  }

  private MembershipChange addTheUser() {
    return provider.addMember(GROUP, USER);
  }

  private static long requests(String method) {
    return graph.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getMethod().getName().equals(method))
        .count();
  }

  private static void exactlyOneMembership() {
    assertThat(graph.memberIds(GROUP)).containsExactly(USER);
  }

  @Override
  protected IdentityProvider provider(AccessObserver observer) {
    return builder().client(c -> c.observer(observer)).build();
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
  protected IdentityProvider provider() {
    return provider;
  }

  @Override
  protected Subjects subjects() {
    return new Subjects(GROUP, USER, "faults@contoso.example", List.of(GraphEmulator.TOKEN));
  }

  @Nested
  @DisplayName("throttling")
  class Throttling {
    @Test
    @DisplayName("a 429 waits for Retry-After, and the grant lands once")
    void waitsForRetryAfter() {
      graph.failNext(1, "POST", EmulatedFailure.throttled(1));
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      // The server's own record of the throttled POST and its retry: a second apart at least.
      List<Date> posts =
          graph.server().getAllServeEvents().stream()
              .map(ServeEvent::getRequest)
              .filter(r -> r.getMethod().getName().equals("POST"))
              .map(LoggedRequest::getLoggedDate)
              .sorted()
              .toList();
      assertThat(posts).hasSize(2);
      assertThat(posts.get(1).getTime() - posts.get(0).getTime()).isGreaterThanOrEqualTo(1000);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("a 429 storm is waited out")
    void waitsOutAStorm() {
      graph.failNext(3, EmulatedFailure.throttled(0));
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("a Retry-After beyond the total time fails at once as RateLimitedException")
    void failsFastWhenRetryAfterIsTooFar() {
      // An hour, far beyond the total time.
      graph.failNext(1, EmulatedFailure.throttled(3600));
      assertThatThrownBy(() -> provider.findUser(USER))
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.retryAt()).isNotNull();
                assertThat(e.requestId()).startsWith("00000000-e000");
                assertThat(e.getMessage()).contains("TooManyRequests");
              });
      assertThat(requests("GET")).as("asked once, not retried").isEqualTo(1);
    }

    @Test
    @DisplayName("a 503 with Retry-After is waited for and retried")
    void waitsFor503RetryAfter() {
      graph.failNext(2, "POST", EmulatedFailure.unavailable(0));
      assertThat(addTheUser().outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(requests("POST")).isEqualTo(3);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("concurrent grants under a tight throttle all land, none twice")
    void concurrentGrantsUnderAThrottle() throws Exception {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = String.format("c0000000-0000-4000-8000-%012d", i);
        graph.user(id, "conc" + i + "@contoso.example", null);
        users.add(id);
      }
      graph.throttle(5);
      // A thread the machine keeps waiting may be throttled several times in a row; the total
      // time, not the count of 429s, bounds how long a grant may try.
      provider.close();
      provider = builder().client(c -> c.maxAttempts(20)).build();
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
      assertThat(graph.memberIds(GROUP)).containsExactlyInAnyOrderElementsOf(users);
    }
  }

  @Nested
  @DisplayName("server errors and broken connections")
  class ServerErrors {
    @Test
    @DisplayName("a lasting outage ends in a retryable error with Graph's code and request-id")
    void lastingOutage() {
      graph.failNext(100, "POST", EmulatedFailure.status(500));
      assertThatThrownBy(EntraFaultTest.this::addTheUser)
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.errorCode()).isEqualTo("generalException");
                assertThat(e.requestId()).startsWith("00000000-e000");
                assertThat(e.retryable()).isTrue();
                assertThat(e.operation()).isEqualTo("addMember");
              });
      assertThat(requests("POST")).isEqualTo(6);
      assertThat(graph.memberIds(GROUP)).isEmpty();
    }

    @Test
    @DisplayName("an add whose answer is lost is repeated; Graph's 'already exist' ends it")
    void lostAnswer() {
      graph.failNext(1, "POST", EmulatedFailure.lostAnswer());
      assertThat(addTheUser().outcome())
          .isIn(MembershipOutcome.ADDED, MembershipOutcome.ALREADY_MEMBER);
      assertThat(requests("POST")).isEqualTo(2);
      exactlyOneMembership();
    }

    @Test
    @DisplayName("malformed JSON is retried, and a lasting one is a typed error")
    void malformedJson() {
      graph.failNext(1, EmulatedFailure.malformedJson());
      assertThat(provider.findUser(USER)).isPresent();
      graph.failNext(100, EmulatedFailure.malformedJson());
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
    @DisplayName("a slow add times out, is repeated, and lands once")
    void slowAdd() {
      // Any answer slower than 2 s is repeated: harmless for the others, which are idempotent.
      provider.close();
      provider = builder().client(c -> c.requestTimeout(Duration.ofSeconds(2))).build();
      graph.failNext(1, "POST", EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThat(addTheUser().outcome())
          .isIn(MembershipOutcome.ADDED, MembershipOutcome.ALREADY_MEMBER);
      assertThat(requests("POST")).as("the held-back add was repeated").isGreaterThan(1);
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
          builder()
              .client(
                  c ->
                      c.maxAttempts(100)
                          .requestTimeout(Duration.ofMinutes(5))
                          .totalTimeout(Duration.ofSeconds(2)))
              .build();
      graph.failNext(100, EmulatedFailure.slow(HELD_BACK_MILLIS));
      assertThatThrownBy(() -> provider.addMember(GROUP, USER))
          .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.retryable()).isTrue());
    }
  }

  @Nested
  @DisplayName("refusals")
  class Refusals {
    @Test
    @DisplayName(
        "a role-assignable group is refused before Graph is asked, whatever the app's permissions,"
            + " and the message says so")
    void roleAssignableRefused() {
      // Graph lets an app change a role-assignable group's members only with
      // RoleManagement.ReadWrite.Directory (Add members, Graph v1.0), which also lets it assign
      // any directory role. This provider never asks for that, so the message must not suggest
      // that granting it would help: it says what the operator can do instead.
      for (var change :
          List.<Runnable>of(
              () -> provider.addMember(ROLE_GROUP, USER),
              () -> provider.removeMember(ROLE_GROUP, USER))) {
        assertThatThrownBy(change::run)
            .isInstanceOfSatisfying(
                GroupNotManageableException.class,
                e -> {
                  assertThat(e.reason()).isEqualTo(Reason.ROLE_ASSIGNABLE);
                  assertThat(e.groupId()).isEqualTo(ROLE_GROUP);
                  assertThat(e.retryable()).isFalse();
                  assertThat(e.getMessage())
                      .contains("isAssignableToRole")
                      .contains("Privileged Identity Management")
                      .contains("never changes")
                      .contains("not role-assignable")
                      .doesNotContainPattern("(?i)grant[^.]*RoleManagement");
                });
      }
      assertThat(requests("POST") + requests("DELETE")).isZero();
    }

    @Test
    @DisplayName("a dynamic group is refused, for removals too")
    void dynamicRefused() {
      assertThatThrownBy(() -> provider.removeMember(DYNAMIC_GROUP, USER))
          .isInstanceOfSatisfying(
              GroupNotManageableException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.DYNAMIC_MEMBERSHIP);
                assertThat(e.getMessage()).contains("membership rule");
              });
      assertThat(requests("DELETE")).isZero();
    }

    @Test
    @DisplayName("Graph's 403 on a change is a GroupNotManageableException naming the permission")
    void forbiddenChange() {
      graph.failNext(1, "POST", EmulatedFailure.status(403));
      assertThatThrownBy(() -> provider.addMember(GROUP, USER))
          .isInstanceOfSatisfying(
              GroupNotManageableException.class,
              e -> {
                assertThat(e.reason()).isEqualTo(Reason.REFUSED);
                assertThat(e.status()).isEqualTo(403);
                assertThat(e.getMessage()).contains("GroupMember.ReadWrite.All");
                // Role-assignable groups are refused before Graph is asked: no permission would
                // make this provider change them, so a 403 never calls for one.
                assertThat(e.getMessage()).doesNotContain("RoleManagement.ReadWrite.Directory");
              });
      assertThat(requests("POST")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unknown user is a 404 with Graph's code, not retried")
    void unknownUser() {
      assertThatThrownBy(() -> provider.addMember(GROUP, "00000000-0000-4000-8000-0000000nobody"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.errorCode()).isEqualTo("Request_ResourceNotFound");
                assertThat(e.retryable()).isFalse();
              });
      assertThat(requests("POST")).isEqualTo(1);
    }

    @Test
    @DisplayName("a refused token is a 401, not retried, and the message holds no token")
    void badToken() {
      provider.close();
      provider =
          EntraIdentityProvider.builder()
              .graphBaseUrl(graph.baseUrl())
              .client(c -> c.allowInsecureHttpForTests(true))
              .tokenCredential(
                  request ->
                      reactor.core.publisher.Mono.just(
                          new com.azure.core.credential.AccessToken(
                              "wrong-secret-token", java.time.OffsetDateTime.now().plusHours(1))))
              .build();
      assertThatThrownBy(() -> provider.findUser(USER))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.status()).isEqualTo(401);
                assertThat(e.errorCode()).isEqualTo("InvalidAuthenticationToken");
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).doesNotContain("wrong-secret-token");
              });
      assertThat(requests("GET")).isEqualTo(1);
    }
  }
}
