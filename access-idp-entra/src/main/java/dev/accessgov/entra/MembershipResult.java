package dev.accessgov.entra;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.spi.MembershipChange;

/**
 * The result for one user of a bulk membership change ({@link EntraIdentityProvider#removeMembers},
 * {@link EntraIdentityProvider#addMembers}): either the change with Graph's receipt, or the typed
 * error Graph's answer to that user's sub-request meant. Each is evidence on its own.
 */
public sealed interface MembershipResult permits MembershipResult.Changed, MembershipResult.Failed {

  /** The group. */
  String groupId();

  /** The user. */
  String userId();

  /**
   * The user's membership is as asked: added, removed, or already so.
   *
   * @param change the outcome and Graph's receipt for this user's sub-request
   */
  record Changed(MembershipChange change) implements MembershipResult {
    /** Checks the change is present. */
    public Changed {
      requireNonNull(change, "change");
    }

    @Override
    public String groupId() {
      return change.groupId();
    }

    @Override
    public String userId() {
      return change.userId();
    }
  }

  /**
   * The change failed for this user; {@link ProviderException#retryable()} says whether trying
   * again later can help.
   *
   * @param groupId the group
   * @param userId the user
   * @param error what Graph answered, with status, error code and request id
   */
  record Failed(String groupId, String userId, ProviderException error)
      implements MembershipResult {
    /** Checks all fields are present. */
    public Failed {
      requireNonNull(groupId, "groupId");
      requireNonNull(userId, "userId");
      requireNonNull(error, "error");
    }
  }
}
