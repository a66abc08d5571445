package dev.accessgov.report.internal;

import dev.accessgov.AccessService;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.report.Period;
import dev.accessgov.report.control.CampaignEntry;
import dev.accessgov.report.control.CampaignEntry.Decision;
import dev.accessgov.report.control.CampaignEntry.ReviewerProgress;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Puts the review decisions of a period together per campaign, with what this service instance
 * still knows of each campaign (name, size, assignments). Not API.
 */
public final class CampaignEntries {
  private static final String DEADLINE_ACTOR = "system:review-deadline";

  private CampaignEntries() {}

  /** One entry per campaign with decisions in the period or started in it, in first-seen order. */
  public static List<CampaignEntry> of(AccessService access, Period period, ControlScan scan) {
    Map<String, List<EvidenceEvent>> byCampaign = new LinkedHashMap<>();
    for (ReviewCampaign c : access.reviews().campaigns()) {
      if (period.contains(c.startedAt())) {
        byCampaign.put(c.id().value(), new ArrayList<>());
      }
    }
    for (EvidenceEvent e : scan.reviewDecisions) {
      byCampaign.computeIfAbsent(ControlScan.campaignOf(e), id -> new ArrayList<>()).add(e);
    }
    List<CampaignEntry> entries = new ArrayList<>();
    byCampaign.forEach((id, decisions) -> entries.add(entry(access, scan, id, decisions)));
    return entries;
  }

  private static CampaignEntry entry(
      AccessService access, ControlScan scan, String id, List<EvidenceEvent> events) {
    ReviewCampaign campaign = known(access, id);
    Map<String, Integer> assigned = campaign == null ? null : assignments(access, id);
    Map<String, Integer> decided = new TreeMap<>();
    int kept = 0;
    int revoked = 0;
    int keptWithException = 0;
    int revokedAtDeadline = 0;
    List<Decision> decisions = new ArrayList<>();
    for (EvidenceEvent e : events) {
      boolean keep = e.type() == EvidenceType.REVIEW_KEPT;
      boolean atDeadline = e.actor().equals(DEADLINE_ACTOR);
      if (atDeadline) {
        keptWithException += keep ? 1 : 0;
        revokedAtDeadline += keep ? 0 : 1;
      } else {
        kept += keep ? 1 : 0;
        revoked += keep ? 0 : 1;
        decided.merge(Actors.name(e.actor()), 1, Integer::sum);
      }
      AccessRecord r = scan.record(e.recordId());
      decisions.add(
          new Decision(
              r.id().value(),
              r.subject().value(),
              r.roleId().value(),
              keep ? "KEEP" : "REVOKE",
              Actors.name(e.actor()),
              e.time(),
              e.detailText(EvidenceKeys.REASON),
              ControlScan.exception(e),
              e.hash()));
    }
    return new CampaignEntry(
        id,
        campaign == null ? null : campaign.spec().name(),
        campaign == null ? null : campaign.startedAt(),
        campaign == null ? null : campaign.status().name(),
        campaign == null ? null : campaign.items(),
        kept,
        revoked,
        keptWithException,
        revokedAtDeadline,
        progress(assigned, decided),
        decisions);
  }

  private static List<ReviewerProgress> progress(
      @Nullable Map<String, Integer> assigned, Map<String, Integer> decided) {
    Map<String, ReviewerProgress> all = new TreeMap<>();
    if (assigned != null) {
      assigned.forEach(
          (who, n) -> all.put(who, new ReviewerProgress(who, n, decided.getOrDefault(who, 0))));
    }
    decided.forEach(
        (who, n) ->
            all.putIfAbsent(who, new ReviewerProgress(who, assigned == null ? null : 0, n)));
    return List.copyOf(all.values());
  }

  private static Map<String, Integer> assignments(AccessService access, String campaignId) {
    Map<String, Integer> assigned = new TreeMap<>();
    for (ReviewItem item : access.reviews().items(CampaignId.of(campaignId))) {
      assigned.merge(item.reviewer().value(), 1, Integer::sum);
    }
    return assigned;
  }

  private static @Nullable ReviewCampaign known(AccessService access, String id) {
    try {
      return access.reviews().campaign(CampaignId.of(id));
    } catch (NotFoundException | InvalidRequestException e) {
      return null; // known only to the evidence (an imported chain): the evidence still counts
    }
  }
}
