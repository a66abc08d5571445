package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.ProviderException;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Member;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link IdentityProvider} keeps. Subclass it in the provider's module, point it
 * at the provider (or its emulator) and supply the fixtures; every test must pass.
 *
 * <p>The contract checks behaviour, not speed: give the provider under test timeouts and a total
 * time that only a hang reaches (minutes, not seconds), so that a busy machine cannot turn a
 * healthy answer into a failure.
 */
public abstract class IdentityProviderContract {

  /** The provider under test; the same instance for the whole test. */
  protected abstract IdentityProvider provider();

  /** The login of a user the provider knows and who is in none of the fixture groups. */
  protected abstract String knownUser();

  /** A group the test may change; empty when the test starts. */
  protected abstract String emptyGroup();

  /** A group with exactly {@code count} members (more than one page of the provider's listing). */
  protected abstract String groupWithMembers(int count);

  /**
   * How many members {@link #groupWithMembers} is asked for; override to fit the provider's page
   * size.
   */
  protected int largeGroupSize() {
    return 250;
  }

  /** A group id the provider does not have. */
  protected String unknownGroup() {
    return "no-such-group-00000000";
  }

  private String userId() {
    return provider().findUser(knownUser()).orElseThrow().id();
  }

  @Nested
  @DisplayName("finding users")
  class FindingUsers {
    @Test
    @DisplayName("finds a user by login and by the id it returns")
    void findsByLoginAndId() {
      IdpUser byLogin = provider().findUser(knownUser()).orElseThrow();
      assertThat(provider().findUser(byLogin.id())).contains(byLogin);
    }

    @Test
    @DisplayName("answers empty, not an error, for an unknown user")
    void unknownUserIsEmpty() {
      assertThat(provider().findUser("nobody-" + System.nanoTime() + "@example.invalid")).isEmpty();
    }

    @Test
    @DisplayName("reports a last login without failing, unknown when it cannot tell")
    void lastLoginNeverFails() {
      LastLogin last = provider().lastLogin(userId());
      assertThat(last.kind()).isNotNull();
      assertThat(last.time().isPresent()).isEqualTo(last.kind() == LastLogin.Kind.AT);
    }
  }

  @Nested
  @DisplayName("changing membership")
  class ChangingMembership {
    @Test
    @DisplayName("adds a member and says ADDED, with a receipt naming the provider")
    void adds() {
      MembershipChange change = provider().addMember(emptyGroup(), userId());
      assertThat(change.outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(change.receipt().providerId()).isEqualTo(provider().id());
      assertThat(change.receipt().operation()).isNotBlank();
      assertThat(provider().isMember(emptyGroup(), userId())).isTrue();
    }

    @Test
    @DisplayName(
        "adding a present member is a success that says ALREADY_MEMBER and changes nothing")
    void addIsIdempotent() {
      provider().addMember(emptyGroup(), userId());
      MembershipChange again = provider().addMember(emptyGroup(), userId());
      assertThat(again.outcome()).isEqualTo(MembershipOutcome.ALREADY_MEMBER);
      assertThat(provider().streamMembers(emptyGroup()).filter(m -> m.userId().equals(userId())))
          .hasSize(1);
    }

    @Test
    @DisplayName("removes a member and says REMOVED")
    void removes() {
      provider().addMember(emptyGroup(), userId());
      MembershipChange change = provider().removeMember(emptyGroup(), userId());
      assertThat(change.outcome()).isEqualTo(MembershipOutcome.REMOVED);
      assertThat(provider().isMember(emptyGroup(), userId())).isFalse();
    }

    @Test
    @DisplayName("removing an absent member is a success that says NOT_A_MEMBER")
    void removeIsIdempotent() {
      MembershipChange change = provider().removeMember(emptyGroup(), userId());
      assertThat(change.outcome()).isEqualTo(MembershipOutcome.NOT_A_MEMBER);
      assertThat(provider().isMember(emptyGroup(), userId())).isFalse();
    }

    @Test
    @DisplayName(
        "removes members in bulk: one result per user in order, REMOVED or NOT_A_MEMBER, within"
            + " the provider's bulk size")
    void removesInBulk() {
      assertThat(provider().bulkRemovals()).isPositive();
      assertThat(provider().removeMembers(emptyGroup(), List.of())).isEmpty();
      provider().addMember(emptyGroup(), userId());

      List<MembershipResult> results = provider().removeMembers(emptyGroup(), List.of(userId()));
      List<MembershipResult> again = provider().removeMembers(emptyGroup(), List.of(userId()));

      assertThat(results)
          .singleElement()
          .isInstanceOfSatisfying(
              MembershipResult.Changed.class,
              c -> {
                assertThat(c.userId()).isEqualTo(userId());
                assertThat(c.change().outcome()).isEqualTo(MembershipOutcome.REMOVED);
              });
      assertThat(again)
          .singleElement()
          .isInstanceOfSatisfying(
              MembershipResult.Changed.class,
              c -> assertThat(c.change().outcome()).isEqualTo(MembershipOutcome.NOT_A_MEMBER));
      assertThat(provider().isMember(emptyGroup(), userId())).isFalse();
    }

    @Test
    @DisplayName("concurrent adds of one user leave exactly one membership")
    void concurrentAdds() throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<MembershipChange>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(pool.submit(() -> provider().addMember(emptyGroup(), userId())));
        }
        for (Future<MembershipChange> f : results) {
          assertThat(f.get().outcome())
              .isIn(MembershipOutcome.ADDED, MembershipOutcome.ALREADY_MEMBER);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(provider().streamMembers(emptyGroup()).filter(m -> m.userId().equals(userId())))
          .hasSize(1);
    }

    @Test
    @DisplayName("a change to an unknown group is a typed, non-retryable error")
    void unknownGroupIsTyped() {
      assertThatThrownBy(() -> provider().addMember(unknownGroup(), userId()))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.providerId()).isEqualTo(provider().id());
                assertThat(e.retryable()).isFalse();
              });
    }
  }

  @Nested
  @DisplayName("listing members")
  class ListingMembers {
    @Test
    @DisplayName("pages through a large group, every member exactly once")
    void pagesEveryMemberOnce() {
      String group = groupWithMembers(largeGroupSize());
      List<Member> seen = new ArrayList<>();
      int pages = 0;
      String token = null;
      do {
        MemberPage page = provider().members(group, token);
        seen.addAll(page.members());
        token = page.nextPageToken();
        pages++;
      } while (token != null && pages < 10_000);
      Set<String> ids = new HashSet<>();
      seen.forEach(m -> ids.add(m.userId()));
      assertThat(seen).hasSize(largeGroupSize());
      assertThat(ids).hasSize(largeGroupSize());
      assertThat(pages).as("more than one page").isGreaterThan(1);
    }

    @Test
    @DisplayName("streams the same members as the pages")
    void streamsLikePages() {
      String group = groupWithMembers(largeGroupSize());
      assertThat(provider().streamMembers(group).map(Member::userId).distinct().count())
          .isEqualTo(largeGroupSize());
    }

    @Test
    @DisplayName("lists an empty group as one empty last page")
    void listsEmptyGroup() {
      MemberPage page = provider().members(emptyGroup(), null);
      assertThat(page.members()).isEmpty();
      assertThat(page.hasNext()).isFalse();
    }
  }
}
