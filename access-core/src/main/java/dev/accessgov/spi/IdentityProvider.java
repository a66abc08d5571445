package dev.accessgov.spi;

import dev.accessgov.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * An identity provider (Okta, Entra ID, Google Workspace, ...) that executes access changes as
 * group memberships. Implementations are thread-safe. Every method either returns what the provider
 * answered or throws a {@link dev.accessgov.ProviderException} (with {@code retryable} set
 * truthfully); implementations retry throttling and transient errors themselves, within bounds.
 * Arguments are never null.
 */
public interface IdentityProvider {

  /** The id catalog {@link dev.accessgov.catalog.GroupRef}s use to name this provider. Constant. */
  String id();

  /**
   * Finds a user by the provider's user id, login or e-mail.
   *
   * @return the user, or empty when the provider knows no such user
   */
  Optional<IdpUser> findUser(String idLoginOrEmail);

  /**
   * Makes {@code userId} a member of {@code groupId}. Idempotent: when the user already is a member
   * the result says {@link MembershipOutcome#ALREADY_MEMBER} and nothing changes.
   *
   * @return {@link MembershipOutcome#ADDED} or {@link MembershipOutcome#ALREADY_MEMBER}, with the
   *     provider's receipt
   */
  MembershipChange addMember(String groupId, String userId);

  /**
   * Removes {@code userId} from {@code groupId}. Idempotent: when the user is not a member the
   * result says {@link MembershipOutcome#NOT_A_MEMBER} and nothing changes.
   *
   * @return {@link MembershipOutcome#REMOVED} or {@link MembershipOutcome#NOT_A_MEMBER}, with the
   *     provider's receipt
   */
  MembershipChange removeMember(String groupId, String userId);

  /**
   * Removes each of {@code userIds} from {@code groupId}, as {@link #removeMember} removes one. The
   * expiry sweep hands a provider up to {@link #bulkRemovals()} members of one group at a time. A
   * provider with a bulk API (Entra's JSON batching) overrides both; the default removes them one
   * by one.
   *
   * <p>Never throws for one user's failure: each user gets a {@link MembershipResult.Changed}
   * ({@code REMOVED} or {@code NOT_A_MEMBER}, with its own receipt) or a {@link
   * MembershipResult.Failed} with the typed error, and the others are still removed.
   *
   * @param userIds the users, each at most once; may be empty
   * @return one result per user, in the order of {@code userIds}
   */
  default List<MembershipResult> removeMembers(String groupId, List<String> userIds) {
    List<MembershipResult> results = new ArrayList<>(userIds.size());
    for (String userId : userIds) {
      try {
        results.add(new MembershipResult.Changed(removeMember(groupId, userId)));
      } catch (ProviderException e) {
        results.add(new MembershipResult.Failed(groupId, userId, e));
      }
    }
    return results;
  }

  /**
   * How many users {@link #removeMembers} removes in about the time of one {@link #removeMember}:
   * the most the expiry sweep hands it in one call, renewing its leases on the records between
   * calls. 1, the default, for a provider without a bulk API.
   */
  default int bulkRemovals() {
    return 1;
  }

  /**
   * Whether {@code userId} is a <em>direct</em> member of {@code groupId} right now: a membership
   * {@link #addMember} makes and {@link #removeMember} ends. Membership through a nested group does
   * not count, since removing the user from this group would not end it; every provider answers
   * alike, whatever its own API calls effective membership.
   */
  boolean isMember(String groupId, String userId);

  /**
   * One page of the group's direct members (as {@link #isMember} counts them), in the provider's
   * order.
   *
   * @param pageToken null for the first page, then {@link MemberPage#nextPageToken()}
   */
  MemberPage members(String groupId, @Nullable String pageToken);

  /**
   * When the user last signed in. Returns {@link LastLogin#unknown()} rather than failing when the
   * provider cannot tell.
   */
  LastLogin lastLogin(String userId);

  /**
   * The provider's log of what its users did, when it can read one: the optional usage capability
   * the service asks, when time-bound access ends, whether the access was used. Empty by default,
   * meaning usage is not available from this provider (it keeps no such log, or this library does
   * not read it); the service then records that instead of asking. Constant for the provider's
   * life.
   */
  default Optional<ActivityLog> activityLog() {
    return Optional.empty();
  }

  /**
   * Every direct member of the group, fetched page by page as the stream is consumed, so large
   * groups do not sit in memory.
   */
  default Stream<Member> streamMembers(String groupId) {
    Spliterator<Member> pages =
        new Spliterators.AbstractSpliterator<>(
            Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
          private @Nullable MemberPage page;
          private int index;

          @Override
          public boolean tryAdvance(Consumer<? super Member> action) {
            while (page == null || index >= page.members().size()) {
              if (page != null && !page.hasNext()) {
                return false;
              }
              page = members(groupId, page == null ? null : page.nextPageToken());
              index = 0;
            }
            action.accept(page.members().get(index++));
            return true;
          }
        };
    return StreamSupport.stream(pages, false);
  }
}
