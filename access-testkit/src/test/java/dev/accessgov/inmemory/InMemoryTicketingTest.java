package dev.accessgov.inmemory;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.TicketRef;
import dev.accessgov.spi.TicketingProvider;
import dev.accessgov.testkit.TicketingProviderContract;
import java.time.Instant;
import java.util.List;

class InMemoryTicketingTest extends TicketingProviderContract {
  private final InMemoryTicketing ticketing = new InMemoryTicketing("ACCESS");

  @Override
  protected TicketingProvider provider() {
    return ticketing;
  }

  @Override
  protected List<String> commentsOn(TicketRef ticket) {
    return ticketing.ticket(ticket.key()).comments();
  }

  @Override
  protected String statusOf(TicketRef ticket) {
    return ticketing.ticket(ticket.key()).status().name();
  }

  @Override
  protected String existingTicketKey() {
    AccessRecord other =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(PersonId.of("x"))
            .roleId(RoleId.of("r"))
            .requester(PersonId.of("x"))
            .reason("seed")
            .requestedAt(Instant.EPOCH)
            .build();
    return ticketing.openOrLink(other).key();
  }
}
