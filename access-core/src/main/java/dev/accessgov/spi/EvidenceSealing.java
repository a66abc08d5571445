package dev.accessgov.spi;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.evidence.EventTooLargeException;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceHasher;
import java.util.List;

/**
 * How an {@link AccessStore} places drafts in its chain: {@link EvidenceHasher#sealAll}, with an
 * event too large for the evidence format reported as the caller's {@link InvalidRequestException}
 * (the text that made it too large came with the request). Every store seals through here, so every
 * store refuses the same events the same way.
 */
public final class EvidenceSealing {
  private EvidenceSealing() {}

  /**
   * The drafts placed after event {@code lastSeq} with hash {@code lastHash}; nothing is appended.
   *
   * @throws InvalidRequestException if an event would be longer than {@link
   *     EvidenceEvent#MAX_LINE_BYTES}; no draft is sealed then
   */
  public static List<EvidenceEvent> seal(
      List<EvidenceDraft> drafts, long lastSeq, String lastHash) {
    try {
      return EvidenceHasher.sealAll(drafts, lastSeq, lastHash);
    } catch (EventTooLargeException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
