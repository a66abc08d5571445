package dev.accessgov.entra;

import dev.accessgov.ProviderException;
import org.jspecify.annotations.Nullable;

/**
 * A group whose membership this provider will not, or Graph did not, change by adding or removing
 * members. Never retryable: the same call fails the same way until the group or the app's
 * permissions change. {@link #reason()} says which case it is.
 */
public final class GroupNotManageableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** Why the group's membership cannot be changed here. */
  public enum Reason {
    /**
     * The group can be assigned Entra roles ({@code isAssignableToRole}); its members hold
     * directory roles, so membership is governed through Privileged Identity Management, not here.
     * Refused whatever the app's permissions: Graph would need {@code
     * RoleManagement.ReadWrite.Directory}, which this provider deliberately does not use.
     */
    ROLE_ASSIGNABLE,
    /**
     * Membership is computed from a rule ({@code groupTypes} contains {@code DynamicMembership}).
     */
    DYNAMIC_MEMBERSHIP,
    /** The group is synchronised from on-premises Active Directory and changed there. */
    SYNCED_FROM_ON_PREMISES,
    /** A distribution list or mail-enabled security group: Graph cannot change its members. */
    MAIL_ENABLED,
    /** Graph answered 403: the app lacks the permission for this group. */
    REFUSED
  }

  private final String groupId;
  private final Reason reason;

  /**
   * An exception for one refused membership change.
   *
   * @param providerId the provider's {@code id()}
   * @param operation {@code addMember}, {@code removeMember} or a bulk operation
   * @param groupId the group
   * @param reason why it cannot be changed
   * @param errorCode Graph's error code, when Graph answered
   * @param requestId Graph's {@code request-id}, when Graph answered
   * @param message what to do about it
   */
  public GroupNotManageableException(
      String providerId,
      String operation,
      String groupId,
      Reason reason,
      @Nullable String errorCode,
      @Nullable String requestId,
      String message) {
    super(
        providerId,
        operation,
        reason == Reason.REFUSED ? 403 : 0,
        errorCode,
        requestId,
        false,
        message,
        null);
    this.groupId = groupId;
    this.reason = reason;
  }

  /** The group whose membership cannot be changed. */
  public String groupId() {
    return groupId;
  }

  /** Why. */
  public Reason reason() {
    return reason;
  }
}
