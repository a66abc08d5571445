package dev.accessgov.okta;

import dev.accessgov.ProviderException;
import org.jspecify.annotations.Nullable;

/**
 * Okta refused to change a group's membership with HTTP 403. Okta answers this way for groups whose
 * membership is not managed through its API (an {@code APP_GROUP} imported from Active Directory,
 * LDAP or an app, or a {@code BUILT_IN} group such as Everyone) and also when the credential lacks
 * the right scope or admin role. Never retryable: the same call fails the same way until the group
 * or the credential is changed.
 */
public final class GroupNotManageableException extends ProviderException {
  private static final long serialVersionUID = 1L;

  private final String groupId;

  /**
   * An exception for one refused membership change.
   *
   * @param providerId the provider's {@code id()}
   * @param operation {@code addMember} or {@code removeMember}
   * @param groupId the group Okta refused to change
   * @param errorCode Okta's error code, usually {@code E0000006}
   * @param requestId Okta's {@code X-Okta-Request-Id}, if it sent one
   * @param message what Okta said
   */
  public GroupNotManageableException(
      String providerId,
      String operation,
      String groupId,
      @Nullable String errorCode,
      @Nullable String requestId,
      String message) {
    super(providerId, operation, 403, errorCode, requestId, false, message, null);
    this.groupId = groupId;
  }

  /** The group whose membership Okta refused to change. */
  public String groupId() {
    return groupId;
  }
}
