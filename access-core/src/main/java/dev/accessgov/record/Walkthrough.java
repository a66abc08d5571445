package dev.accessgov.record;

import static dev.accessgov.evidence.EvidenceKeys.*;
import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit walkthrough for one record: (1) who requested it and why; (2) who approved it and when;
 * (3) what changed in the identity provider and what it answered; (4) when it ends or is next
 * reviewed; (5) when and why it was removed and what the identity provider answered. Every answer
 * comes from the record's own timeline.
 *
 * <p>A record <em>discovered</em> in the identity provider (access granted outside the library,
 * found by reconciliation or a review; its first event is a {@code DRIFT_DETECTED} event) answers
 * questions 1–3 with that finding: nobody requested or approved it through the library, and the
 * membership was found, not made. Those answers are given, backed by the finding's evidence, so
 * such a record is not a defect: it is the audit trail of the exception.
 *
 * <p>A record made or ended by a lifecycle call ({@code onboard}, {@code offboard}) names the
 * trigger and the lifecycle event in the request or removal answer ("granted at onboarding, event
 * onboarding:nina, by birthright rule eng"), so the records of one event can be gathered.
 *
 * <p>The request names the ticket it was made in, and each decision the system it was made in (a
 * Jira approval, a Slack message), when the evidence records them. Beside the five answers, {@link
 * #usage()} says whether time-bound access was used, from the record's {@code USAGE_OBSERVED}
 * events: not one of the five questions (a record without it is not a defect), but the line an
 * auditor reads next.
 *
 * @param requested answer 1
 * @param approved answer 2
 * @param provisioned answer 3
 * @param ends answer 4
 * @param removed answer 5
 * @param usage what the identity providers' activity logs showed of the grant's use, or {@link
 *     Answer.NotYet} when no usage evidence was recorded
 */
public record Walkthrough(
    Answer requested,
    Answer approved,
    Answer provisioned,
    Answer ends,
    Answer removed,
    Answer usage) {

  /** Checks all six are present. */
  public Walkthrough {
    requireNonNull(requested, "requested");
    requireNonNull(approved, "approved");
    requireNonNull(provisioned, "provisioned");
    requireNonNull(ends, "ends");
    requireNonNull(removed, "removed");
    requireNonNull(usage, "usage");
  }

  /** The five answers, with no usage evidence recorded. */
  public Walkthrough(
      Answer requested, Answer approved, Answer provisioned, Answer ends, Answer removed) {
    this(requested, approved, provisioned, ends, removed, NO_USAGE);
  }

  private static final Answer NO_USAGE = new Answer.NotYet("no usage evidence recorded");

  /** The five answers in question order. */
  public List<Answer> answers() {
    return List.of(requested, approved, provisioned, ends, removed);
  }

  /** Whether the record answers every question its state calls for (no {@link Answer.Missing}). */
  public boolean isComplete() {
    return answers().stream().noneMatch(Answer::isMissing);
  }

  /** Builds the walkthrough of {@code record}. */
  public static Walkthrough of(AccessRecord record) {
    return new Walkthrough(
        requested(record),
        approved(record),
        provisioned(record),
        ends(record),
        removed(record),
        usage(record));
  }

  /** One clause per provider and window: the latest answer each got. */
  private static Answer usage(AccessRecord r) {
    java.util.Map<String, EvidenceEvent> latest = new java.util.LinkedHashMap<>();
    for (EvidenceEvent e : r.events(EvidenceType.USAGE_OBSERVED)) {
      latest.put(e.detailText(PROVIDER) + "/" + e.detailText(USAGE_PHASE), e);
    }
    if (latest.isEmpty()) {
      return NO_USAGE;
    }
    List<EvidenceEvent> proof = List.copyOf(latest.values());
    return given(
        proof.stream().map(Walkthrough::describeUsage).collect(Collectors.joining("; ")), proof);
  }

  private static String describeUsage(EvidenceEvent e) {
    boolean after = "AFTER_END".equals(e.detailText(USAGE_PHASE));
    StringBuilder text =
        new StringBuilder(String.valueOf(e.detailText(PROVIDER)))
            .append(after ? " after the end [" : " [")
            .append(e.detailText(WINDOW_START))
            .append(", ")
            .append(e.detailText(WINDOW_END))
            .append("): ");
    String usage = String.valueOf(e.detailText(USAGE));
    switch (usage) {
      case "OBSERVED" -> {
        text.append(e.detailText(EVENT_COUNT))
            .append(Boolean.TRUE.equals(e.detail(TRUNCATED)) ? " or more" : "")
            .append(" events");
        if (e.detail(FIRST_EVENT_AT) != null) {
          text.append(", first ")
              .append(e.detailText(FIRST_EVENT_AT))
              .append(", last ")
              .append(e.detailText(LAST_EVENT_AT));
        }
        text.append(" (").append(e.detailText(USAGE_SOURCE)).append(')');
      }
      case "NOT_AVAILABLE" -> text.append("not available from this provider");
      default -> text.append(e.detailText(ERROR));
    }
    if (e.detail(USAGE_FLAG) != null) {
      text.append("; flagged ").append(e.detailText(USAGE_FLAG));
    }
    return text.toString();
  }

  /** The finding that opened a discovered record, if this record was discovered. */
  private static Optional<EvidenceEvent> discovery(AccessRecord r) {
    return r.timeline().isEmpty() || r.timeline().get(0).type() != EvidenceType.DRIFT_DETECTED
        ? Optional.empty()
        : Optional.of(r.timeline().get(0));
  }

  private static String found(EvidenceEvent e) {
    return e.detailText(PROVIDER)
        + ":"
        + e.detailText(GROUP)
        + " membership of "
        + e.detailText(IDP_USER)
        + " found by "
        + e.actor()
        + " at "
        + e.time();
  }

  private static Answer requested(AccessRecord r) {
    Optional<EvidenceEvent> discovered = discovery(r);
    if (discovered.isPresent()) {
      return given(
          "nobody requested it through the library: "
              + found(discovered.get())
              + " (\""
              + r.reason()
              + "\")",
          List.of(discovered.get()));
    }
    return r.lastEvent(EvidenceType.REQUESTED)
        .<Answer>map(
            e ->
                given(
                    r.requester()
                        + " requested "
                        + r.roleId()
                        + " for "
                        + r.subject()
                        + " at "
                        + e.time()
                        + (e.detail(TICKET) != null ? " in " + e.detailText(TICKET) : "")
                        + ": \""
                        + r.reason()
                        + "\""
                        + lifecycle(e, "granted"),
                    List.of(e)))
        .orElseGet(() -> new Answer.Missing("no REQUESTED event"));
  }

  /**
   * The lifecycle clause of an event made for a joiner/mover/leaver event, e.g. {@code ; granted at
   * onboarding, event onboarding:nina, by birthright rule eng}; empty for any other event.
   */
  private static String lifecycle(EvidenceEvent e, String verb) {
    String trigger = e.detailText(LIFECYCLE_TRIGGER);
    if (trigger == null) {
      return "";
    }
    return "; "
        + verb
        + " at "
        + trigger.toLowerCase(java.util.Locale.ROOT)
        + ", event "
        + e.detailText(LIFECYCLE_EVENT)
        + (e.detail(BIRTHRIGHT) != null ? ", by birthright rule " + e.detailText(BIRTHRIGHT) : "");
  }

  private static Answer approved(AccessRecord r) {
    Optional<EvidenceEvent> discovered = discovery(r);
    if (discovered.isPresent()) {
      return given(
          "never approved through the library: granted outside it; " + found(discovered.get()),
          List.of(discovered.get()));
    }
    if (r.state() == RecordState.DENIED) {
      return r.lastEvent(EvidenceType.DENIED)
          .<Answer>map(
              e ->
                  given(
                      "denied by "
                          + e.actor()
                          + " at "
                          + e.time()
                          + DecisionSource.of(e)
                              .map(s -> " [decision " + s.decisionId() + " in " + s.system() + "]")
                              .orElse("")
                          + ": \""
                          + e.detailText(REASON)
                          + "\"",
                      List.of(e)))
          .orElseGet(() -> new Answer.Missing("record is DENIED but has no DENIED event"));
    }
    List<EvidenceEvent> approvals = r.events(EvidenceType.APPROVED);
    String text =
        approvals.stream().map(Walkthrough::describeApproval).collect(Collectors.joining("; "));
    if (r.state() == RecordState.PENDING_APPROVAL) {
      return new Answer.NotYet(
          approvals.isEmpty()
              ? "awaiting approval"
              : "partly approved (" + text + "), awaiting more");
    }
    return approvals.isEmpty()
        ? new Answer.Missing("record is " + r.state() + " but has no APPROVED event")
        : given(text, approvals);
  }

  private static String describeApproval(EvidenceEvent e) {
    return "approved by "
        + e.actor()
        + " ("
        + e.detailText(STEP)
        + ") at "
        + e.time()
        + DecisionSource.of(e)
            .map(s -> " [decision " + s.decisionId() + " in " + s.system() + "]")
            .orElse("")
        + (e.detail(REASON) != null ? ": \"" + e.detailText(REASON) + "\"" : "");
  }

  private static Answer provisioned(AccessRecord r) {
    Optional<EvidenceEvent> discovered = discovery(r);
    if (discovered.isPresent()) {
      List<EvidenceEvent> proof = new ArrayList<>(List.of(discovered.get()));
      proof.addAll(r.events(EvidenceType.PROVISIONED));
      return given("not made by the library: " + found(discovered.get()), proof);
    }
    switch (r.state()) {
      case PENDING_APPROVAL, DENIED:
        return new Answer.NotYet("nothing changed in the identity provider: not approved");
      case FAILED:
        List<EvidenceEvent> failures = r.events(EvidenceType.PROVISION_FAILED);
        return failures.isEmpty()
            ? new Answer.Missing("record FAILED with no PROVISION_FAILED event")
            : given(
                failures.stream()
                    .map(Walkthrough::describeChange)
                    .collect(Collectors.joining("; ")),
                failures);
      default:
        List<EvidenceEvent> changes = r.events(EvidenceType.PROVISIONED);
        if (r.state() == RecordState.PROVISIONING) {
          return new Answer.NotYet(
              "provisioning in progress"
                  + (changes.isEmpty() ? "" : "; confirmed: " + join(changes)));
        }
        return changes.isEmpty()
            ? new Answer.Missing("record is " + r.state() + " but has no PROVISIONED event")
            : given(join(changes), changes);
    }
  }

  private static String join(List<EvidenceEvent> changes) {
    return changes.stream().map(Walkthrough::describeChange).collect(Collectors.joining("; "));
  }

  private static String describeChange(EvidenceEvent e) {
    String answer =
        e.detail(OUTCOME) != null
            ? String.valueOf(e.detail(OUTCOME))
            : "error \"" + e.detailText(ERROR) + "\"";
    return e.detailText(PROVIDER)
        + ":"
        + e.detailText(GROUP)
        + " "
        + answer
        + " at "
        + e.detailText(ANSWERED_AT)
        + " (status "
        + e.detailText(STATUS)
        + (e.detail(REQUEST_ID) != null ? ", request " + e.detailText(REQUEST_ID) : "")
        + ")";
  }

  private static Answer ends(AccessRecord r) {
    if (r.state().isFinal()) {
      return r.endedAt() != null
          ? new Answer.Given(
              "ended at "
                  + r.endedAt()
                  + " ("
                  + r.state()
                  + ")"
                  + (r.expiresAt() != null ? "; was set to end at " + r.expiresAt() : ""),
              List.of())
          : new Answer.Missing("record is " + r.state() + " but has no end time");
    }
    Optional<EvidenceEvent> extended = r.lastEvent(EvidenceType.EXTENDED);
    StringBuilder text = new StringBuilder();
    if (r.expiresAt() != null) {
      text.append("expires at ").append(r.expiresAt());
      extended.ifPresent(
          e ->
              text.append(" (extended by ")
                  .append(e.actor())
                  .append(" at ")
                  .append(e.time())
                  .append(')'));
    } else if (r.duration() != null) {
      text.append("expires ").append(r.duration()).append(" after activation");
    } else {
      text.append("open-ended");
    }
    if (r.reviewDueAt() != null) {
      text.append("; next review due ").append(r.reviewDueAt());
    }
    Optional<EvidenceEvent> kept = r.lastEvent(EvidenceType.REVIEW_KEPT);
    if (kept.isPresent() && Boolean.TRUE.equals(kept.get().detail(UNMANAGED))) {
      text.append("; kept as an unmanaged account (outside the verified domains) by ")
          .append(kept.get().actor())
          .append(" at ")
          .append(kept.get().time())
          .append(": \"")
          .append(kept.get().detailText(REASON))
          .append('"');
    }
    boolean active = r.state() == RecordState.ACTIVE;
    if (active && r.expiresAt() == null && r.reviewDueAt() == null) {
      return new Answer.Missing("active, open-ended access with no review date");
    }
    List<Long> proof = new ArrayList<>();
    extended.ifPresent(e -> proof.add(e.seq()));
    kept.filter(e -> Boolean.TRUE.equals(e.detail(UNMANAGED))).ifPresent(e -> proof.add(e.seq()));
    return new Answer.Given(text.toString(), proof);
  }

  private static Answer removed(AccessRecord r) {
    List<EvidenceEvent> removals = r.events(EvidenceType.DEPROVISIONED);
    // The cause is the last trigger before the removal; a finding recorded after the access ended
    // (an after-the-fact review of expired access) does not rewrite why it was removed.
    long removedAt = removals.isEmpty() ? Long.MAX_VALUE : removals.get(removals.size() - 1).seq();
    Optional<EvidenceEvent> trigger =
        r.timeline().stream()
            .filter(e -> e.type().removesAccess() && e.seq() < removedAt)
            .reduce((a, b) -> b);
    switch (r.state()) {
      case REVOKED, EXPIRED:
        if (trigger.isEmpty() || removals.isEmpty()) {
          return new Answer.Missing(
              "record is "
                  + r.state()
                  + " but lacks "
                  + (trigger.isEmpty() ? "the removal trigger" : "DEPROVISIONED events"));
        }
        EvidenceEvent cause = trigger.get();
        List<EvidenceEvent> proof = new ArrayList<>();
        proof.add(cause);
        proof.addAll(removals);
        return given(
            cause.type()
                + " by "
                + cause.actor()
                + " at "
                + cause.time()
                + (cause.detail(REASON) != null ? ": \"" + cause.detailText(REASON) + "\"" : "")
                + lifecycle(cause, "removed")
                + (Boolean.TRUE.equals(cause.detail(UNMANAGED))
                    ? " (an unmanaged account, outside the verified domains)"
                    : "")
                + "; "
                + join(removals),
            proof);
      case DEPROVISIONING:
        return trigger
            .<Answer>map(
                t ->
                    new Answer.NotYet(
                        "removal in progress: "
                            + t.type()
                            + " by "
                            + t.actor()
                            + " at "
                            + t.time()))
            .orElseGet(
                () ->
                    r.events(EvidenceType.PROVISION_FAILED).isEmpty()
                        ? new Answer.Missing("record is DEPROVISIONING with no removal trigger")
                        : new Answer.NotYet("rolling back after provisioning failed"));
      case FAILED:
        return removals.isEmpty()
            ? new Answer.NotYet("nothing to remove: never provisioned (FAILED)")
            : given("rolled back after provisioning failed: " + join(removals), removals);
      case DENIED:
        return new Answer.NotYet("nothing to remove: never provisioned (DENIED)");
      default:
        return new Answer.NotYet("not removed: " + r.state());
    }
  }

  private static Answer given(String text, List<EvidenceEvent> events) {
    return new Answer.Given(text, events.stream().map(EvidenceEvent::seq).toList());
  }

  /** Five numbered lines, one per question, and the usage line when usage evidence exists. */
  @Override
  public String toString() {
    return "1. requested:   "
        + requested.text()
        + "\n2. approved:    "
        + approved.text()
        + "\n3. provisioned: "
        + provisioned.text()
        + "\n4. ends:        "
        + ends.text()
        + "\n5. removed:     "
        + removed.text()
        + (usage.equals(NO_USAGE) ? "" : "\n   usage:       " + usage.text());
  }
}
