package dev.accessgov.report.internal;

import static dev.accessgov.evidence.EvidenceKeys.GROUP;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.UNMANAGED;

import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.report.Period;
import dev.accessgov.report.UnmanagedAccount;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the unmanaged accounts of a period: the items marked unmanaged of campaigns started in it
 * (from the store, decided or not) and the {@code DRIFT_DETECTED} findings marked unmanaged that
 * were recorded in it (from the evidence chain, with the first review decision on their record
 * after them). Not API.
 */
public final class UnmanagedScan {
  private UnmanagedScan() {}

  /** The period's unmanaged accounts, by time found, then reference. */
  public static List<UnmanagedAccount> scan(AccessService access, Period period) {
    List<UnmanagedAccount> found = new ArrayList<>();
    for (ReviewCampaign c : access.reviews().campaigns()) {
      if (!period.contains(c.startedAt())) {
        continue;
      }
      for (ReviewItem i : access.reviews().items(c.id())) {
        if (i.unmanaged()) {
          found.add(item(c, i));
        }
      }
    }
    for (Iterator<EvidenceEvent> it = access.evidence().events(); it.hasNext(); ) {
      EvidenceEvent e = it.next();
      if (e.type() == EvidenceType.DRIFT_DETECTED
          && Boolean.TRUE.equals(e.detail(UNMANAGED))
          && period.contains(e.time())) {
        UnmanagedAccount finding = finding(access, e);
        if (finding != null) {
          found.add(finding);
        }
      }
    }
    found.sort(
        Comparator.comparing(UnmanagedAccount::foundAt).thenComparing(UnmanagedAccount::ref));
    return found;
  }

  private static UnmanagedAccount item(ReviewCampaign c, ReviewItem i) {
    ReviewDecision d = i.decision();
    return new UnmanagedAccount(
        UnmanagedAccount.REVIEW,
        i.id().value(),
        c.startedAt(),
        i.subject().value(),
        i.applicationId(),
        i.roleId().value(),
        i.group().toString(),
        i.recordId() == null ? null : i.recordId().value(),
        d == null ? null : d.verdict().name(),
        d == null ? null : d.actor(),
        d != null && !d.atDeadline());
  }

  private static @Nullable UnmanagedAccount finding(AccessService access, EvidenceEvent e) {
    AccessRecord r;
    try {
      r = access.record(RecordId.of(e.recordId()));
    } catch (NotFoundException gone) {
      return null;
    }
    EvidenceEvent decision = null;
    for (EvidenceEvent later : r.timeline()) {
      if (later.seq() > e.seq()
          && (later.type() == EvidenceType.REVIEW_KEPT
              || later.type() == EvidenceType.REVIEW_REVOKED)) {
        decision = later;
        break;
      }
    }
    String role = r.roleId().value();
    int slash = role.indexOf('/');
    return new UnmanagedAccount(
        UnmanagedAccount.RECONCILE,
        r.id().value(),
        e.time(),
        r.subject().value(),
        slash < 0 ? role : role.substring(0, slash),
        role,
        e.detailText(PROVIDER) + ":" + e.detailText(GROUP),
        r.id().value(),
        decision == null ? null : decision.type() == EvidenceType.REVIEW_KEPT ? "KEEP" : "REVOKE",
        decision == null ? null : decision.actor(),
        decision != null && decision.actor().startsWith("person:"));
  }
}
