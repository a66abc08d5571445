package dev.accessgov.testkit.model;

import dev.accessgov.AccessException;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryNotifier;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.lifecycle.TransferResult;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.review.CampaignId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewDecision;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.Reviewer;
import dev.accessgov.review.Verdict;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Person;
import dev.accessgov.spi.PersonAttribute;
import dev.accessgov.time.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small company on in-memory identity provider and directory over the store under test, that runs
 * a {@link ModelOp} sequence and reports every broken invariant. People: subjects s0–s3 (managed by
 * mia; s3 by ivan, who has left), mia, owen (owner of every application), nina and nate (payment
 * approvers), greta (SoD approver), rita (requests for others), ivan (inactive), hr (an
 * administrator, who runs the directory reconciliation) and zed (unknown to the directory).
 */
final class ModelWorld {
  static final List<String> PEOPLE =
      List.of(
          "s0", "s1", "s2", "s3", "mia", "owen", "nina", "nate", "greta", "rita", "ivan", "zed",
          "hr");
  static final int SUBJECTS = 4;
  static final List<String> ROLES =
      List.of(
          "gh/read", "gh/admin", "gh/billing", "fin/pay", "fin/approve", "fin/ledger", "aws/glass");

  /** The administrator the directory reconciliation runs as. */
  static final PersonId HR = PersonId.of("hr");

  /** Birthright roles of each department, as the model catalog's rules give them. */
  static final Map<String, RoleId> BIRTHRIGHT =
      Map.of("eng", RoleId.of("gh/read"), "fin", RoleId.of("fin/approve"));

  private final TestClock clock = TestClock.at("2026-01-05T09:00:00Z");
  private final List<TransferResult> transfers = new CopyOnWriteArrayList<>();
  private final InMemoryIdentityProvider idp = new InMemoryIdentityProvider("okta", clock);
  private final InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
  private final CheckpointSigner signer = CheckpointSigner.generate("model");
  private final InMemoryNotifier notifier = new InMemoryNotifier();
  private final Catalog catalog;
  private final AccessStore store;
  private final AccessService access;
  private final List<RecordId> created = new CopyOnWriteArrayList<>();
  private final List<CampaignId> campaigns = new CopyOnWriteArrayList<>();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger operations = new AtomicInteger();
  private final List<String> refusals = Collections.synchronizedList(new ArrayList<>());

  private final java.util.function.BiConsumer<String, Boolean> tally;

  /**
   * A world over {@code store}; {@code tally} hears of every call, by kind, and whether it was
   * accepted (true) or refused with an {@link AccessException} (false).
   */
  ModelWorld(AccessStore store, java.util.function.BiConsumer<String, Boolean> tally) {
    this.store = store;
    this.tally = tally;
    for (String p : List.of("mia", "owen", "nina", "nate", "greta", "rita", "hr")) {
      people.add(p, null);
    }
    people.add("ivan", null).deactivate("ivan");
    for (int i = 0; i < SUBJECTS; i++) {
      people.put(
          Person.of("s" + i, i == 3 ? "ivan" : "mia")
              .with(PersonAttribute.DEPARTMENT, ModelOp.DEPARTMENTS.get(0)));
    }
    for (String p : PEOPLE) {
      idp.user(p);
    }
    Role.Builder pay =
        Role.builder("fin/pay")
            .group("okta", "g-pay")
            .approval(
                ApprovalPolicy.of(
                    ApprovalStep.quorum(1, PersonId.of("nina"), PersonId.of("nate"))));
    catalog =
        Catalog.builder()
            .application(
                Application.builder("gh")
                    .owner("owen")
                    .role(Role.builder("gh/read").group("okta", "g-read"))
                    .role(
                        Role.builder("gh/admin").tier(RiskTier.PRIVILEGED).group("okta", "g-admin"))
                    .role(
                        Role.builder("gh/billing")
                            .tier(RiskTier.SENSITIVE)
                            .group("okta", "g-bill")))
            .application(
                Application.builder("fin")
                    .owner("owen")
                    .role(pay)
                    .role(
                        Role.builder("fin/approve")
                            .group("okta", "g-appr")
                            .approval(ApprovalPolicy.of(ApprovalStep.manager())))
                    .role(Role.builder("fin/ledger").group("okta", "g-ledger")))
            .application(
                Application.builder("aws")
                    .owner("owen")
                    .role(
                        Role.builder("aws/glass")
                            .tier(RiskTier.EMERGENCY)
                            .group("okta", "g-glass")))
            .birthright(BirthrightRule.builder("engineers").role("gh/read").department("eng"))
            .birthright(BirthrightRule.builder("finance").role("fin/approve").department("fin"))
            .sodRule(
                SodRule.refuse("maker-checker", RoleId.of("fin/pay"), RoleId.of("fin/approve")))
            .sodRule(
                SodRule.requireApproval(
                    "ledger and billing",
                    ApprovalStep.anyOf(PersonId.of("greta")),
                    RoleId.of("fin/ledger"),
                    RoleId.of("gh/billing")))
            .build();
    for (Role role : catalog.roles()) {
      for (GroupRef g : role.groups()) {
        idp.groups(g.groupId());
      }
    }
    access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(idp)
            .peopleDirectory(people)
            .store(store)
            .administrators(HR)
            .checkpointSigner(signer)
            .notifier(notifier)
            .clock(clock)
            .sweepParallelism(2)
            .build();
  }

  /** How many operations ran. */
  int operations() {
    return operations.get();
  }

  /**
   * Runs {@code ops} split round-robin over {@code threads} threads that start together, then
   * finishes whatever is in flight and checks the invariants.
   *
   * @return the broken invariants, empty when all hold
   */
  List<String> run(List<ModelOp> ops, int threads) throws Exception {
    if (threads == 1) {
      for (ModelOp op : ops) {
        apply(op, true);
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CountDownLatch start = new CountDownLatch(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          List<ModelOp> mine = new ArrayList<>();
          for (int i = t; i < ops.size(); i += threads) {
            mine.add(ops.get(i));
          }
          done.add(
              pool.submit(
                  () -> {
                    start.countDown();
                    start.await(1, TimeUnit.MINUTES);
                    for (ModelOp op : mine) {
                      apply(op, false);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
    }
    clock.advance(Duration.ofMinutes(1));
    call(
        "final directory sync",
        () -> access.reconcileDirectory(HR).transfers().forEach(this::moved),
        false);
    call(
        "final recover",
        () ->
            access
                .recover(Duration.ZERO)
                .failed()
                .forEach(f -> violations.add("recovery could not finish " + f)),
        false);
    check();
    if (!violations.isEmpty()) {
      // What was refused on the way explains most failures; shown only when something broke.
      refusals.forEach(r -> violations.add("(refused: " + r + ")"));
    }
    return List.copyOf(violations);
  }

  private void apply(ModelOp op, boolean alone) {
    operations.incrementAndGet();
    if (op instanceof ModelOp.Grant g) {
      GrantRequest.Builder b =
          GrantRequest.builder()
              .subject(PEOPLE.get(g.subject()))
              .role(ROLES.get(g.role()))
              .requester(PEOPLE.get(g.requester()))
              .reason(ModelOp.REASONS.get(g.reason()));
      Duration d = ModelOp.DURATIONS.get(g.duration());
      if (d != null) {
        b.duration(d);
      }
      if (g.key() > 0) {
        b.idempotencyKey("key-" + g.key());
      }
      call(op, () -> created.add(access.grant(b.build()).id()), alone);
    } else if (op instanceof ModelOp.Approve a) {
      String comment = ModelOp.REASONS.get(a.reason());
      onRecord(op, a.record(), id -> access.approve(id, person(a.actor()), comment), alone);
    } else if (op instanceof ModelOp.Deny d) {
      String reason = ModelOp.REASONS.get(d.reason());
      onRecord(op, d.record(), id -> access.deny(id, person(d.actor()), reason), alone);
    } else if (op instanceof ModelOp.Extend e) {
      Duration named = ModelOp.DURATIONS.get(e.duration());
      Duration by = named == null ? Duration.ofHours(1) : named;
      onRecord(op, e.record(), id -> access.extend(id, person(e.actor()), by, "more"), alone);
    } else if (op instanceof ModelOp.Revoke r) {
      String reason = ModelOp.REASONS.get(r.reason());
      onRecord(op, r.record(), id -> access.revoke(id, person(r.actor()), reason), alone);
    } else if (op instanceof ModelOp.Offboard o) {
      call(op, () -> access.offboard(person(o.subject()), person(o.actor()), "left"), alone);
    } else if (op instanceof ModelOp.Onboard o) {
      call(op, () -> access.onboard(person(o.subject()), person(o.actor()), "joined"), alone);
    } else if (op instanceof ModelOp.Transfer t) {
      String department = ModelOp.DEPARTMENTS.get(t.department());
      people.update(PEOPLE.get(t.subject()), p -> p.with(PersonAttribute.DEPARTMENT, department));
      if (t.reported()) {
        call(
            op,
            () -> moved(access.transfer(person(t.subject()), person(t.actor()), "moved")),
            alone);
      }
    } else if (op instanceof ModelOp.DirectorySync) {
      call(op, () -> access.reconcileDirectory(HR).transfers().forEach(this::moved), alone);
    } else if (op instanceof ModelOp.ExpireDue) {
      call(op, access::expireDue, alone);
    } else if (op instanceof ModelOp.Recover) {
      call(op, () -> access.recover(Duration.ofMinutes(5)), alone);
    } else if (op instanceof ModelOp.Review) {
      call(
          op,
          () ->
              campaigns.add(
                  access
                      .reviews()
                      .start(
                          CampaignSpec.builder("model review", "owen")
                              .reviewers(Reviewer.manager(), Reviewer.appOwner())
                              .build())
                      .id()),
          alone);
    } else if (op instanceof ModelOp.Decide d && !campaigns.isEmpty()) {
      CampaignId campaign = campaigns.get(d.campaign() % campaigns.size());
      call(
          op,
          () -> {
            List<ReviewItem> items = access.reviews().items(campaign);
            if (!items.isEmpty()) {
              ReviewItem item = items.get(d.item() % items.size());
              Verdict verdict = d.keep() ? Verdict.KEEP : Verdict.REVOKE;
              access.reviews().decide(item.id(), person(d.actor()), verdict, "checked");
            }
          },
          alone);
    } else if (op instanceof ModelOp.Close c && !campaigns.isEmpty()) {
      CampaignId campaign = campaigns.get(c.campaign() % campaigns.size());
      call(op, () -> access.reviews().close(campaign), alone);
    } else if (op instanceof ModelOp.Deadlines) {
      call(
          op,
          () -> {
            access.reviews().closeDue();
            access.reviews().sendReminders();
          },
          alone);
    } else if (op instanceof ModelOp.Move m) {
      clock.advance(Duration.ofMinutes(m.minutes()));
    }
  }

  /** Remembers a transfer, and its review among the campaigns decisions may pick. */
  private void moved(TransferResult t) {
    transfers.add(t);
    t.reviewCampaign()
        .ifPresent(
            c -> {
              synchronized (campaigns) {
                if (!campaigns.contains(c)) {
                  campaigns.add(c);
                }
              }
            });
  }

  private static PersonId person(int index) {
    return PersonId.of(PEOPLE.get(index));
  }

  private void onRecord(
      ModelOp op, int pick, java.util.function.Consumer<RecordId> call, boolean alone) {
    if (created.isEmpty()) {
      return;
    }
    RecordId id = created.get(pick % created.size());
    call(op, () -> call.accept(id), alone);
  }

  /** A snapshot of what a refused call must leave as it was. */
  private record Snapshot(long evidence, Map<RecordId, Long> versions, Set<String> memberships) {}

  private Snapshot snapshot() {
    Map<RecordId, Long> versions = new HashMap<>();
    access.findAll(RecordQuery.all()).forEach(r -> versions.put(r.id(), r.version()));
    return new Snapshot(store.evidenceSize(), versions, memberships());
  }

  private Set<String> memberships() {
    Set<String> held = new TreeSet<>();
    for (Role role : catalog.roles()) {
      for (GroupRef g : role.groups()) {
        idp.memberIds(g.groupId()).forEach(m -> held.add(g.groupId() + ":" + m));
      }
    }
    return held;
  }

  private void call(Object what, Runnable call, boolean alone) {
    Snapshot before = alone ? snapshot() : null;
    String kind = what instanceof ModelOp ? what.getClass().getSimpleName() : String.valueOf(what);
    try {
      call.run();
      tally.accept(kind, true);
    } catch (AccessException refused) {
      tally.accept(kind, false);
      refusals.add(
          what + " -> " + refused.getClass().getSimpleName() + ": " + refused.getMessage());
      if (before != null && !before.equals(snapshot())) {
        violations.add("refused call changed something: " + what + " -> " + refused.getMessage());
      }
    } catch (RuntimeException | Error untyped) {
      violations.add("untyped " + untyped + " from " + what);
    }
  }

  private void check() {
    checkReviews();
    checkLifecycle();
    List<AccessRecord> all = access.findAll(RecordQuery.all()).toList();
    Map<String, List<AccessRecord>> liveBySubject = new HashMap<>();
    Set<String> expected = new TreeSet<>();
    for (AccessRecord r : all) {
      if (r.state().isLive()) {
        liveBySubject.computeIfAbsent(r.subject().value(), s -> new ArrayList<>()).add(r);
      }
      if (r.state() == RecordState.ACTIVE) {
        for (GroupRef g : catalog.requireRole(r.roleId()).groups()) {
          expected.add(g.groupId() + ":" + r.subject().value());
        }
      }
      if (r.state().isInFlight()) {
        violations.add(
            "record "
                + r.id()
                + " still "
                + r.state()
                + " after recovery: "
                + r.timeline().stream()
                    .map(e -> e.type() + "@" + e.time() + " " + e.details())
                    .toList());
      }
      checkTimes(r);
    }
    for (var entry : liveBySubject.entrySet()) {
      Set<RoleId> roles = new HashSet<>();
      for (AccessRecord r : entry.getValue()) {
        if (!roles.add(r.roleId())) {
          violations.add("two live records of " + r.roleId() + " for " + entry.getKey());
        }
      }
      for (SodRule rule : catalog.sodRules()) {
        List<AccessRecord> covered =
            entry.getValue().stream().filter(r -> rule.covers(r.roleId())).toList();
        if (covered.stream().map(AccessRecord::roleId).distinct().count() < 2) {
          continue;
        }
        if (rule.action() == SodRule.Action.REFUSE) {
          violations.add(
              "SoD rule " + rule.name() + " broken for " + entry.getKey() + ": " + covered);
        } else if (covered.stream().noneMatch(ModelWorld::carriesSodStep)) {
          violations.add(
              "SoD rule " + rule.name() + " held without its extra approval by " + entry.getKey());
        }
      }
    }
    Set<String> actual = memberships();
    if (!actual.equals(expected)) {
      Set<String> extra = new TreeSet<>(actual);
      extra.removeAll(expected);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(actual);
      violations.add(
          "IdP differs from the active records: extra " + extra + ", missing " + missing);
      Set<String> involved = new TreeSet<>(extra);
      involved.addAll(missing);
      for (String membership : involved) {
        String subject = membership.substring(membership.indexOf(':') + 1);
        for (AccessRecord r : all) {
          if (r.subject().value().equals(subject)) {
            violations.add("  " + subject + " " + r.roleId() + " " + r.state() + ": " + history(r));
          }
        }
      }
    }
    verifyExport();
  }

  /**
   * Every decided item has exactly one decision event in the chain, the one its decision names, and
   * an undecided item none; a campaign closed at most once; each reminder delivered once.
   */
  private void checkReviews() {
    Map<String, List<EvidenceEvent>> byItem = new HashMap<>();
    Map<String, Integer> closings = new HashMap<>();
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              if (e.type() == EvidenceType.REVIEW_KEPT || e.type() == EvidenceType.REVIEW_REVOKED) {
                byItem
                    .computeIfAbsent(e.detailText(EvidenceKeys.ITEM), k -> new ArrayList<>())
                    .add(e);
              } else if (e.type() == EvidenceType.CAMPAIGN_CLOSED) {
                closings.merge(e.detailText(EvidenceKeys.CAMPAIGN), 1, Integer::sum);
              }
            });
    for (CampaignId c : campaigns) {
      if (closings.getOrDefault(c.value(), 0) > 1) {
        violations.add("campaign " + c + " closed " + closings.get(c.value()) + " times");
      }
      for (ReviewItem item : access.reviews().items(c)) {
        List<EvidenceEvent> events = byItem.getOrDefault(item.id().value(), List.of());
        ReviewDecision d = item.decision();
        if (d == null
            ? !events.isEmpty()
            : events.size() != 1 || events.get(0).seq() != d.evidenceSeq()) {
          violations.add("item " + item.id() + " decided " + d + " but the chain has " + events);
        }
      }
    }
    if (notifier.deliveries() != notifier.reminders().size() + notifier.notices().size()) {
      violations.add(
          "reminders delivered more than once: "
              + notifier.deliveries()
              + " deliveries of "
              + notifier.reminders().size());
    }
  }

  /**
   * Lifecycle events: after the final directory reconciliation nothing is left claimed and every
   * active person's recorded department is the directory's; no event granted a role twice; a
   * transfer's review never questions the birthright of the department it moved to, and every
   * decision of a lifecycle review names the review's event.
   */
  private void checkLifecycle() {
    for (String p : PEOPLE) {
      store
          .governance()
          .directoryState(PersonId.of(p))
          .ifPresent(
              state -> {
                if (state.pendingEvent() != null) {
                  violations.add(
                      p + " still has lifecycle event " + state.pendingEvent() + " claimed");
                }
                people
                    .find(PersonId.of(p))
                    .filter(Person::active)
                    .ifPresent(
                        person -> {
                          if (!java.util.Objects.equals(
                              state.seen().get("department"), person.department())) {
                            violations.add(
                                p
                                    + " recorded in "
                                    + state.seen()
                                    + " but is in "
                                    + person.department());
                          }
                        });
              });
    }
    Map<String, AccessRecord> byEventAndRole = new HashMap<>();
    access
        .findAll(RecordQuery.all())
        .forEach(
            r ->
                r.lifecycleEvent()
                    .ifPresent(
                        e -> {
                          AccessRecord other =
                              byEventAndRole.put(e.id().value() + " " + r.roleId(), r);
                          if (other != null) {
                            violations.add(
                                "event "
                                    + e
                                    + " granted "
                                    + r.roleId()
                                    + " twice: "
                                    + other.id()
                                    + ", "
                                    + r.id());
                          }
                        }));
    for (TransferResult t : transfers) {
      RoleId justified = BIRTHRIGHT.get(t.to().get("department"));
      t.reviewCampaign()
          .ifPresent(
              c -> {
                var review = access.reviews().campaign(c);
                if (!t.event().equals(review.spec().lifecycleEvent())) {
                  violations.add(
                      "review "
                          + c
                          + " names "
                          + review.spec().lifecycleEvent()
                          + ", not "
                          + t.event());
                }
                for (ReviewItem item : access.reviews().items(c)) {
                  if (item.roleId().equals(justified)) {
                    violations.add(
                        "transfer " + t.event() + " questions its own birthright " + justified);
                  }
                }
              });
    }
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              if (e.type() != EvidenceType.REVIEW_KEPT && e.type() != EvidenceType.REVIEW_REVOKED) {
                return;
              }
              String campaign = e.detailText(EvidenceKeys.CAMPAIGN);
              if (campaign == null) {
                return;
              }
              var event =
                  access.reviews().campaign(CampaignId.of(campaign)).spec().lifecycleEvent();
              String named = e.detailText(EvidenceKeys.LIFECYCLE_EVENT);
              if (!java.util.Objects.equals(event == null ? null : event.id().value(), named)) {
                violations.add(
                    "decision "
                        + e.seq()
                        + " in "
                        + campaign
                        + " names event "
                        + named
                        + ", the review "
                        + event);
              }
            });
  }

  private static List<String> history(AccessRecord r) {
    return r.timeline().stream()
        .map(
            e ->
                e.type()
                    + "@"
                    + e.time()
                    + " by "
                    + e.actor()
                    + (e.detail(dev.accessgov.evidence.EvidenceKeys.OUTCOME) == null
                        ? ""
                        : " " + e.detail(dev.accessgov.evidence.EvidenceKeys.OUTCOME)))
        .toList();
  }

  private static boolean carriesSodStep(AccessRecord r) {
    return r.timeline().stream()
        .anyMatch(
            e ->
                e.type() == dev.accessgov.evidence.EvidenceType.REQUESTED
                    && e.detail(dev.accessgov.evidence.EvidenceKeys.SOD_RULE) != null);
  }

  private void checkTimes(AccessRecord r) {
    Instant last = null;
    for (EvidenceEvent e : r.timeline()) {
      if (last != null && e.time().isBefore(last)) {
        violations.add(
            "record " + r.id() + " event " + e.seq() + " is earlier than the one before");
      }
      last = e.time();
    }
    if (r.activatedAt() != null && r.activatedAt().isBefore(r.requestedAt())) {
      violations.add("record " + r.id() + " activated before it was requested");
    }
    Instant start = r.activatedAt() != null ? r.activatedAt() : r.requestedAt();
    if (r.endedAt() != null && r.endedAt().isBefore(start)) {
      violations.add("record " + r.id() + " ended before it started");
    }
  }

  private void verifyExport() {
    if (store.evidenceSize() == 0) {
      return;
    }
    try {
      Path dir = Files.createTempDirectory("model-export");
      try {
        access.evidence().export(dir);
        VerificationResult result = EvidenceVerifier.verify(dir, signer.publicKey());
        if (!result.valid()) {
          violations.add("exported chain does not verify: " + result);
        }
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      violations.add("export or verification failed: " + e);
    }
  }
}
