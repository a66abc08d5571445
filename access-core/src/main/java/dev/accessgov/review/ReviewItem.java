package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.spi.LastLogin;
import org.jspecify.annotations.Nullable;

/**
 * One membership under review, as the identity provider listed it when the campaign started, joined
 * with the record that granted it and what the people directory knows. Immutable: a decision,
 * delegation or escalation produces a new version.
 *
 * <p>The library builds items; applications read them. The canonical constructor is for stores that
 * read items back and is not covered by the compatibility promise: components may be added in a
 * minor release. The accessors are.
 *
 * @param id unique across campaigns: the campaign and the item's number, {@code <campaign id>/<n>}
 * @param subject whose access it is
 * @param applicationId the application
 * @param roleId the role (for unexplained access: the first role in scope that maps the group)
 * @param tier the role's risk tier
 * @param group the group the subject is a member of
 * @param idpUserId the subject's user id in the identity provider
 * @param department the subject's department, when the directory has it
 * @param title the subject's job title, when the directory has it
 * @param lastLogin when the subject last signed in, as the provider said at the start
 * @param recordId the record that granted the access, or null when none explains it
 * @param unexplained whether no request through the library explains the access (no record, or only
 *     one opened when the access was found)
 * @param recommendation what the campaign suggests, and why
 * @param reviewer who decides it now
 * @param assignedTo who it was first assigned to
 * @param escalated whether it was escalated at the deadline
 * @param decision the decision, or null while undecided
 * @param unmanaged whether the account lies outside the organisation's verified domains (see {@link
 *     dev.accessgov.policy.VerifiedDomains}); always false when none are configured. A campaign
 *     whose spec {@linkplain CampaignSpec#explicitDecisionOnUnmanaged() requires it} never keeps
 *     such an item without a reviewer's decision
 */
public record ReviewItem(
    ItemId id,
    PersonId subject,
    String applicationId,
    RoleId roleId,
    RiskTier tier,
    GroupRef group,
    String idpUserId,
    @Nullable String department,
    @Nullable String title,
    LastLogin lastLogin,
    @Nullable RecordId recordId,
    boolean unexplained,
    Recommendation recommendation,
    PersonId reviewer,
    PersonId assignedTo,
    boolean escalated,
    @Nullable ReviewDecision decision,
    boolean unmanaged) {

  /** Checks required fields and that nobody reviews their own access. */
  public ReviewItem {
    requireNonNull(id, "id");
    requireNonNull(subject, "subject");
    requireNonNull(applicationId, "applicationId");
    requireNonNull(roleId, "roleId");
    requireNonNull(tier, "tier");
    requireNonNull(group, "group");
    requireNonNull(idpUserId, "idpUserId");
    requireNonNull(lastLogin, "lastLogin");
    requireNonNull(recommendation, "recommendation");
    requireNonNull(reviewer, "reviewer");
    requireNonNull(assignedTo, "assignedTo");
    if (reviewer.equals(subject)) {
      throw new IllegalArgumentException(subject + " cannot review their own access");
    }
  }

  /** An item of an account not marked unmanaged: the shape before the mark existed. */
  public ReviewItem(
      ItemId id,
      PersonId subject,
      String applicationId,
      RoleId roleId,
      RiskTier tier,
      GroupRef group,
      String idpUserId,
      @Nullable String department,
      @Nullable String title,
      LastLogin lastLogin,
      @Nullable RecordId recordId,
      boolean unexplained,
      Recommendation recommendation,
      PersonId reviewer,
      PersonId assignedTo,
      boolean escalated,
      @Nullable ReviewDecision decision) {
    this(
        id,
        subject,
        applicationId,
        roleId,
        tier,
        group,
        idpUserId,
        department,
        title,
        lastLogin,
        recordId,
        unexplained,
        recommendation,
        reviewer,
        assignedTo,
        escalated,
        decision,
        false);
  }

  /** The campaign this item belongs to. */
  public CampaignId campaignId() {
    return id.campaign();
  }

  /** Whether a decision was made. */
  public boolean isDecided() {
    return decision != null;
  }

  /** This item handed to {@code to}; {@link Handover#ESCALATE} marks it escalated. */
  public ReviewItem withReviewer(PersonId to, Handover how) {
    requireNonNull(how, "how");
    return new ReviewItem(
        id,
        subject,
        applicationId,
        roleId,
        tier,
        group,
        idpUserId,
        department,
        title,
        lastLogin,
        recordId,
        unexplained,
        recommendation,
        to,
        assignedTo,
        escalated || how == Handover.ESCALATE,
        decision,
        unmanaged);
  }

  /** This item decided. */
  public ReviewItem withDecision(ReviewDecision decision) {
    return new ReviewItem(
        id,
        subject,
        applicationId,
        roleId,
        tier,
        group,
        idpUserId,
        department,
        title,
        lastLogin,
        decision.recordId(),
        unexplained,
        recommendation,
        reviewer,
        assignedTo,
        escalated,
        requireNonNull(decision, "decision"),
        unmanaged);
  }

  @Override
  public String toString() {
    return id
        + " "
        + subject
        + " "
        + roleId
        + " ("
        + group
        + ")"
        + (unexplained ? " UNEXPLAINED" : "")
        + (unmanaged ? " UNMANAGED" : "")
        + ", reviewer "
        + reviewer
        + ", recommends "
        + recommendation
        + (decision == null ? "" : ", decided " + decision.verdict() + " by " + decision.actor());
  }
}
