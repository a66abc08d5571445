package dev.accessgov.testkit;

import static dev.accessgov.evidence.EvidenceKeys.EXCEPTION;
import static dev.accessgov.evidence.EvidenceKeys.ITEMS;
import static dev.accessgov.evidence.EvidenceKeys.ITEM_COUNT;
import static dev.accessgov.evidence.EvidenceKeys.MOOT;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.testkit.GovernanceFixtures.DEADLINE;
import static dev.accessgov.testkit.GovernanceFixtures.T0;
import static dev.accessgov.testkit.GovernanceFixtures.campaign;
import static dev.accessgov.testkit.GovernanceFixtures.decided;
import static dev.accessgov.testkit.GovernanceFixtures.decision;
import static dev.accessgov.testkit.GovernanceFixtures.fullSpec;
import static dev.accessgov.testkit.GovernanceFixtures.item;
import static dev.accessgov.testkit.GovernanceFixtures.items;
import static dev.accessgov.testkit.GovernanceFixtures.requested;
import static dev.accessgov.testkit.GovernanceFixtures.reviewer;
import static dev.accessgov.testkit.GovernanceFixtures.stored;
import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.reclaim.Exemption;
import dev.accessgov.reclaim.ReclaimNotice;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.CampaignStatus;
import dev.accessgov.review.Handover;
import dev.accessgov.review.ItemId;
import dev.accessgov.review.Reminder;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.GovernanceStore.ItemDecidedException;
import dev.accessgov.spi.RecordLeases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The promises every {@link GovernanceStore} keeps, as its javadoc lists them, checked through
 * {@link AccessStore#governance()}:
 *
 * <ul>
 *   <li><b>Campaigns and items:</b> a campaign is created {@code STARTING} whatever status and
 *       counts it is given, once per id; items are added only to a starting campaign, never
 *       decided, all or none, and a batch offered again leaves stored items as they are; {@code
 *       openCampaign} opens a starting campaign once; {@code campaigns()} lists in creation order
 *       with item and decision counts; items page by number (2,500 of them) and read back exactly;
 *       {@code pending} lists a reviewer's undecided items.
 *   <li><b>Compare-and-set moves:</b> {@code handOver} only from the holder, of an undecided item,
 *       in an open campaign, and an escalated item stays escalated; {@code moveCampaign} only from
 *       the status and deadline read, only of an open campaign, never to {@code STARTING} or {@code
 *       CLOSED}; {@code close} seals exactly one event into a chain that still verifies, and a
 *       second close does nothing.
 *   <li><b>Decisions settle with their evidence:</b> an insert, update or updateAll sealing a
 *       {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} draft that names an item writes the item's
 *       decision, equal to {@link GovernanceStore#decisionOf} of the sealed event; a write naming
 *       an item that is decided, unknown, or in a campaign that is not open throws {@link
 *       ItemDecidedException} and writes nothing (no record version, no event, no lease); in
 *       updateAll only that update is skipped; of racing decisions on one item exactly one commits,
 *       through {@link #store()} and {@link #otherStore()} at once, and the chain verifies.
 *   <li><b>Once-only records:</b> a reminder is stored once per id and listed, due first, until
 *       delivered; a reclaim notice is stored once per policy and record (the first grace deadline
 *       stands) until withdrawn, and listed until delivered; exemptions are kept once each, in the
 *       order added.
 *   <li><b>One claim per directory change:</b> a {@link DirectoryState} is stored from version 0
 *       once, moves only from the version read (each move adds one), reads back exactly (a claim's
 *       {@link DirectoryState#claimedBy()} and {@link DirectoryState#claimReason()} too, also after
 *       a reopen) and pages in id order; of racing claims from one version, through {@link
 *       #store()} and {@link #otherStore()} at once, exactly one succeeds.
 *   <li><b>Unmanaged accounts:</b> an item's {@link ReviewItem#unmanaged()} mark and a spec's
 *       {@link CampaignSpec#explicitDecisionOnUnmanaged()} read back as stored, through hand-overs
 *       and decisions.
 *   <li><b>Durable:</b> for stores that persist, everything above reads back the same after {@link
 *       #reopen()}.
 * </ul>
 *
 * Subclass it and return an empty store from {@link #store()}; a store shared between processes
 * also overrides {@link #otherStore()}, a persistent one {@link #reopen()}.
 */
public abstract class GovernanceStoreContract {

  /** The store under test: empty when each test starts, the same instance until {@link #reopen}. */
  protected abstract AccessStore store();

  /**
   * Another handle on the data of {@link #store()}, as a second process would have one: racing
   * decisions are made through both. The default is {@link #store()} itself; stores that several
   * processes share return a second instance on the same database (the subclass closes it).
   */
  protected AccessStore otherStore() {
    return store();
  }

  /**
   * Closes the store and opens it again on the same data; afterwards {@link #store()} returns the
   * new instance. The default skips the durability test, for stores that keep nothing.
   */
  protected void reopen() {
    Assumptions.abort("this store keeps nothing across a reopen");
  }

  /** How many threads race to decide one item. */
  protected int racers() {
    return 8;
  }

  private GovernanceStore gov() {
    return store().governance();
  }

  /** A created campaign with items 1 to {@code n}, opened when {@code open}. */
  private ReviewCampaign started(int n, boolean open) {
    ReviewCampaign c = campaign(CampaignId.random(), CampaignSpec.builder("q1", "owner").build());
    gov().createCampaign(c);
    if (n > 0) {
      gov().addItems(items(c.id(), 1, n));
    }
    if (open) {
      assertThat(gov().openCampaign(c.id())).isTrue();
    }
    return c;
  }

  private AccessRecord newRecord(String subject) {
    AccessRecord r = GovernanceFixtures.record(subject);
    return store().insert(r, List.of(requested(r)));
  }

  private AccessRecord decide(AccessRecord r, ItemId item, Verdict verdict) {
    return store().update(r, List.of(decision(r, item, verdict)));
  }

  private ReviewItem itemOf(ItemId id) {
    return gov().item(id).orElseThrow();
  }

  private VerificationResult verifyChain() {
    return LogChecks.verifyAll(store());
  }

  private static EvidenceEvent last(AccessRecord r) {
    return r.timeline().get(r.timeline().size() - 1);
  }

  @Nested
  @DisplayName("campaigns and their items")
  class Campaigns {
    @Test
    @DisplayName("a campaign is created STARTING, without items, its spec kept field by field")
    void create() {
      ReviewCampaign given = campaign(CampaignId.random(), fullSpec());
      gov().createCampaign(given);
      ReviewCampaign read = gov().campaign(given.id()).orElseThrow();
      assertThat(read).isEqualTo(stored(given, CampaignStatus.STARTING, 0, 0));
      assertThat(read.spec()).isEqualTo(fullSpec());
      assertThat(gov().campaign(CampaignId.random())).isEmpty();
    }

    @Test
    @DisplayName("a second campaign with the same id is refused and changes nothing")
    void createTwice() {
      ReviewCampaign c = started(2, true);
      ReviewCampaign again = campaign(c.id(), fullSpec());
      assertThatThrownBy(() -> gov().createCampaign(again))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(gov().campaign(c.id())).contains(stored(c, CampaignStatus.OPEN, 2, 0));
      assertThat(gov().campaigns()).hasSize(1);
    }

    @Test
    @DisplayName("campaigns are listed in the order they were created, with their counts")
    void listed() {
      CampaignSpec spec = CampaignSpec.builder("q1", "owner").build();
      ReviewCampaign c = campaign(CampaignId.of("rc-c"), spec);
      ReviewCampaign a = campaign(CampaignId.of("rc-a"), spec);
      ReviewCampaign b = campaign(CampaignId.of("rc-b"), spec);
      for (ReviewCampaign each : List.of(c, a, b)) {
        gov().createCampaign(each);
      }
      gov().addItems(items(c.id(), 1, 3));
      gov().addItems(items(a.id(), 1, 1));
      gov().openCampaign(c.id());
      decide(newRecord("s1"), c.id().item(2), Verdict.KEEP);

      assertThat(gov().campaigns())
          .containsExactly(
              stored(c, CampaignStatus.OPEN, 3, 1),
              stored(a, CampaignStatus.STARTING, 1, 0),
              stored(b, CampaignStatus.STARTING, 0, 0));
      assertThat(gov().campaign(c.id())).contains(stored(c, CampaignStatus.OPEN, 3, 1));
    }

    @Test
    @DisplayName("items read back exactly as they were added")
    void itemsReadBack() {
      ReviewCampaign c = started(12, false);
      for (int n = 1; n <= 12; n++) {
        assertThat(gov().item(c.id().item(n))).contains(item(c.id(), n));
      }
      assertThat(gov().item(c.id().item(13))).isEmpty();
      assertThat(gov().item(CampaignId.random().item(1))).isEmpty();
    }

    @Test
    @DisplayName("an item's unmanaged mark reads back undecided, handed over and decided")
    void unmanagedMark() {
      ReviewCampaign c = started(5, true);
      assertThat(itemOf(c.id().item(5)).unmanaged()).isTrue();
      assertThat(itemOf(c.id().item(4)).unmanaged()).isFalse();
      assertThat(gov().handOver(c.id().item(5), reviewer(5), PersonId.of("x"), Handover.DELEGATE))
          .isTrue();
      assertThat(itemOf(c.id().item(5)).unmanaged()).isTrue();
      decide(newRecord("s5"), c.id().item(5), Verdict.KEEP);
      assertThat(itemOf(c.id().item(5)).isDecided()).isTrue();
      assertThat(itemOf(c.id().item(5)).unmanaged()).isTrue();
    }

    @Test
    @DisplayName("a batch offered again leaves the stored items as they are and adds the rest")
    void addItemsAgain() {
      ReviewCampaign c = started(3, false);
      List<ReviewItem> again = new ArrayList<>(items(c.id(), 2, 5));
      again.set(0, item(c.id(), 2).withReviewer(PersonId.of("someone-else"), Handover.ESCALATE));
      gov().addItems(again);
      gov().addItems(List.of());
      assertThat(gov().items(c.id(), 0, 10)).isEqualTo(items(c.id(), 1, 5));
      assertThat(gov().campaign(c.id()).orElseThrow().items()).isEqualTo(5);
    }

    @Test
    @DisplayName("items are refused, none of the batch stored, when one is decided")
    void addDecidedItem() {
      ReviewCampaign c = started(1, false);
      List<ReviewItem> batch = List.of(item(c.id(), 2), decided(item(c.id(), 3)));
      assertThatThrownBy(() -> gov().addItems(batch)).isInstanceOf(IllegalArgumentException.class);
      assertThat(gov().items(c.id(), 0, 10)).containsExactly(item(c.id(), 1));
    }

    @Test
    @DisplayName("items are refused, none stored, unless their campaign is stored and starting")
    void addToWrongCampaign() {
      ReviewCampaign starting = started(0, false);
      ReviewCampaign open = started(1, true);
      CampaignId unknown = CampaignId.random();
      assertThatThrownBy(() -> gov().addItems(items(unknown, 1, 2)))
          .isInstanceOf(IllegalArgumentException.class);
      List<ReviewItem> mixed = List.of(item(starting.id(), 1), item(open.id(), 2));
      assertThatThrownBy(() -> gov().addItems(mixed)).isInstanceOf(IllegalArgumentException.class);
      assertThat(gov().items(starting.id(), 0, 10)).isEmpty();
      assertThat(gov().items(open.id(), 0, 10)).containsExactly(item(open.id(), 1));
      assertThat(gov().items(unknown, 0, 10)).isEmpty();
      assertThat(gov().campaign(unknown)).isEmpty();
    }

    @Test
    @DisplayName("openCampaign opens a starting campaign once, and nothing else")
    void open() {
      ReviewCampaign c = started(1, false);
      assertThat(gov().openCampaign(c.id())).isTrue();
      assertThat(gov().campaign(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.OPEN);
      assertThat(gov().openCampaign(c.id())).isFalse();
      assertThat(gov().openCampaign(CampaignId.random())).isFalse();
      assertThat(gov().campaigns()).hasSize(1);
    }

    @Test
    @DisplayName("a batch of any size is stored whole, every item read back as it was given")
    void addItemsOfAnySize() {
      ReviewCampaign c = started(0, false);
      for (int[] range : new int[][] {{1, 1}, {2, 100}, {101, 357}, {358, 1357}}) {
        gov().addItems(items(c.id(), range[0], range[1]));
      }
      assertThat(gov().items(c.id(), 0, 2000)).isEqualTo(items(c.id(), 1, 1357));
      assertThat(gov().campaign(c.id()).orElseThrow().items()).isEqualTo(1357);
    }

    @Test
    @DisplayName("2,500 items page by number, each exactly once, in order")
    void paging() {
      ReviewCampaign c = started(0, false);
      gov().addItems(items(c.id(), 1, 1000));
      gov().addItems(items(c.id(), 1001, 2000));
      gov().addItems(items(c.id(), 2001, 2500));
      List<Integer> read = new ArrayList<>();
      int after = 0;
      for (int pages = 0; pages < 20; pages++) {
        List<ReviewItem> page = gov().items(c.id(), after, 300);
        assertThat(page.size()).isLessThanOrEqualTo(300);
        if (page.isEmpty()) {
          break;
        }
        page.forEach(i -> read.add(i.id().number()));
        after = page.get(page.size() - 1).id().number();
      }
      assertThat(read).isEqualTo(IntStream.rangeClosed(1, 2500).boxed().toList());
      assertThat(gov().items(c.id(), 1234, 3))
          .containsExactly(item(c.id(), 1235), item(c.id(), 1236), item(c.id(), 1237));
      assertThat(gov().items(c.id(), 0, 0)).isEmpty();
      assertThat(gov().campaign(c.id()).orElseThrow().items()).isEqualTo(2500);
    }

    @Test
    @DisplayName("pending lists a reviewer's undecided items in number order")
    void pending() {
      ReviewCampaign c = started(9, true);
      PersonId rev1 = reviewer(1);
      assertThat(gov().pending(c.id(), rev1))
          .extracting(i -> i.id().number())
          .containsExactly(1, 4, 7);
      decide(newRecord("s4"), c.id().item(4), Verdict.REVOKE);
      assertThat(gov().pending(c.id(), rev1)).containsExactly(item(c.id(), 1), item(c.id(), 7));
      assertThat(gov().pending(c.id(), PersonId.of("nobody"))).isEmpty();
      assertThat(gov().pending(CampaignId.random(), rev1)).isEmpty();
    }
  }

  @Nested
  @DisplayName("compare-and-set moves")
  class Moves {
    @Test
    @DisplayName("handOver gives an undecided item from its holder to another, and only then")
    void handOver() {
      ReviewCampaign c = started(3, true);
      ItemId one = c.id().item(1);
      PersonId holder = reviewer(1);
      PersonId erin = PersonId.of("erin");

      assertThat(gov().handOver(one, PersonId.of("not-the-holder"), erin, Handover.DELEGATE))
          .isFalse();
      assertThat(itemOf(one)).isEqualTo(item(c.id(), 1));

      assertThat(gov().handOver(one, holder, erin, Handover.DELEGATE)).isTrue();
      assertThat(itemOf(one)).isEqualTo(item(c.id(), 1).withReviewer(erin, Handover.DELEGATE));
      assertThat(itemOf(one).assignedTo()).isEqualTo(holder);
      assertThat(gov().handOver(one, holder, erin, Handover.DELEGATE))
          .as("holder moved on")
          .isFalse();

      assertThat(gov().handOver(one, erin, PersonId.of("grace"), Handover.ESCALATE)).isTrue();
      assertThat(gov().handOver(one, PersonId.of("grace"), erin, Handover.DELEGATE)).isTrue();
      assertThat(itemOf(one).escalated()).as("an escalated item stays escalated").isTrue();
      assertThat(gov().pending(c.id(), erin)).containsExactly(itemOf(one));

      assertThat(gov().handOver(c.id().item(99), holder, erin, Handover.DELEGATE)).isFalse();
      assertThat(gov().handOver(CampaignId.random().item(1), holder, erin, Handover.DELEGATE))
          .isFalse();
    }

    @Test
    @DisplayName("handOver leaves a decided item, or an item of a campaign not open, alone")
    void handOverRefused() {
      ReviewCampaign c = started(2, true);
      decide(newRecord("s1"), c.id().item(1), Verdict.KEEP);
      ReviewItem decidedOne = itemOf(c.id().item(1));
      assertThat(
              gov().handOver(decidedOne.id(), reviewer(1), PersonId.of("erin"), Handover.DELEGATE))
          .isFalse();
      assertThat(itemOf(decidedOne.id())).isEqualTo(decidedOne);

      ReviewCampaign starting = started(1, false);
      assertThat(
              gov()
                  .handOver(
                      starting.id().item(1), reviewer(1), PersonId.of("erin"), Handover.DELEGATE))
          .isFalse();
      assertThat(itemOf(starting.id().item(1))).isEqualTo(item(starting.id(), 1));

      gov().close(c.id(), CampaignStatus.OPEN, T0, closing(c.id()));
      assertThat(
              gov().handOver(c.id().item(2), reviewer(2), PersonId.of("erin"), Handover.DELEGATE))
          .isFalse();
      assertThat(itemOf(c.id().item(2))).isEqualTo(item(c.id(), 2));
    }

    @Test
    @DisplayName("moveCampaign moves only from the status and deadline read")
    void move() {
      ReviewCampaign c = started(1, true);
      Instant later = DEADLINE.plus(Duration.ofDays(7)).plusNanos(3);
      CampaignId id = c.id();
      assertThat(
              gov()
                  .moveCampaign(
                      id, CampaignStatus.ESCALATED, DEADLINE, CampaignStatus.ESCALATED, later))
          .as("wrong status")
          .isFalse();
      assertThat(
              gov()
                  .moveCampaign(
                      id,
                      CampaignStatus.OPEN,
                      DEADLINE.plusNanos(1),
                      CampaignStatus.ESCALATED,
                      later))
          .as("wrong deadline")
          .isFalse();
      assertThat(gov().campaign(id)).contains(stored(c, CampaignStatus.OPEN, 1, 0));

      assertThat(
              gov()
                  .moveCampaign(id, CampaignStatus.OPEN, DEADLINE, CampaignStatus.ESCALATED, later))
          .isTrue();
      assertThat(gov().campaign(id))
          .contains(
              stored(c, CampaignStatus.ESCALATED, 1, 0)
                  .with(CampaignStatus.ESCALATED, later, null));
      assertThat(
              gov()
                  .moveCampaign(id, CampaignStatus.OPEN, DEADLINE, CampaignStatus.ESCALATED, later))
          .as("moved already")
          .isFalse();
      assertThat(
              gov()
                  .moveCampaign(
                      CampaignId.random(),
                      CampaignStatus.OPEN,
                      DEADLINE,
                      CampaignStatus.ESCALATED,
                      later))
          .isFalse();
    }

    @Test
    @DisplayName(
        "moveCampaign refuses STARTING and CLOSED as targets, and moves no campaign"
            + " that is not open")
    void moveRefused() {
      ReviewCampaign c = started(1, true);
      for (CampaignStatus target : List.of(CampaignStatus.STARTING, CampaignStatus.CLOSED)) {
        assertThatThrownBy(
                () -> gov().moveCampaign(c.id(), CampaignStatus.OPEN, DEADLINE, target, DEADLINE))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(gov().campaign(c.id())).contains(stored(c, CampaignStatus.OPEN, 1, 0));

      ReviewCampaign starting = started(1, false);
      assertThat(
              gov()
                  .moveCampaign(
                      starting.id(),
                      CampaignStatus.STARTING,
                      DEADLINE,
                      CampaignStatus.OPEN,
                      DEADLINE))
          .isFalse();
      assertThat(gov().campaign(starting.id()).orElseThrow().status())
          .isEqualTo(CampaignStatus.STARTING);

      gov().close(c.id(), CampaignStatus.OPEN, T0, closing(c.id()));
      assertThat(
              gov()
                  .moveCampaign(
                      c.id(), CampaignStatus.CLOSED, DEADLINE, CampaignStatus.OPEN, DEADLINE))
          .as("a closed campaign is never reopened")
          .isFalse();
      assertThat(gov().campaign(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.CLOSED);
    }

    private EvidenceDraft closing(CampaignId id) {
      return EvidenceDraft.of(
          id.value(),
          EvidenceType.CAMPAIGN_CLOSED,
          "system:review",
          T0.plusSeconds(600),
          Map.of(ITEMS, "", ITEM_COUNT, 0L));
    }

    @Test
    @DisplayName("close seals exactly one event into a chain that still verifies, once")
    void close() {
      ReviewCampaign c = started(2, true);
      AccessRecord r = decide(newRecord("s1"), c.id().item(1), Verdict.KEEP);
      EvidenceDraft closing =
          EvidenceDraft.of(
              c.id().value(),
              EvidenceType.CAMPAIGN_CLOSED,
              "system:review-deadline",
              T0.plusSeconds(900),
              Map.of(ITEMS, "1 KEEP " + r.id() + " " + last(r).seq(), ITEM_COUNT, 2L));
      long size = store().evidenceSize();
      Instant closedAt = T0.plusSeconds(900).plusNanos(11);

      assertThat(gov().close(c.id(), CampaignStatus.ESCALATED, closedAt, closing))
          .as("not in the status read")
          .isEmpty();
      assertThat(store().evidenceSize()).isEqualTo(size);

      EvidenceEvent sealed =
          gov().close(c.id(), CampaignStatus.OPEN, closedAt, closing).orElseThrow();
      assertThat(sealed.seq()).isEqualTo(size + 1);
      assertThat(sealed.prevHash()).isEqualTo(last(r).hash());
      assertThat(sealed.type()).isEqualTo(EvidenceType.CAMPAIGN_CLOSED);
      assertThat(sealed.recordId()).isEqualTo(c.id().value());
      assertThat(sealed.actor()).isEqualTo(closing.actor());
      assertThat(sealed.time()).isEqualTo(closing.time());
      assertThat(sealed.details()).isEqualTo(closing.details());
      assertThat(store().evidenceSize()).isEqualTo(size + 1);
      assertThat(store().evidence(size + 1, 10)).containsExactly(sealed);
      assertThat(gov().campaign(c.id()))
          .contains(
              stored(c, CampaignStatus.CLOSED, 2, 1)
                  .with(CampaignStatus.CLOSED, DEADLINE, closedAt));
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();

      assertThat(gov().close(c.id(), CampaignStatus.OPEN, closedAt, closing)).isEmpty();
      assertThat(gov().close(c.id(), CampaignStatus.CLOSED, closedAt, closing)).isEmpty();
      assertThat(gov().close(CampaignId.random(), CampaignStatus.OPEN, closedAt, closing))
          .isEmpty();
      assertThat(store().evidenceSize()).isEqualTo(size + 1);
    }
  }

  @Nested
  @DisplayName("decisions settle with their evidence")
  class Settlement {
    @Test
    @DisplayName("an update sealing a REVIEW_KEPT draft that names an item decides the item")
    void updateSettles() {
      ReviewCampaign c = started(3, true);
      AccessRecord r = newRecord("s2");
      AccessRecord kept = decide(r, c.id().item(2), Verdict.KEEP);
      EvidenceEvent event = last(kept);
      ReviewDecision decision = GovernanceStore.decisionOf(event);

      assertThat(itemOf(c.id().item(2))).isEqualTo(item(c.id(), 2).withDecision(decision));
      assertThat(decision.verdict()).isEqualTo(Verdict.KEEP);
      assertThat(decision.recordId()).isEqualTo(r.id());
      assertThat(decision.evidenceHash()).isEqualTo(event.hash());
      assertThat(decision.evidenceSeq()).isEqualTo(event.seq());
      assertThat(decision.comment()).isEqualTo("checked by the contract");
      assertThat(store().evidence(event.seq(), 1)).containsExactly(event);
      assertThat(gov().campaign(c.id()).orElseThrow().decided()).isEqualTo(1);
      assertThat(gov().pending(c.id(), reviewer(2))).isEmpty();
    }

    @Test
    @DisplayName("the decision carries the exception and moot flags and the reason of its event")
    void flags() {
      ReviewCampaign c = started(3, true);
      AccessRecord r1 = newRecord("s1");
      AccessRecord kept =
          store()
              .update(
                  r1,
                  List.of(
                      decision(
                          r1,
                          c.id().item(1),
                          Verdict.KEEP,
                          Map.of(EXCEPTION, true, REASON, "nobody decided by the deadline"))));
      AccessRecord r3 = newRecord("s3");
      AccessRecord revoked =
          store()
              .update(
                  r3.toBuilder().state(RecordState.DENIED).endedAt(T0).build(),
                  List.of(decision(r3, c.id().item(3), Verdict.REVOKE, Map.of(MOOT, true))));

      ReviewDecision exception = requireNonNull(itemOf(c.id().item(1)).decision(), "decided");
      assertThat(exception).isEqualTo(GovernanceStore.decisionOf(last(kept)));
      assertThat(exception.exception()).isTrue();
      assertThat(exception.moot()).isFalse();
      assertThat(exception.comment()).isEqualTo("nobody decided by the deadline");
      ReviewDecision moot = requireNonNull(itemOf(c.id().item(3)).decision(), "decided");
      assertThat(moot).isEqualTo(GovernanceStore.decisionOf(last(revoked)));
      assertThat(moot.verdict()).isEqualTo(Verdict.REVOKE);
      assertThat(moot.moot()).isTrue();
      assertThat(moot.exception()).isFalse();
    }

    @Test
    @DisplayName("an insert sealing a REVIEW_REVOKED draft decides the item with the new record")
    void insertSettles() {
      ReviewCampaign c = started(4, true);
      AccessRecord r = GovernanceFixtures.record("p4");
      AccessRecord stored =
          store().insert(r, List.of(requested(r), decision(r, c.id().item(4), Verdict.REVOKE)));
      ReviewDecision decision = GovernanceStore.decisionOf(last(stored));
      assertThat(itemOf(c.id().item(4))).isEqualTo(item(c.id(), 4).withDecision(decision));
      assertThat(itemOf(c.id().item(4)).recordId()).isEqualTo(r.id());
      assertThat(decision.verdict()).isEqualTo(Verdict.REVOKE);
    }

    @Test
    @DisplayName("an ESCALATED campaign still takes decisions")
    void escalated() {
      ReviewCampaign c = started(1, true);
      Instant later = DEADLINE.plus(Duration.ofDays(7));
      gov().moveCampaign(c.id(), CampaignStatus.OPEN, DEADLINE, CampaignStatus.ESCALATED, later);
      AccessRecord kept = decide(newRecord("s1"), c.id().item(1), Verdict.KEEP);
      assertThat(itemOf(c.id().item(1)).decision())
          .isEqualTo(GovernanceStore.decisionOf(last(kept)));
    }

    @Test
    @DisplayName("drafts that name no item, or are no decision, settle nothing")
    void noSettlement() {
      ReviewCampaign c = started(1, true);
      AccessRecord r = newRecord("s1");
      ItemId one = c.id().item(1);
      EvidenceDraft noItem =
          EvidenceDraft.of(
              r.id().value(), EvidenceType.REVIEW_KEPT, "person:rev-1", T0, Map.of(REASON, "kept"));
      EvidenceDraft noDecision =
          EvidenceDraft.of(
              r.id().value(),
              EvidenceType.NOTED,
              "person:rev-1",
              T0,
              decision(r, one, Verdict.KEEP).details());
      AccessRecord stored = store().update(r, List.of(noItem, noDecision));
      assertThat(stored.version()).isEqualTo(2);
      assertThat(itemOf(one)).isEqualTo(item(c.id(), 1));
    }

    @Test
    @DisplayName("a second decision on an item is refused and writes nothing, not even a lease")
    void decidedTwice() {
      ReviewCampaign c = started(2, true);
      AccessRecord first = decide(newRecord("s1"), c.id().item(1), Verdict.KEEP);
      ReviewItem settled = itemOf(c.id().item(1));
      AccessRecord other = newRecord("s2");
      long size = store().evidenceSize();
      RecordLeases.Claim claim = new RecordLeases.Claim("instance-a/1", T0.plusSeconds(60));

      assertThatThrownBy(
              () ->
                  store()
                      .update(
                          other.toBuilder().state(RecordState.DEPROVISIONING).build(),
                          List.of(decision(other, c.id().item(1), Verdict.REVOKE)),
                          claim))
          .isInstanceOfSatisfying(
              ItemDecidedException.class, e -> assertThat(e.item()).isEqualTo(c.id().item(1)));
      assertThat(store().find(other.id())).contains(other);
      assertThat(store().leases().find(List.of(other.id()))).isEmpty();
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(itemOf(c.id().item(1))).isEqualTo(settled);

      AccessRecord fresh = GovernanceFixtures.record("s3");
      assertThatThrownBy(
              () ->
                  store()
                      .insert(
                          fresh,
                          List.of(requested(fresh), decision(fresh, c.id().item(1), Verdict.KEEP))))
          .isInstanceOf(ItemDecidedException.class);
      assertThat(store().find(fresh.id())).isEmpty();
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(store().find(first.id())).contains(first);
      assertThat(verifyChain().valid()).isTrue();
    }

    @Test
    @DisplayName(
        "a second decision on an insert that finds the first one's record by its key is refused,"
            + " not taken for the first")
    void insertFindingTheRecordByKey() {
      ReviewCampaign c = started(1, true);
      ItemId one = c.id().item(1);
      AccessRecord first =
          GovernanceFixtures.record("s1").toBuilder().idempotencyKey("found-s1").build();
      store().insert(first, List.of(requested(first), decision(first, one, Verdict.REVOKE)));
      ReviewItem settled = itemOf(one);
      long size = store().evidenceSize();
      AccessRecord second =
          GovernanceFixtures.record("s1").toBuilder().idempotencyKey("found-s1").build();
      assertThatThrownBy(
              () ->
                  store()
                      .insert(
                          second, List.of(requested(second), decision(second, one, Verdict.KEEP))))
          .isInstanceOf(ItemDecidedException.class);
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(itemOf(one)).isEqualTo(settled);
    }

    @Test
    @DisplayName("one write deciding the same item twice is refused whole")
    void twiceInOneWrite() {
      ReviewCampaign c = started(1, true);
      AccessRecord r = newRecord("s1");
      long size = store().evidenceSize();
      ItemId one = c.id().item(1);
      assertThatThrownBy(
              () ->
                  store()
                      .update(
                          r,
                          List.of(
                              decision(r, one, Verdict.KEEP), decision(r, one, Verdict.REVOKE))))
          .isInstanceOf(ItemDecidedException.class);
      assertThat(store().find(r.id())).contains(r);
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(itemOf(one).isDecided()).isFalse();
    }

    @Test
    @DisplayName("a decision naming an unknown item, or one of a campaign not open, is refused")
    void notDecidable() {
      ReviewCampaign open = started(1, true);
      ReviewCampaign starting = started(1, false);
      ReviewCampaign closed = started(1, true);
      gov()
          .close(
              closed.id(),
              CampaignStatus.OPEN,
              T0,
              EvidenceDraft.of(
                  closed.id().value(),
                  EvidenceType.CAMPAIGN_CLOSED,
                  "system:review",
                  T0,
                  Map.of()));
      AccessRecord r = newRecord("s1");
      long size = store().evidenceSize();
      List<ItemId> refused =
          List.of(
              open.id().item(2),
              CampaignId.random().item(1),
              starting.id().item(1),
              closed.id().item(1));
      for (ItemId id : refused) {
        assertThatThrownBy(() -> decide(r, id, Verdict.KEEP))
            .as("deciding %s", id)
            .isInstanceOfSatisfying(
                ItemDecidedException.class, e -> assertThat(e.item()).isEqualTo(id));
        AccessRecord fresh = GovernanceFixtures.record("new-" + id.number());
        assertThatThrownBy(
                () -> store().insert(fresh, List.of(decision(fresh, id, Verdict.REVOKE))))
            .isInstanceOf(ItemDecidedException.class);
        assertThat(store().find(fresh.id())).isEmpty();
      }
      assertThat(store().find(r.id())).contains(r);
      assertThat(store().evidenceSize()).isEqualTo(size);
      assertThat(itemOf(starting.id().item(1)).isDecided()).isFalse();
      assertThat(itemOf(closed.id().item(1)).isDecided()).isFalse();
    }

    @Test
    @DisplayName("updateAll skips an update deciding a decided item, stores the others, gaplessly")
    void updateAll() {
      ReviewCampaign c = started(3, true);
      AccessRecord a = newRecord("s1");
      AccessRecord b = newRecord("s2");
      AccessRecord d = newRecord("s3");
      AccessRecord e = decide(newRecord("s4"), c.id().item(3), Verdict.KEEP);
      long size = store().evidenceSize();

      List<AccessRecord> stored =
          store()
              .updateAll(
                  List.of(
                      new AccessStore.Update(a, List.of(decision(a, c.id().item(1), Verdict.KEEP))),
                      new AccessStore.Update(
                          b, List.of(decision(b, c.id().item(1), Verdict.REVOKE))),
                      new AccessStore.Update(
                          d, List.of(decision(d, c.id().item(2), Verdict.REVOKE))),
                      new AccessStore.Update(
                          e, List.of(decision(e, c.id().item(3), Verdict.REVOKE)))));

      assertThat(stored).hasSize(4);
      assertThat(stored.get(1)).as("item 1 decided by the update before it").isNull();
      assertThat(stored.get(3)).as("item 3 decided before").isNull();
      assertThat(stored.get(0).version()).isEqualTo(2);
      assertThat(stored.get(2).version()).isEqualTo(2);
      assertThat(last(stored.get(0)).seq()).isEqualTo(size + 1);
      assertThat(last(stored.get(2)).seq()).isEqualTo(size + 2);
      assertThat(store().evidenceSize()).isEqualTo(size + 2);
      assertThat(store().find(b.id())).contains(b);
      assertThat(store().find(e.id())).contains(e);
      assertThat(itemOf(c.id().item(1)).decision())
          .isEqualTo(GovernanceStore.decisionOf(last(stored.get(0))));
      assertThat(itemOf(c.id().item(2)).decision())
          .isEqualTo(GovernanceStore.decisionOf(last(stored.get(2))));
      assertThat(gov().campaign(c.id()).orElseThrow().decided()).isEqualTo(3);
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();
    }

    @Test
    @DisplayName(
        "of racing decisions on one item, from threads and other handles, exactly one" + " commits")
    void racingDecisions() throws Exception {
      int racers = Math.max(2, racers());
      int rounds = 5;
      ReviewCampaign c = started(rounds, true);
      AccessStore other = otherStore();
      long size = store().evidenceSize();
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        for (int round = 1; round <= rounds; round++) {
          ItemId item = c.id().item(round);
          List<AccessRecord> records = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            records.add(newRecord("racer-" + round + "-" + t));
          }
          size += racers;
          CyclicBarrier start = new CyclicBarrier(racers);
          List<Future<AccessRecord>> outcomes = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            AccessRecord r = records.get(t);
            AccessStore via = t % 2 == 0 ? store() : other;
            Verdict verdict = t % 3 == 0 ? Verdict.REVOKE : Verdict.KEEP;
            outcomes.add(
                pool.submit(
                    () -> {
                      start.await(1, TimeUnit.MINUTES);
                      try {
                        return via.update(r, List.of(decision(r, item, verdict)));
                      } catch (ItemDecidedException refused) {
                        return null;
                      }
                    }));
          }
          List<AccessRecord> winners = new ArrayList<>();
          for (Future<AccessRecord> f : outcomes) {
            AccessRecord won = f.get(2, TimeUnit.MINUTES);
            if (won != null) {
              winners.add(won);
            }
          }
          assertThat(winners).as("decisions committed on %s", item).hasSize(1);
          size += 1;
          AccessRecord winner = winners.get(0);
          assertThat(itemOf(item).decision()).isEqualTo(GovernanceStore.decisionOf(last(winner)));
          for (AccessRecord r : records) {
            if (!r.id().equals(winner.id())) {
              assertThat(store().find(r.id())).contains(r);
            }
          }
          assertThat(store().evidenceSize()).isEqualTo(size);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(gov().campaign(c.id()).orElseThrow().decided()).isEqualTo(rounds);
      VerificationResult result = verifyChain();
      assertThat(result.valid()).as("chain verifies: %s", result).isTrue();
    }
  }

  @Nested
  @DisplayName("reminders")
  class Reminders {
    private Reminder reminder(String reviewer, Instant dueAt, int pending) {
      return new Reminder(
          CampaignId.of("rc-remind"), "Q1 review", PersonId.of(reviewer), pending, DEADLINE, dueAt);
    }

    @Test
    @DisplayName("a reminder is stored once, however often it is offered")
    void once() {
      Reminder r = reminder("carol", T0, 3);
      assertThat(gov().addReminder(r)).isTrue();
      assertThat(gov().addReminder(r)).isFalse();
      assertThat(gov().addReminder(reminder("carol", T0, 1))).as("same id").isFalse();
      assertThat(gov().undeliveredReminders(10)).containsExactly(r);
    }

    @Test
    @DisplayName("undelivered reminders are listed due first until they are marked delivered")
    void delivery() {
      Reminder late = reminder("carol", T0.plusSeconds(7200), 1);
      Reminder early = reminder("dave", T0.plusNanos(1), 2);
      Reminder middle = reminder("erin", T0.plusSeconds(3600), 3);
      for (Reminder r : List.of(late, early, middle)) {
        gov().addReminder(r);
      }
      assertThat(gov().undeliveredReminders(10)).containsExactly(early, middle, late);
      assertThat(gov().undeliveredReminders(2)).containsExactly(early, middle);

      gov().reminderDelivered(middle.id(), T0.plusSeconds(4000));
      assertThat(gov().undeliveredReminders(10)).containsExactly(early, late);
      gov().reminderDelivered(middle.id(), T0.plusSeconds(5000));
      gov().reminderDelivered("no such reminder", T0);
      assertThat(gov().undeliveredReminders(10)).containsExactly(early, late);
      assertThat(gov().addReminder(middle)).as("delivered is still stored").isFalse();
      assertThat(gov().undeliveredReminders(10)).containsExactly(early, late);
    }
  }

  @Nested
  @DisplayName("reclaim notices and exemptions")
  class Reclaim {
    private final RecordId grant = RecordId.of("ar-grant-1");

    private ReclaimNotice notice(String policy, RecordId record, Instant givenAt, Duration grace) {
      return new ReclaimNotice(
          policy, record, PersonId.of("bob"), RoleId.of("app/user"), givenAt, givenAt.plus(grace));
    }

    @Test
    @DisplayName("a notice is given once per policy and record: the first grace deadline stands")
    void once() {
      ReclaimNotice first = notice("inactive-90d", grant, T0, Duration.ofDays(7));
      assertThat(gov().giveNotice(first)).isEqualTo(first);
      ReclaimNotice again =
          notice("inactive-90d", grant, T0.plusSeconds(86400), Duration.ofDays(7));
      assertThat(gov().giveNotice(again)).isEqualTo(first);
      assertThat(gov().notice("inactive-90d", grant)).contains(first);

      ReclaimNotice otherPolicy = notice("inactive-30d", grant, T0, Duration.ofDays(1));
      assertThat(gov().giveNotice(otherPolicy)).isEqualTo(otherPolicy);
      assertThat(gov().notice("inactive-30d", grant)).contains(otherPolicy);
      assertThat(gov().notice("inactive-90d", RecordId.of("ar-other"))).isEmpty();
    }

    @Test
    @DisplayName("notices are listed oldest first until delivered, and withdrawn on request")
    void delivery() {
      ReclaimNotice late = notice("p", RecordId.of("ar-1"), T0.plusSeconds(60), Duration.ofDays(3));
      ReclaimNotice early = notice("p", RecordId.of("ar-2"), T0, Duration.ofDays(3));
      ReclaimNotice middle = notice("q", RecordId.of("ar-1"), T0.plusNanos(5), Duration.ofDays(3));
      for (ReclaimNotice n : List.of(late, early, middle)) {
        gov().giveNotice(n);
      }
      assertThat(gov().undeliveredNotices(10)).containsExactly(early, middle, late);
      assertThat(gov().undeliveredNotices(1)).containsExactly(early);

      gov().noticeDelivered("q", RecordId.of("ar-1"), T0.plusSeconds(100));
      gov().noticeDelivered("q", RecordId.of("ar-1"), T0.plusSeconds(200));
      gov().noticeDelivered("q", RecordId.of("ar-unknown"), T0);
      assertThat(gov().undeliveredNotices(10)).containsExactly(early, late);
      assertThat(gov().notice("q", RecordId.of("ar-1")))
          .as("delivered, still given")
          .contains(middle);
      assertThat(gov().giveNotice(middle)).isEqualTo(middle);
      assertThat(gov().undeliveredNotices(10)).containsExactly(early, late);

      gov().withdrawNotice("p", RecordId.of("ar-2"));
      gov().withdrawNotice("p", RecordId.of("ar-2"));
      gov().withdrawNotice("q", RecordId.of("ar-1"));
      assertThat(gov().notice("p", RecordId.of("ar-2"))).isEmpty();
      assertThat(gov().undeliveredNotices(10)).containsExactly(late);

      ReclaimNotice anew =
          notice("q", RecordId.of("ar-1"), T0.plusSeconds(999), Duration.ofDays(9));
      assertThat(gov().giveNotice(anew)).as("a fresh grace after a withdrawal").isEqualTo(anew);
      assertThat(gov().undeliveredNotices(10)).containsExactly(late, anew);
    }

    @Test
    @DisplayName("exemptions are kept once each, in the order added, until removed")
    void exemptions() {
      Exemption person = Exemption.person("bob", "on leave");
      Exemption role = Exemption.role("app/admin", "break-glass account").until(T0.plusNanos(9));
      Exemption both = new Exemption(PersonId.of("bob"), RoleId.of("app/admin"), null, "audit");
      Exemption samePersonOtherReason = Exemption.person("bob", "contractor");
      gov().addExemption(person);
      gov().addExemption(role);
      gov().addExemption(person);
      gov().addExemption(both);
      gov().addExemption(samePersonOtherReason);
      assertThat(gov().exemptions()).containsExactly(person, role, both, samePersonOtherReason);

      assertThat(gov().removeExemption(role)).isTrue();
      assertThat(gov().removeExemption(role)).isFalse();
      assertThat(gov().removeExemption(Exemption.role("app/admin", "break-glass account")))
          .as("differs in until")
          .isFalse();
      assertThat(gov().exemptions()).containsExactly(person, both, samePersonOtherReason);
      gov().addExemption(role);
      assertThat(gov().exemptions()).containsExactly(person, both, samePersonOtherReason, role);
    }
  }

  @Nested
  @DisplayName("directory states")
  class DirectoryStates {
    private final PersonId bob = PersonId.of("bob");

    private static dev.accessgov.lifecycle.LifecycleEvent event(String id) {
      return dev.accessgov.lifecycle.LifecycleEvent.transfer(
          dev.accessgov.lifecycle.LifecycleEventId.of(id));
    }

    private DirectoryState seen(String person, String department) {
      return DirectoryState.none(PersonId.of(person), T0)
          .seeing(Map.of("department", department, "title", "engineer"), T0);
    }

    @Test
    @DisplayName("a state is stored from version 0 once, and moves only from the version read")
    void compareAndSet() {
      assertThat(gov().directoryState(bob)).isEmpty();
      DirectoryState first = gov().moveDirectoryState(0, seen("bob", "eng")).orElseThrow();
      assertThat(first.version()).isEqualTo(1);
      assertThat(gov().moveDirectoryState(0, seen("bob", "fin"))).as("stored already").isEmpty();
      assertThat(gov().directoryState(bob)).contains(first);

      DirectoryState claimed =
          gov()
              .moveDirectoryState(
                  1, first.claiming(event("le-1"), Map.of("department", "fin"), T0.plusNanos(5)))
              .orElseThrow();
      assertThat(claimed.version()).isEqualTo(2);
      assertThat(claimed.pendingEvent()).isEqualTo(event("le-1"));
      assertThat(claimed.pending()).containsEntry("department", "fin");
      assertThat(gov().moveDirectoryState(1, claimed.finished(T0)))
          .as("a move from a stale version")
          .isEmpty();
      assertThat(gov().directoryState(bob)).contains(claimed);

      DirectoryState done = gov().moveDirectoryState(2, claimed.finished(T0)).orElseThrow();
      assertThat(done.seen()).containsExactly(Map.entry("department", "fin"));
      assertThat(done.pendingEvent()).isNull();
      assertThat(done.lastEvent()).isEqualTo(event("le-1"));
      assertThat(gov().directoryState(bob)).contains(done);
    }

    @Test
    @DisplayName(
        "a claim keeps who asked and why, reads them back exactly, and drops them when finished")
    void claimant() {
      DirectoryState first = gov().moveDirectoryState(0, seen("bob", "eng")).orElseThrow();
      assertThat(first.claimedBy()).isNull();
      assertThat(first.claimReason()).isNull();
      String reason = "moved to finance — ticket HR-7, 'per Ada' \\ \"quoted\" ünïcødé";
      DirectoryState claimed =
          gov()
              .moveDirectoryState(
                  1,
                  first.claiming(
                      event("le-1"),
                      Map.of("department", "fin"),
                      PersonId.of("fred"),
                      reason,
                      T0.plusNanos(7)))
              .orElseThrow();
      assertThat(claimed.claimedBy()).isEqualTo(PersonId.of("fred"));
      assertThat(claimed.claimReason()).isEqualTo(reason);
      assertThat(claimed.at()).isEqualTo(T0.plusNanos(7));
      assertThat(gov().directoryState(bob)).contains(claimed);
      assertThat(gov().directoryStates(null, 10)).containsExactly(claimed);

      DirectoryState done = gov().moveDirectoryState(2, claimed.finished(T0)).orElseThrow();
      assertThat(done.claimedBy()).isNull();
      assertThat(done.claimReason()).isNull();
      assertThat(gov().directoryState(bob)).contains(done);
    }

    @Test
    @DisplayName("states page in id order")
    void paging() {
      for (String p : List.of("carol", "alice", "dave", "bob")) {
        gov().moveDirectoryState(0, seen(p, "eng"));
      }
      assertThat(gov().directoryStates(null, 3))
          .extracting(s -> s.person().value())
          .containsExactly("alice", "bob", "carol");
      assertThat(gov().directoryStates(PersonId.of("carol"), 3))
          .extracting(s -> s.person().value())
          .containsExactly("dave");
      assertThat(gov().directoryStates(PersonId.of("dave"), 3)).isEmpty();
    }

    @Test
    @DisplayName(
        "of racing claims on one directory change, from threads and other handles, exactly one"
            + " succeeds")
    void racingClaims() throws Exception {
      int racers = Math.max(2, racers());
      AccessStore other = otherStore();
      for (int round = 0; round < 5; round++) {
        PersonId who = PersonId.of("racer-" + round);
        DirectoryState base = gov().moveDirectoryState(0, seen(who.value(), "eng")).orElseThrow();
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
          List<Future<Boolean>> outcomes = new ArrayList<>();
          for (int t = 0; t < racers; t++) {
            GovernanceStore via = (t % 2 == 0 ? store() : other).governance();
            DirectoryState claim = base.claiming(event("le-" + t), Map.of("department", "fin"), T0);
            outcomes.add(
                pool.submit(
                    () -> {
                      start.await(1, TimeUnit.MINUTES);
                      return via.moveDirectoryState(base.version(), claim).isPresent();
                    }));
          }
          int won = 0;
          for (Future<Boolean> f : outcomes) {
            won += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
          }
          assertThat(won).as("claims that succeeded on %s", who).isEqualTo(1);
          assertThat(gov().directoryState(who).orElseThrow().version()).isEqualTo(2);
        } finally {
          pool.shutdownNow();
        }
      }
    }
  }

  @Test
  @DisplayName("what the governance store holds reads back the same after a reopen")
  void durable() {
    ReviewCampaign given = campaign(CampaignId.random(), fullSpec());
    gov().createCampaign(given);
    gov().addItems(items(given.id(), 1, 6));
    gov().openCampaign(given.id());
    decide(newRecord("s1"), given.id().item(1), Verdict.REVOKE);
    gov().handOver(given.id().item(2), reviewer(2), PersonId.of("erin"), Handover.ESCALATE);
    gov()
        .moveCampaign(
            given.id(),
            CampaignStatus.OPEN,
            DEADLINE,
            CampaignStatus.ESCALATED,
            DEADLINE.plusSeconds(60));
    ReviewCampaign starting = started(2, false);
    Reminder delivered =
        new Reminder(given.id(), "Q2", PersonId.of("carol"), 2, DEADLINE, T0.plusNanos(1));
    Reminder waiting = new Reminder(given.id(), "Q2", PersonId.of("dave"), 1, DEADLINE, T0);
    gov().addReminder(delivered);
    gov().addReminder(waiting);
    gov().reminderDelivered(delivered.id(), T0);
    ReclaimNotice notice =
        new ReclaimNotice(
            "p", RecordId.of("ar-9"), PersonId.of("bob"), RoleId.of("r"), T0, T0.plusNanos(77));
    gov().giveNotice(notice);
    gov().addExemption(Exemption.role("app/admin", "why").until(T0));
    DirectoryState person =
        gov()
            .moveDirectoryState(
                0,
                DirectoryState.none(PersonId.of("bob"), T0.plusNanos(3))
                    .seeing(Map.of("department", "eng"), T0.plusNanos(3))
                    .claiming(
                        dev.accessgov.lifecycle.LifecycleEvent.offboarding(
                            dev.accessgov.lifecycle.LifecycleEventId.of("offboarding:bob:7")),
                        Map.of("department", "fin", "title", "cfo"),
                        PersonId.of("carol"),
                        "left for a rival — says HR",
                        T0))
            .orElseThrow();

    List<ReviewCampaign> campaigns = gov().campaigns();
    List<ReviewItem> items = gov().items(given.id(), 0, 100);
    List<ReviewItem> startingItems = gov().items(starting.id(), 0, 100);
    List<Exemption> exemptions = gov().exemptions();

    reopen();

    assertThat(gov().campaigns()).isEqualTo(campaigns);
    assertThat(gov().campaign(given.id()).orElseThrow().spec()).isEqualTo(fullSpec());
    assertThat(gov().items(given.id(), 0, 100)).isEqualTo(items);
    assertThat(gov().items(starting.id(), 0, 100)).isEqualTo(startingItems);
    assertThat(gov().undeliveredReminders(10)).containsExactly(waiting);
    assertThat(gov().addReminder(delivered)).isFalse();
    assertThat(gov().notice("p", RecordId.of("ar-9"))).contains(notice);
    assertThat(gov().undeliveredNotices(10)).containsExactly(notice);
    assertThat(gov().exemptions()).isEqualTo(exemptions);
    assertThat(gov().directoryState(PersonId.of("bob"))).contains(person);
    assertThatThrownBy(() -> decide(newRecord("s2"), given.id().item(1), Verdict.KEEP))
        .isInstanceOf(ItemDecidedException.class);
  }
}
