package dev.accessgov.spi;

import static java.util.Objects.requireNonNull;

/**
 * The result of {@link IdentityProvider#addMember} or {@link IdentityProvider#removeMember}.
 *
 * @param outcome what the provider did
 * @param groupId the group
 * @param userId the provider's user id
 * @param receipt what the provider answered, for evidence
 */
public record MembershipChange(
    MembershipOutcome outcome, String groupId, String userId, ProviderReceipt receipt) {
  /** Checks all fields are present. */
  public MembershipChange {
    requireNonNull(outcome, "outcome");
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    requireNonNull(receipt, "receipt");
  }
}
