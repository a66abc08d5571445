package dev.accessgov.service;

import static dev.accessgov.service.Fixture.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.ProviderException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.IdpUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A campaign over groups larger than one page of members (members are joined with their records a
 * page at a time) and than one batch of items (items are stored a batch at a time while the next is
 * built).
 */
@DisplayName("a campaign over more members than a page and more items than a batch")
class CampaignPagesTest {
  private static final int MEMBERS = 1_203;
  private static final CampaignSpec SPEC =
      CampaignSpec.builder("big", "grace").scope(ReviewScope.roles("github/read")).build();

  private final Fixture f = new Fixture();
  private final Instant now = f.clock.instant();

  /** What each member's item must carry: its subject and its record, or null. */
  private final Map<String, Expected> expected = new HashMap<>();

  private record Expected(String subject, @Nullable RecordId record, boolean unexplained) {}

  /**
   * Member {@code i} is user {@code 00u<i>} with login {@code m<i>@corp}; by {@code i % 4} their
   * record names the login, names the user id, is missing, or is a record opened for access found
   * in the provider (discovered). Every fifth one also holds an ended record of the role under the
   * login, which explains nothing but makes the login the person.
   */
  private void members() {
    for (int i = 0; i < MEMBERS; i++) {
      String id = "00u" + i;
      String login = "m" + i + "@corp";
      f.idp.user(new IdpUser(id, login, login, true));
      f.idp.addMember("gh-read", id);
      if (i % 5 == 0) {
        insert(login, RecordState.REVOKED, EvidenceType.REQUESTED);
      }
      switch (i % 4) {
        case 0 ->
            expected.put(
                id,
                new Expected(
                    login, insert(login, RecordState.ACTIVE, EvidenceType.PROVISIONED), false));
        case 1 -> {
          RecordId byId = insert(id, RecordState.ACTIVE, EvidenceType.PROVISIONED);
          // A record under the login, even one that explains nothing, names the person.
          expected.put(
              id, i % 5 == 0 ? new Expected(login, null, true) : new Expected(id, byId, false));
        }
        case 2 -> expected.put(id, new Expected(login, null, true));
        default ->
            expected.put(
                id,
                new Expected(
                    login, insert(login, RecordState.ACTIVE, EvidenceType.DRIFT_DETECTED), true));
      }
    }
  }

  private RecordId insert(String subject, RecordState state, EvidenceType first) {
    AccessRecord r =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(PersonId.of(subject))
            .roleId(RoleId.of("github/read"))
            .requester(PersonId.of(subject))
            .reason("seeded")
            .state(state)
            .requestedAt(now)
            .activatedAt(now)
            .build();
    f.store.insert(
        r, List.of(EvidenceDraft.of(r.id().value(), first, "system:test", now, Map.of())));
    return r.id();
  }

  @Test
  @DisplayName(
      "joins every member with their own records, by login or else by user id, numbering items"
          + " 1 to n")
  void joinsEveryMember() {
    members();
    AccessService access = f.service();

    ReviewCampaign c = access.reviews().start(SPEC);

    List<ReviewItem> items = access.reviews().items(c.id());
    assertThat(c.items()).isEqualTo(MEMBERS);
    assertThat(c.status()).isEqualTo(CampaignStatus.OPEN);
    assertThat(items)
        .extracting(i -> i.id().number())
        .isEqualTo(IntStream.rangeClosed(1, MEMBERS).boxed().toList());
    for (ReviewItem item : items) {
      Expected e = expected.get(item.idpUserId());
      assertThat(item.subject().value()).as(item.idpUserId()).isEqualTo(e.subject());
      assertThat(item.recordId()).as(item.idpUserId()).isEqualTo(e.record());
      assertThat(item.unexplained()).as(item.idpUserId()).isEqualTo(e.unexplained());
    }
  }

  @Test
  @DisplayName("throws the store's failure to store a batch, and leaves the campaign unopened")
  void storeFails() {
    members();
    ProviderException down =
        new ProviderException("store", "addItems", 0, null, null, true, "connection lost", null);
    AtomicInteger batches = new AtomicInteger();
    GovernanceStore real = f.store.governance();
    GovernanceStore failing =
        proxy(
            GovernanceStore.class,
            real,
            (name, args) -> {
              if (name.equals("addItems") && batches.incrementAndGet() == 2) {
                throw down;
              }
            });
    AccessStore store =
        proxy(AccessStore.class, f.store, (name, args) -> {}, Map.of("governance", failing));
    AccessService access = f.builder().store(store).build();

    assertThatThrownBy(() -> access.reviews().start(SPEC)).isSameAs(down);
    assertThat(access.reviews().campaigns())
        .singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(CampaignStatus.STARTING));
  }

  private interface Before {
    void call(String method, Object @Nullable [] args);
  }

  private static <T> T proxy(Class<T> type, T target, Before before) {
    return proxy(type, target, before, Map.of());
  }

  /**
   * {@code target} behind {@code type}, with {@code before} run first and some results replaced.
   */
  private static <T> T proxy(Class<T> type, T target, Before before, Map<String, Object> results) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (p, method, args) -> {
              before.call(method.getName(), args);
              if (results.containsKey(method.getName())) {
                return results.get(method.getName());
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }
}
