package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.Actor;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input gets a typed exception whose message names the bad value, and leaves
 * records, evidence and the identity provider exactly as they were.
 */
@DisplayName("bad input is refused with a typed exception and changes nothing")
class BadInputTest {

  /** Records in every state a bad call could meet. */
  static final class World {
    final Fixture f = new Fixture();
    final AccessService access = f.service();
    final AccessRecord active;
    final AccessRecord pendingAdmin;
    final AccessRecord denied;
    final AccessRecord expired;
    final AccessRecord activeAdmin;

    World() {
      active = access.grant(request("github/read").idempotencyKey("k1").build());
      pendingAdmin = access.grant(privileged(Duration.ofHours(6)));
      AccessRecord billing = access.grant(request("github/billing").build());
      denied = access.deny(billing.id(), CAROL, "not needed");
      AccessRecord breakglass = access.grant(request("aws/breakglass").subject("carol").build());
      f.clock.advance(Duration.ofHours(2));
      access.expireDue();
      expired = access.record(breakglass.id());
      activeAdmin =
          access.approve(
              access
                  .grant(
                      request("github/admin").subject("erin").duration(Duration.ofHours(6)).build())
                  .id(),
              OLIVIA,
              "ok");
      if (expired.state() != RecordState.EXPIRED || activeAdmin.state() != RecordState.ACTIVE) {
        throw new IllegalStateException("fixture did not reach the expected states");
      }
    }
  }

  private static Arguments refused(
      String name, Class<? extends AccessException> type, String mentions, Consumer<World> call) {
    return Arguments.of(name, type, mentions, call);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        refused(
            "unknown role",
            NotFoundException.class,
            "github/owner",
            w -> w.access.grant(request("github/owner").build())),
        refused(
            "unknown subject",
            NotFoundException.class,
            "zoe",
            w -> w.access.grant(request("finance/ledger").subject("zoe").build())),
        refused(
            "unknown requester",
            NotFoundException.class,
            "yuri",
            w -> w.access.grant(request("finance/ledger").requester("yuri").build())),
        refused(
            "subject who left",
            PolicyViolationException.class,
            "henry",
            w -> w.access.grant(request("finance/ledger").subject("henry").build())),
        refused(
            "blank reason",
            InvalidRequestException.class,
            "reason",
            w -> w.access.grant(request("finance/ledger").reason("  ").build())),
        refused(
            "negative duration",
            InvalidRequestException.class,
            "PT-1H",
            w -> w.access.grant(request("finance/ledger").duration(Duration.ofHours(-1)).build())),
        refused(
            "duration over the tier's maximum",
            PolicyViolationException.class,
            "PT25H",
            w ->
                w.access.grant(
                    request("github/admin")
                        .subject("frank")
                        .duration(Duration.ofHours(25))
                        .build())),
        refused(
            "duration under the minimum",
            PolicyViolationException.class,
            "PT30M",
            w ->
                w.access.grant(
                    request("github/admin")
                        .subject("frank")
                        .duration(Duration.ofMinutes(30))
                        .build())),
        refused(
            "privileged role without a duration",
            PolicyViolationException.class,
            "needs a duration",
            w -> w.access.grant(request("github/admin").subject("frank").build())),
        refused(
            "self-approval by the requester",
            PolicyViolationException.class,
            "alice",
            w -> w.access.approve(w.pendingAdmin.id(), ALICE, "me")),
        refused(
            "self-approval by the subject",
            PolicyViolationException.class,
            "bob",
            w -> w.access.approve(w.pendingAdmin.id(), BOB, "me")),
        refused(
            "approver without authority",
            PolicyViolationException.class,
            "dave",
            w -> w.access.approve(w.pendingAdmin.id(), DAVE, "why not")),
        refused(
            "denial by someone without authority",
            PolicyViolationException.class,
            "dave",
            w -> w.access.deny(w.pendingAdmin.id(), DAVE, "no")),
        refused(
            "approving a denied record",
            StateConflictException.class,
            "DENIED",
            w -> w.access.approve(w.denied.id(), OLIVIA, "late")),
        refused(
            "approving an expired record",
            StateConflictException.class,
            "EXPIRED",
            w -> w.access.approve(w.expired.id(), OLIVIA, "late")),
        refused(
            "approving an unknown record",
            NotFoundException.class,
            "ar-missing",
            w -> w.access.approve(RecordId.of("ar-missing"), OLIVIA, "?")),
        refused(
            "extending past the maximum",
            PolicyViolationException.class,
            "PT24H",
            w -> w.access.extend(w.activeAdmin.id(), OLIVIA, Duration.ofHours(20), "longer")),
        refused(
            "extension by the subject",
            PolicyViolationException.class,
            "erin",
            w ->
                w.access.extend(
                    w.activeAdmin.id(), PersonId.of("erin"), Duration.ofHours(1), "mine")),
        refused(
            "extending open-ended access",
            StateConflictException.class,
            "no end",
            w -> w.access.extend(w.active.id(), OLIVIA, Duration.ofHours(1), "longer")),
        refused(
            "denial without a reason",
            InvalidRequestException.class,
            "reason",
            w -> w.access.deny(w.pendingAdmin.id(), OLIVIA, "")),
        refused(
            "a second grant of a role already held",
            StateConflictException.class,
            "github/read",
            w -> w.access.grant(request("github/read").build())),
        refused(
            "an idempotency key reused for another request",
            InvalidRequestException.class,
            "k1",
            w -> w.access.grant(request("finance/ledger").idempotencyKey("k1").build())),
        refused(
            "an idempotency key reused with another reason",
            InvalidRequestException.class,
            "reason",
            w ->
                w.access.grant(
                    request("github/read").reason("something else").idempotencyKey("k1").build())),
        refused(
            "an idempotency key reused with another duration",
            InvalidRequestException.class,
            "duration",
            w ->
                w.access.grant(
                    request("github/read")
                        .duration(Duration.ofDays(3))
                        .idempotencyKey("k1")
                        .build())),
        refused(
            "an idempotency key reused with another ticket",
            InvalidRequestException.class,
            "ticket key",
            w ->
                w.access.grant(
                    request("github/read").ticketKey("OPS-7").idempotencyKey("k1").build())),
        refused(
            "revocation by an unknown person",
            NotFoundException.class,
            "zoe",
            w -> w.access.revoke(w.active.id(), PersonId.of("zoe"), "bye")),
        refused(
            "revoking a pending request",
            StateConflictException.class,
            "PENDING_APPROVAL",
            w -> w.access.revoke(w.pendingAdmin.id(), OLIVIA, "bye")),
        refused(
            "a note by an actor of unknown form",
            InvalidRequestException.class,
            "mallory",
            w -> w.access.note(w.active.id(), Actor.parse("mallory"), "hello")),
        refused(
            "a blank note",
            InvalidRequestException.class,
            "text",
            w -> w.access.note(w.active.id(), Actor.service("jira"), " ")),
        refused(
            "a reason with a lone surrogate",
            InvalidRequestException.class,
            "lone surrogate",
            w -> w.access.grant(request("finance/ledger").reason("ok \uD800 then").build())),
        refused(
            "a reason with a control character",
            InvalidRequestException.class,
            "U+0000",
            w -> w.access.grant(request("finance/ledger").reason("nul \u0000 byte").build())),
        refused(
            "a 17 MiB reason",
            InvalidRequestException.class,
            "at most 4096",
            w -> w.access.grant(request("finance/ledger").reason("x".repeat(17 << 20)).build())),
        refused(
            "a revoke reason one character over the limit",
            InvalidRequestException.class,
            "4097",
            w -> w.access.revoke(w.active.id(), CAROL, "y".repeat(4097))),
        refused(
            "a comment with a lone surrogate",
            InvalidRequestException.class,
            "lone surrogate",
            w -> w.access.approve(w.pendingAdmin.id(), OLIVIA, "\uDC00")),
        refused(
            "a note with a control character in its actor",
            InvalidRequestException.class,
            "actor",
            w -> w.access.note(w.active.id(), Actor.parse("system:jira\u0007"), "hello")),
        refused(
            "a ticket key with a line break",
            InvalidRequestException.class,
            "ticket key",
            w -> w.access.grant(request("finance/ledger").ticketKey("OPS-1\nOPS-2").build())),
        refused(
            "a person id longer than 256 characters",
            InvalidRequestException.class,
            "at most 256",
            w -> w.access.grant(request("finance/ledger").subject("p".repeat(257)).build())),
        refused(
            "reading an unknown record",
            NotFoundException.class,
            "ar-missing",
            w -> w.access.record(RecordId.of("ar-missing"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithoutChange(
      String name, Class<? extends AccessException> type, String mentions, Consumer<World> call) {
    World w = new World();
    Fixture.Snapshot before = w.f.snapshot();
    assertThatThrownBy(() -> call.accept(w)).isInstanceOf(type).hasMessageContaining(mentions);
    assertThat(w.f.snapshot()).isEqualTo(before);
  }
}
