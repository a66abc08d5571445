package dev.accessgov.record;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import java.util.Optional;

/**
 * Where an approval decision was made when it was made in another system, such as a Jira Service
 * Management approval, and applied through {@link dev.accessgov.AccessService#approve(RecordId,
 * PersonId, String, DecisionSource)} or {@link dev.accessgov.AccessService#deny(RecordId, PersonId,
 * String, DecisionSource)}. The service writes it as structured details of the {@code APPROVED} or
 * {@code DENIED} event ({@link EvidenceKeys#SOURCE}, {@link EvidenceKeys#SOURCE_DECISION}, {@link
 * EvidenceKeys#SOURCE_ACCOUNT}), never mixed into free text, so whether a decision was applied can
 * be told from the evidence without trusting anything a person typed.
 *
 * @param system the id of the system that holds the decision, e.g. the ticketing provider's id
 *     {@code jira}; not blank
 * @param decisionId the decision's id in that system, e.g. the JSM approval id; not blank
 * @param account the account in that system that decided, e.g. an Atlassian account id; not blank
 */
public record DecisionSource(String system, String decisionId, String account) {
  /** Checks that no part is blank. */
  public DecisionSource {
    requireNonBlank(system, "system");
    requireNonBlank(decisionId, "decisionId");
    requireNonBlank(account, "account");
  }

  /**
   * The source an evidence event names in its structured details, or empty when it names none (an
   * event not written from a decision made elsewhere, or of a type that carries no source).
   */
  public static Optional<DecisionSource> of(EvidenceEvent event) {
    requireNonNull(event, "event");
    if (event.detail(EvidenceKeys.SOURCE) instanceof String s
        && event.detail(EvidenceKeys.SOURCE_DECISION) instanceof String d
        && event.detail(EvidenceKeys.SOURCE_ACCOUNT) instanceof String a
        && !s.isBlank()
        && !d.isBlank()
        && !a.isBlank()) {
      return Optional.of(new DecisionSource(s, d, a));
    }
    return Optional.empty();
  }

  /** Whether {@code event} was written from this very decision: its structured source is equal. */
  public boolean wrote(EvidenceEvent event) {
    return of(event).map(this::equals).orElse(false);
  }

  private static void requireNonBlank(String value, String name) {
    requireNonNull(value, name);
    dev.accessgov.InputLimits.id(value, "a decision source's " + name);
  }
}
