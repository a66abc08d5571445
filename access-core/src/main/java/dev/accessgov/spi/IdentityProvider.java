package dev.accessgov.spi;

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

  /** Whether {@code userId} is a member of {@code groupId} right now. */
  boolean isMember(String groupId, String userId);

  /**
   * One page of the group's members, in the provider's order.
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
   * Every member of the group, fetched page by page as the stream is consumed, so large groups do
   * not sit in memory.
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
