package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketState;
import dev.accessgov.spi.TicketingProvider;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link TicketingProvider} keeps: idempotent opening, one comment per event,
 * status mirroring. Subclass it and say how to read a ticket back from the system (or emulator).
 */
public abstract class TicketingProviderContract {

  /** The provider under test. */
  protected abstract TicketingProvider provider();

  /** The comments the ticketing system shows on {@code ticket}, oldest first. */
  protected abstract List<String> commentsOn(TicketRef ticket);

  /** The status the ticketing system shows for {@code ticket}. */
  protected abstract String statusOf(TicketRef ticket);

  /** The key of a ticket that exists before the test, for linking. */
  protected abstract String existingTicketKey();

  /**
   * A ticket key that matches the system's key format but names no ticket. Default: {@code
   * NOPE-999999}.
   */
  protected String unknownTicketKey() {
    return "NOPE-999999";
  }

  private static AccessRecord record(@Nullable String ticketKey) {
    return AccessRecord.builder()
        .id(RecordId.random())
        .subject(PersonId.of("bob"))
        .roleId(RoleId.of("github/admin"))
        .requester(PersonId.of("alice"))
        .reason("release 4.2")
        .requestedAt(Instant.parse("2026-01-05T09:00:00Z"))
        .ticketKey(ticketKey)
        .build();
  }

  private static EvidenceEvent event(AccessRecord r, long seq, EvidenceType type) {
    EvidenceDraft draft =
        EvidenceDraft.of(
            r.id().value(),
            type,
            "person:alice",
            Instant.parse("2026-01-05T09:00:00Z").plusSeconds(seq),
            Map.of("reason", "step " + seq));
    return EvidenceHasher.seal(draft, seq, EvidenceEvent.GENESIS_HASH);
  }

  @Test
  @DisplayName("opening twice for one record returns the same ticket")
  void openIsIdempotent() {
    AccessRecord r = record(null);
    TicketRef first = provider().openOrLink(r);
    assertThat(provider().openOrLink(r)).isEqualTo(first);
    assertThat(first.providerId()).isEqualTo(provider().id());
  }

  @Test
  @DisplayName("links the ticket a record names instead of opening one")
  void linksExisting() {
    String existing = existingTicketKey();
    TicketRef ticket = provider().openOrLink(record(existing));
    assertThat(ticket.key()).isEqualTo(existing);
  }

  @Test
  @DisplayName("adds one comment per event, in order, however often it is repeated")
  void appendIsIdempotent() {
    AccessRecord r = record(null);
    TicketRef ticket = provider().openOrLink(r);
    EvidenceEvent requested = event(r, 1, EvidenceType.REQUESTED);
    EvidenceEvent approved = event(r, 2, EvidenceType.APPROVED);
    provider().append(ticket, requested);
    provider().append(ticket, approved);
    provider().append(ticket, requested);
    provider().append(ticket, approved);
    List<String> comments = commentsOn(ticket);
    assertThat(comments).hasSize(2);
    assertThat(comments.get(0)).contains("REQUESTED");
    assertThat(comments.get(1)).contains("APPROVED");
  }

  @Test
  @DisplayName("mirrors the record's state, and repeating a transition is harmless")
  void transitions() {
    TicketRef ticket = provider().openOrLink(record(null));
    provider().transition(ticket, RecordState.ACTIVE);
    String active = statusOf(ticket);
    provider().transition(ticket, RecordState.ACTIVE);
    assertThat(statusOf(ticket)).isEqualTo(active);
    provider().transition(ticket, RecordState.REVOKED);
    assertThat(statusOf(ticket)).isNotEqualTo(active);
  }

  @Test
  @DisplayName("if it can check tickets, says an existing ticket is open and an unknown key is not")
  void ticketState() {
    String existing = existingTicketKey();
    Optional<TicketState> known = provider().ticketState(existing);
    if (known.isEmpty()) {
      // The optional capability is absent: it must then be absent for every key.
      assertThat(provider().ticketState(unknownTicketKey())).isEmpty();
      return;
    }
    assertThat(known).contains(TicketState.EXISTS_OPEN);
    assertThat(provider().ticketState(unknownTicketKey())).contains(TicketState.NOT_FOUND);
  }
}
