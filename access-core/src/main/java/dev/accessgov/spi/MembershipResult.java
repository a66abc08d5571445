package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;

/**
 * The result for one user of a bulk membership change ({@link IdentityProvider#removeMembers}):
 * either the change with the provider's receipt, or the typed error the provider's answer for that
 * user meant. Each is evidence on its own: one user's failure says nothing about the others.
 */
public sealed interface MembershipResult permits MembershipResult.Changed, MembershipResult.Failed {

  /** The group. */
  String groupId();

  /** The user. */
  String userId();

  /**
   * The user's membership is as asked: added, removed, or already so.
   *
   * @param change the outcome and the provider's receipt for this user
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
   * @param error what the provider answered, with status, error code and request id
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
