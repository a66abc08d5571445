package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.ProviderException;
import dev.accessgov.entra.GroupNotManageableException.Reason;
import dev.accessgov.entra.emulator.EmulatedFailure;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many membership changes at once through Graph's $batch, one result per user. */
class EntraBatchTest {
  private static final String GROUP = "ba700000-0000-4000-8000-000000000001";
  private static final String ROLE_GROUP = "ba700000-0000-4000-8000-0000000000r1";

  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();
  private EntraIdentityProvider provider;

  @BeforeEach
  void seed() {
    graph.reset().group(GROUP).roleAssignableGroup(ROLE_GROUP);
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .client(
                c ->
                    c.maxAttempts(4)
                        .initialBackoff(Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(20)))
            // A bound only a hang reaches: a thousand removals may take a while on a loaded
            // machine.
            .client(c -> c.totalTimeout(Duration.ofMinutes(2)))
            .build();
  }

  @AfterEach
  void requestsFollowTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  private static List<String> users(int count, int members) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("b0000000-0000-4000-8000-%012d", i);
      graph.user(id, "batch" + i + "@contoso.example", null);
      if (i < members) {
        graph.member(GROUP, id);
      }
      ids.add(id);
    }
    return ids;
  }

  private static long batches() {
    return graph.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getUrl().endsWith("/$batch"))
        .count();
  }

  private static MembershipChange changed(MembershipResult r) {
    assertThat(r).isInstanceOf(MembershipResult.Changed.class);
    return ((MembershipResult.Changed) r).change();
  }

  @Test
  @DisplayName("removes 45 users in 3 batches; absent users are NOT_A_MEMBER; each has a receipt")
  // A success's receipt names the batch's request-id (Graph sends no id per step); a step Graph
  // refused carries its own from the error body.
  void removesInBatches() {
    List<String> ids = users(45, 40);
    List<MembershipResult> results = provider.removeMembers(GROUP, ids);
    assertThat(results).hasSize(45);
    Set<String> requestIds = new HashSet<>();
    for (int i = 0; i < 45; i++) {
      MembershipChange c = changed(results.get(i));
      assertThat(c.userId()).isEqualTo(ids.get(i));
      assertThat(c.outcome())
          .isEqualTo(i < 40 ? MembershipOutcome.REMOVED : MembershipOutcome.NOT_A_MEMBER);
      assertThat(c.receipt().operation()).isEqualTo("removeMembers");
      assertThat(c.receipt().status()).isEqualTo(i < 40 ? 204 : 404);
      assertThat(c.receipt().requestId()).isNotBlank();
      if (i >= 40) {
        requestIds.add(c.receipt().requestId());
      }
    }
    assertThat(requestIds).as("each refused step's own request-id").hasSize(5);
    assertThat(graph.memberIds(GROUP)).isEmpty();
    assertThat(batches()).isEqualTo(3);
  }

  @Test
  @DisplayName("1,000 removals take at most 51 HTTP requests")
  void thousandRemovals() {
    List<String> ids = users(1000, 1000);
    List<MembershipResult> results = provider.removeMembers(GROUP, ids);
    assertThat(results)
        .allSatisfy(r -> assertThat(changed(r).outcome()).isEqualTo(MembershipOutcome.REMOVED));
    assertThat(graph.httpRequestCount()).isLessThanOrEqualTo(51);
  }

  @Test
  @DisplayName("throttled sub-requests wait for Retry-After and are sent again; none fails")
  void throttledSubRequests() {
    List<String> ids = users(30, 30);
    // The emulator counts per wall-clock second, and the first batch's 20 sub-requests are
    // answered in one call that can straddle at most one second boundary: one side holds at
    // least 10, so a limit of 9 throttles some however slow or busy the machine is.
    graph.throttle(9);
    List<MembershipResult> results = provider.removeMembers(GROUP, ids);
    assertThat(results)
        .allSatisfy(r -> assertThat(changed(r).outcome()).isEqualTo(MembershipOutcome.REMOVED));
    assertThat(graph.throttledCount()).isPositive();
    assertThat(graph.memberIds(GROUP)).isEmpty();
  }

  @Test
  @DisplayName("a sub-request that keeps failing fails alone, retryable, with Graph's code")
  void lastingSubFailure() {
    List<String> ids = users(3, 3);
    graph.failNext(1, "DELETE", EmulatedFailure.status(400));
    List<MembershipResult> results = provider.removeMembers(GROUP, ids);
    assertThat(results.get(0))
        .isInstanceOfSatisfying(
            MembershipResult.Failed.class,
            f -> {
              assertThat(f.error().status()).isEqualTo(400);
              assertThat(f.error().errorCode()).isEqualTo("Request_BadRequest");
              assertThat(f.error().retryable()).isFalse();
              assertThat(f.error().requestId()).isNotBlank();
            });
    assertThat(changed(results.get(1)).outcome()).isEqualTo(MembershipOutcome.REMOVED);
    graph.failNext(100, "DELETE", EmulatedFailure.status(503));
    assertThat(provider.removeMembers(GROUP, List.of(ids.get(0))).get(0))
        .isInstanceOfSatisfying(
            MembershipResult.Failed.class,
            f -> {
              assertThat(f.error().status()).isEqualTo(503);
              assertThat(f.error().retryable()).isTrue();
            });
  }

  @Test
  @DisplayName("a role-assignable group fails every user, and no batch is sent")
  void refusedGroup() {
    List<String> ids = users(3, 0);
    List<MembershipResult> results = provider.removeMembers(ROLE_GROUP, ids);
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r)
                    .isInstanceOfSatisfying(
                        MembershipResult.Failed.class,
                        f ->
                            assertThat(((GroupNotManageableException) f.error()).reason())
                                .isEqualTo(Reason.ROLE_ASSIGNABLE)));
    assertThat(batches()).isZero();
  }

  @Test
  @DisplayName("an unknown group fails every removal with Graph's 404")
  void unknownGroup() {
    List<String> ids = users(2, 0);
    assertThat(provider.removeMembers("no-such-group", ids))
        .allSatisfy(
            r ->
                assertThat(r)
                    .isInstanceOfSatisfying(
                        MembershipResult.Failed.class,
                        f -> assertThat(f.error().status()).isEqualTo(404)));
  }

  @Test
  @DisplayName("adds in bulk: ADDED, ALREADY_MEMBER, and a typed failure for an unknown user")
  void addsInBulk() {
    List<String> ids = new ArrayList<>(users(3, 1));
    ids.add("00000000-0000-4000-8000-0000000nobody");
    List<MembershipResult> results = provider.addMembers(GROUP, ids);
    assertThat(changed(results.get(0)).outcome()).isEqualTo(MembershipOutcome.ALREADY_MEMBER);
    assertThat(changed(results.get(1)).outcome()).isEqualTo(MembershipOutcome.ADDED);
    assertThat(changed(results.get(2)).outcome()).isEqualTo(MembershipOutcome.ADDED);
    assertThat(results.get(3))
        .isInstanceOfSatisfying(
            MembershipResult.Failed.class,
            f -> {
              assertThat(f.error()).isInstanceOf(ProviderException.class);
              assertThat(f.error().status()).isEqualTo(404);
            });
    assertThat(graph.memberIds(GROUP)).containsExactlyInAnyOrderElementsOf(ids.subList(0, 3));
  }
}
