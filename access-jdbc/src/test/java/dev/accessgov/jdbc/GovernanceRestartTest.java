package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryNotifier;
import dev.accessgov.jdbc.postgres.PostgresCluster;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.reclaim.ReclaimCandidate;
import dev.accessgov.reclaim.ReclaimPolicy;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.CloseResult;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.time.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15's restart tests, on every store that persists: the embedded store (SQLite), an H2 file
 * handed over as a data source, and PostgreSQL. A service instance is stopped in the middle of a
 * review campaign and of a reclaim grace period and another is started on the same database with a
 * fresh notifier: everything is there, nothing is sent twice, and the grace period ends when it was
 * set to end.
 */
@DisplayName("governance state survives a restart")
class GovernanceRestartTest {
  private static final int PEOPLE = 4;

  @TempDir Path dir;
  private final TestClock clock = TestClock.at("2026-03-02T09:00:00Z");
  private final InMemoryIdentityProvider idp =
      new InMemoryIdentityProvider(Fixtures.IDP, clock).groups(Fixtures.GROUP);
  private final List<AutoCloseable> open = new ArrayList<>();
  private Supplier<JdbcAccessStore> stores;
  private JdbcAccessStore store;
  private InMemoryNotifier notifier;
  private AccessService access;
  private dev.accessgov.policy.VerifiedDomains domains =
      dev.accessgov.policy.VerifiedDomains.none();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Opens {@code kind} for the first time, with the grants every test starts from. */
  private void first(String kind) {
    switch (kind) {
      case "embedded" -> stores = () -> AccessStores.embedded(dir);
      case "h2" -> {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access"));
        config.setUsername("sa");
        HikariDataSource pool = new HikariDataSource(config);
        open.add(pool);
        stores = () -> AccessStores.jdbc(pool);
      }
      default -> {
        HikariDataSource pool = PostgresCluster.get().newDatabase(4);
        open.add(pool);
        String url = pool.getJdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        stores =
            () -> {
              HikariDataSource again = PostgresCluster.get().pool(database, 4);
              open.add(again);
              return AccessStores.postgres(again);
            };
      }
    }
    for (int i = 0; i < PEOPLE; i++) {
      idp.user("user-" + i);
    }
    start();
    for (int i = 0; i < PEOPLE; i++) {
      access.grant(Fixtures.grant(i, Duration.ofHours(20)));
    }
  }

  /** A service instance on the store, with a notifier of its own. */
  private void start() {
    store = stores.get();
    notifier = new InMemoryNotifier();
    access =
        Fixtures.builder(store, idp, PEOPLE, clock)
            .notifier(notifier)
            .administrators(PersonId.of("olivia"))
            .peopleDirectory(Fixtures.people(PEOPLE).alias("user-0", "user-0@acme.com"))
            .verifiedDomains(domains)
            .build();
  }

  /** Stops this instance (its store with it) and starts another on the same database. */
  private void restart() {
    store.close();
    start();
  }

  private ReviewItem itemOf(ReviewCampaign c, String subject) {
    return access.reviews().items(c.id()).stream()
        .filter(i -> i.subject().equals(PersonId.of(subject)))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "h2", "postgresql"})
  @DisplayName(
      "a campaign stopped midway (decisions, a delegation, one reminder sent) carries on after a"
          + " restart, and nothing is sent twice")
  void campaignAcrossRestart(String kind) {
    first(kind);
    ReviewCampaign c =
        access
            .reviews()
            .start(
                CampaignSpec.builder("Q1", "olivia")
                    .duration(Duration.ofHours(10))
                    .reminders(Duration.ofHours(6), Duration.ofHours(1))
                    .build());
    PersonId alice = PersonId.of("alice");
    access.reviews().decide(itemOf(c, "user-0").id(), alice, Verdict.KEEP, "on call this quarter");
    access
        .reviews()
        .delegate(itemOf(c, "user-1").id(), alice, PersonId.of("olivia"), "alice is away");
    clock.advance(Duration.ofHours(5)); // the 6-hour reminder fell due
    List<Reminder> before = access.reviews().sendReminders();
    assertThat(before)
        .extracting(Reminder::reviewer)
        .containsExactlyInAnyOrder(alice, PersonId.of("olivia"));
    List<ReviewItem> itemsBefore = access.reviews().items(c.id());

    restart();

    assertThat(access.reviews().campaigns()).extracting(ReviewCampaign::id).containsExactly(c.id());
    ReviewCampaign again = access.reviews().campaign(c.id());
    assertThat(again.status()).isEqualTo(CampaignStatus.OPEN);
    assertThat(again.deadline()).isEqualTo(c.deadline());
    assertThat(again.decided()).isEqualTo(1);
    assertThat(access.reviews().items(c.id()))
        .as("items, reviewers, the delegation and the decision, as before the restart")
        .isEqualTo(itemsBefore);
    assertThat(access.reviews().sendReminders()).as("the reminder is not sent again").isEmpty();
    assertThat(notifier.deliveries()).isZero();

    access
        .reviews()
        .decide(itemOf(c, "user-1").id(), PersonId.of("olivia"), Verdict.REVOKE, "left the team");
    assertThat(idp.isMember(Fixtures.GROUP, "user-1")).isFalse();
    clock.advance(Duration.ofHours(4)); // the 1-hour reminder
    assertThat(access.reviews().sendReminders())
        .extracting(Reminder::reviewer, Reminder::pendingItems)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(alice, 2));

    clock.advance(Duration.ofHours(1)); // the deadline
    assertThat(access.reviews().closeDue().get(c.id())).isInstanceOf(CloseResult.Closed.class);
    CloseResult.Closed closed = (CloseResult.Closed) access.reviews().close(c.id());
    assertThat(closed.report().items()).isEqualTo(PEOPLE);
    assertThat(closed.report().keptWithException()).isEqualTo(2);

    restart();
    assertThat(access.reviews().campaign(c.id()).status()).isEqualTo(CampaignStatus.CLOSED);
    EvidenceEvent closing = closingEvent(c);
    String listed = closing.detailText(EvidenceKeys.ITEMS);
    for (ReviewItem i : access.reviews().items(c.id())) {
      assertThat(listed)
          .contains(
              i.id().number()
                  + " "
                  + i.decision().verdict()
                  + " "
                  + i.decision().recordId()
                  + " "
                  + i.decision().evidenceSeq());
    }
    assertThat(access.reviews().sendReminders()).isEmpty();
    assertThat(notifier.deliveries()).as("nothing sent after the restart").isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "h2", "postgresql"})
  @DisplayName(
      "unmanaged items needing an explicit decision stay so across a restart: a keep needs a"
          + " reason, and the deadline escalates them, then revokes")
  void unmanagedAcrossRestart(String kind) {
    domains = dev.accessgov.policy.VerifiedDomains.of("acme.com");
    first(kind);
    ReviewCampaign c =
        access
            .reviews()
            .start(
                CampaignSpec.builder("Q1", "olivia")
                    .duration(Duration.ofHours(10))
                    .reminders()
                    .explicitDecisionOnUnmanaged(true)
                    .build());
    List<ReviewItem> itemsBefore = access.reviews().items(c.id());
    assertThat(itemsBefore)
        .as("user-0 is user-0@acme.com in the directory; the others have no address")
        .extracting(i -> i.subject().value(), ReviewItem::unmanaged)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("user-0", false),
            org.assertj.core.groups.Tuple.tuple("user-1", true),
            org.assertj.core.groups.Tuple.tuple("user-2", true),
            org.assertj.core.groups.Tuple.tuple("user-3", true));

    restart();

    assertThat(access.reviews().items(c.id())).isEqualTo(itemsBefore);
    assertThat(access.reviews().campaign(c.id()).spec().explicitDecisionOnUnmanaged()).isTrue();
    PersonId alice = PersonId.of("alice");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> access.reviews().decide(itemOf(c, "user-1").id(), alice, Verdict.KEEP, "ok"))
        .isInstanceOf(dev.accessgov.InvalidRequestException.class);
    access
        .reviews()
        .decide(itemOf(c, "user-1").id(), alice, Verdict.KEEP, "contractor, contract OPS-12");
    assertThat(
            access
                .record(itemOf(c, "user-1").decision().recordId())
                .lastEvent(EvidenceType.REVIEW_KEPT)
                .orElseThrow()
                .detail(EvidenceKeys.UNMANAGED))
        .isEqualTo(true);

    clock.advance(Duration.ofHours(10));
    CloseResult first = access.reviews().closeDue().get(c.id());
    assertThat(first).isInstanceOf(CloseResult.Escalated.class);
    assertThat(((CloseResult.Escalated) first).escalated())
        .extracting(i -> i.subject().value())
        .containsExactlyInAnyOrder("user-2", "user-3");
    assertThat(itemOf(c, "user-0").decision().exception()).isTrue();

    restart();
    clock.advance(c.spec().escalationWindow());
    assertThat(access.reviews().closeDue().get(c.id())).isInstanceOf(CloseResult.Closed.class);
    assertThat(itemOf(c, "user-2").decision().verdict()).isEqualTo(Verdict.REVOKE);
    assertThat(idp.isMember(Fixtures.GROUP, "user-2")).isFalse();
    assertThat(idp.isMember(Fixtures.GROUP, "user-1")).isTrue();
  }

  private EvidenceEvent closingEvent(ReviewCampaign c) {
    return access.evidence().read(1, (int) store.evidenceSize()).stream()
        .filter(e -> e.type() == EvidenceType.CAMPAIGN_CLOSED)
        .filter(e -> c.id().value().equals(e.detailText(EvidenceKeys.CAMPAIGN)))
        .reduce((a, b) -> b)
        .orElseThrow();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "h2", "postgresql"})
  @DisplayName("a reclaim grace period that spans a restart ends at the original time")
  void graceAcrossRestart(String kind) {
    first(kind);
    idp.lastLogin("user-0", LastLogin.never());
    ReclaimPolicy policy =
        ReclaimPolicy.builder("inactive-10h")
            .threshold(RiskTier.STANDARD, Duration.ofHours(10))
            .grace(Duration.ofHours(4))
            .build();
    clock.advance(Duration.ofHours(11));
    Instant noticed = clock.instant();
    ReclaimCandidate notice = only(access.reclaim(policy).candidates());
    assertThat(notice.status()).isEqualTo(ReclaimCandidate.Status.NOTICE);
    assertThat(notice.removeAfter()).isEqualTo(noticed.plus(Duration.ofHours(4)));
    assertThat(notifier.notices()).hasSize(1);

    restart();
    clock.advance(Duration.ofHours(3));
    ReclaimCandidate waiting = only(access.reclaim(policy).candidates());
    assertThat(waiting.status()).isEqualTo(ReclaimCandidate.Status.IN_GRACE);
    assertThat(waiting.removeAfter())
        .as("the grace period ends when it was set to, not 4 hours after the restart")
        .isEqualTo(noticed.plus(Duration.ofHours(4)));
    assertThat(notifier.deliveries()).as("the notice is not delivered again").isZero();

    restart();
    clock.advance(Duration.ofHours(1));
    ReclaimCandidate removed = only(access.reclaim(policy).candidates());
    assertThat(removed.status()).isEqualTo(ReclaimCandidate.Status.REMOVED);
    assertThat(idp.isMember(Fixtures.GROUP, "user-0")).isFalse();
    assertThat(access.record(removed.recordId()).state()).isEqualTo(RecordState.REVOKED);
    assertThat(
            access
                .record(removed.recordId())
                .lastEvent(EvidenceType.RECLAIMED)
                .orElseThrow()
                .detailText(EvidenceKeys.NOTICE_GIVEN_AT))
        .isEqualTo(noticed.toString());
    assertThat(store.governance().notice(policy.name(), removed.recordId()))
        .as("the notice ends with the removal")
        .isEmpty();
  }

  private static ReclaimCandidate only(List<ReclaimCandidate> candidates) {
    assertThat(candidates).hasSize(1);
    return candidates.get(0);
  }
}
