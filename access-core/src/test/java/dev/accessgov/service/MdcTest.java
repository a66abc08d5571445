package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessService;
import dev.accessgov.reconcile.DriftFinding;
import dev.accessgov.reconcile.ReconcilePolicy;
import dev.accessgov.reconcile.ReconcilePolicy.OnUnexplained;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.MembershipChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MDC;

@DisplayName("The MDC names the record and operation while the service works on it")
class MdcTest {
  private final Fixture f = new Fixture();

  /** What the MDC held during each membership call, as {@code "<call> <record> <operation>"}. */
  private final List<String> seen = new CopyOnWriteArrayList<>();

  private final ForwardingIdentityProvider watching =
      new ForwardingIdentityProvider(f.idp) {
        @Override
        public MembershipChange addMember(String groupId, String userId) {
          seen.add("add " + MDC.get("access.record") + " " + MDC.get("access.operation"));
          return super.addMember(groupId, userId);
        }

        @Override
        public MembershipChange removeMember(String groupId, String userId) {
          seen.add("remove " + MDC.get("access.record") + " " + MDC.get("access.operation"));
          return super.removeMember(groupId, userId);
        }
      };

  private AccessService access(int sweepParallelism) {
    return f.service(watching, sweepParallelism);
  }

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  @DisplayName("grant, approve and revoke each name the record; nothing is left behind")
  void operations() {
    AccessService access = access(1);
    AccessRecord read = access.grant(request("github/read").build());
    AccessRecord admin = access.grant(privileged(Duration.ofHours(1)));
    access.approve(admin.id(), OLIVIA, "ok");
    access.revoke(read.id(), IVY, "done");

    assertThat(seen)
        .containsExactly(
            "add " + read.id() + " grant",
            "add " + admin.id() + " approve",
            "add " + admin.id() + " approve",
            "remove " + read.id() + " revoke");
    assertThat(MDC.get("access.record")).isNull();
    assertThat(MDC.get("access.operation")).isNull();
  }

  @Test
  @DisplayName(
      "observers hear a grant's events with the new record named, the caller's values kept")
  void observersSeeTheRecord() {
    List<String> heard = new CopyOnWriteArrayList<>();
    AccessService access =
        f.builder()
            .observer(
                new AccessObserver() {
                  @Override
                  public void requested(AccessRecord record) {
                    heard.add("requested " + MDC.get("access.record") + " " + record.id());
                  }

                  @Override
                  public void approved(AccessRecord record, Duration sinceRequest) {
                    heard.add("approved " + MDC.get("access.record") + " " + record.id());
                  }
                })
            .build();
    MDC.put("access.record", "outer-record");

    AccessRecord r = access.grant(request("github/read").build());

    assertThat(heard)
        .containsExactly("requested " + r.id() + " " + r.id(), "approved " + r.id() + " " + r.id());
    assertThat(MDC.get("access.record")).isEqualTo("outer-record");
  }

  @Test
  @DisplayName("a caller's own values are restored after the call, not cleared")
  void nested() {
    AccessService access = access(1);
    MDC.put("access.record", "outer-record");
    MDC.put("access.operation", "outer-operation");

    AccessRecord r = access.grant(request("github/read").build());

    assertThat(seen).containsExactly("add " + r.id() + " grant");
    assertThat(MDC.get("access.record")).isEqualTo("outer-record");
    assertThat(MDC.get("access.operation")).isEqualTo("outer-operation");
  }

  @ParameterizedTest(name = "on {0} threads")
  @ValueSource(ints = {1, 4})
  @DisplayName("the expiry sweep names each record it removes")
  void expiry(int threads) {
    AccessService access = access(threads);
    AccessRecord one = access.grant(privileged(Duration.ofHours(1)));
    access.approve(one.id(), OLIVIA, "ok");
    AccessRecord two =
        access.grant(request("aws/breakglass").subject("alice").requester("carol").build());
    seen.clear();
    f.clock.advance(Duration.ofHours(2));

    access.expireDue();

    assertThat(seen)
        .containsExactlyInAnyOrder(
            "remove " + one.id() + " expireDue",
            "remove " + one.id() + " expireDue",
            "remove " + two.id() + " expireDue");
    assertThat(MDC.get("access.record")).isNull();
  }

  @Test
  @DisplayName("a reconcile run names each record whose access it removes")
  void reconcile() {
    AccessService access = access(1);
    f.idp.addMember("gh-billing", "carol"); // access no request explains

    DriftFinding finding =
        access
            .reconcile(ReconcilePolicy.defaults().onUnexplained(OnUnexplained.REMOVE))
            .findings()
            .get(0);

    assertThat(seen).containsExactly("remove " + finding.recordId() + " reconcile");
    assertThat(MDC.get("access.operation")).isNull();
  }

  @Test
  @DisplayName("recovery names each record it takes over")
  void recovery() {
    AccessService access = access(1);
    f.idp.failNext(f.idp.failure("addMember", 503, true));
    AccessRecord paused = access.grant(request("github/read").build());
    seen.clear();

    access.recover(Duration.ZERO);

    assertThat(seen).containsExactly("add " + paused.id() + " recover");
    assertThat(MDC.get("access.operation")).isNull();
  }
}
