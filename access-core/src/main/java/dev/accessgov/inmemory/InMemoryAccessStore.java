package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.InMemoryTreeNodes;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.TreeNodes;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Admission;
import dev.accessgov.spi.Admissions;
import dev.accessgov.spi.EvidenceSealing;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.RecordLeases;
import dev.accessgov.spi.StaleRecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An {@link AccessStore} in memory: for tests, examples and single-process tools that accept losing
 * everything on exit. Writes are serialised by one lock (the chain is sequential anyway); reads do
 * not take it, except reads of the chain. Admission is decided under the same lock. An index of
 * active records by end time makes {@link #dueForExpiry} cost the number of due records. Leases
 * ({@link #leases()}) live in a map beside the records; one written with an intent is put under the
 * write lock before the record becomes visible as changed.
 */
public final class InMemoryAccessStore implements AccessStore {
  private final ReentrantLock writeLock = new ReentrantLock();
  private final Map<RecordId, AccessRecord> records = new ConcurrentHashMap<>();
  private final Map<String, RecordId> byIdempotencyKey = new ConcurrentHashMap<>();
  private final Map<PersonId, Set<RecordId>> bySubject = new ConcurrentHashMap<>();
  private final ConcurrentSkipListSet<Due> expiryIndex = new ConcurrentSkipListSet<>();
  private final List<EvidenceEvent> chain = new ArrayList<>();
  private final LogTree tree = LogTree.empty();
  private final InMemoryTreeNodes treeNodes = new InMemoryTreeNodes();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private final InMemoryLeases leases = new InMemoryLeases();
  private final InMemoryGovernance governance = new InMemoryGovernance(writeLock, this::seal);

  private record Due(Instant expiresAt, String id) implements Comparable<Due> {
    private static final Comparator<Due> ORDER =
        Comparator.comparing(Due::expiresAt).thenComparing(Due::id);

    @Override
    public int compareTo(Due other) {
      return ORDER.compare(this, other);
    }
  }

  /** An empty store. */
  public InMemoryAccessStore() {}

  @Override
  public AccessRecord insert(
      AccessRecord record,
      List<EvidenceDraft> events,
      Admission admission,
      RecordLeases.@Nullable Claim lease) {
    requireNonNull(record, "record");
    requireNonNull(events, "events");
    requireNonNull(admission, "admission");
    writeLock.lock();
    try {
      String key = record.idempotencyKey();
      if (key != null && byIdempotencyKey.containsKey(key)) {
        // A decision riding on an insert that finds its record is refused all the same.
        governance.checkSettles(events);
        // Both maps are written together under the write lock: a known key names a record.
        return requireNonNull(records.get(byIdempotencyKey.get(key)), "record of a known key");
      }
      if (records.containsKey(record.id())) {
        throw new IllegalArgumentException("record " + record.id() + " already exists");
      }
      if (record.state().isLive()) {
        Admissions.check(record, liveOf(record.subject()), admission);
      }
      governance.checkSettles(events);
      List<EvidenceEvent> sealed = seal(events);
      governance.settle(sealed, events);
      AccessRecord stored =
          record.toBuilder().version(1).timeline(List.of()).appendEvents(sealed).build();
      if (lease != null) {
        leases.put(stored.id(), lease);
      }
      put(null, stored);
      if (key != null) {
        byIdempotencyKey.put(key, stored.id());
      }
      bySubject
          .computeIfAbsent(stored.subject(), s -> ConcurrentHashMap.newKeySet())
          .add(stored.id());
      return stored;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public AccessRecord update(
      AccessRecord next, List<EvidenceDraft> events, RecordLeases.@Nullable Claim lease) {
    requireNonNull(next, "next");
    requireNonNull(events, "events");
    writeLock.lock();
    try {
      AccessRecord current = records.get(next.id());
      if (current == null) {
        throw new NotFoundException("no access record " + next.id());
      }
      if (current.version() != next.version()) {
        throw new StaleRecordException(next.id().value(), next.version(), current.version());
      }
      governance.checkSettles(events);
      List<EvidenceEvent> sealed = seal(events);
      governance.settle(sealed, events);
      AccessRecord stored =
          next.toBuilder()
              .version(current.version() + 1)
              .timeline(current.timeline())
              .appendEvents(sealed)
              .build();
      if (lease != null) {
        leases.put(stored.id(), lease);
      } else if (!stored.state().isInFlight()) {
        leases.drop(stored.id());
      }
      put(current, stored);
      return stored;
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public EvidenceEvent appendEvidence(EvidenceDraft event) {
    requireNonNull(event, "event");
    writeLock.lock();
    try {
      return seal(List.of(event)).get(0);
    } finally {
      writeLock.unlock();
    }
  }

  /** The subject's live records; called under the write lock, so no insert runs meanwhile. */
  private List<Admissions.Live> liveOf(PersonId subject) {
    List<Admissions.Live> live = new ArrayList<>();
    for (RecordId id : bySubject.getOrDefault(subject, Set.of())) {
      AccessRecord r = records.get(id);
      if (r != null && r.state().isLive()) {
        live.add(Admissions.Live.of(r));
      }
    }
    return live;
  }

  private List<EvidenceEvent> seal(List<EvidenceDraft> drafts) {
    // Seal everything before appending anything, so a bad draft leaves the chain untouched.
    String last = chain.isEmpty() ? EvidenceEvent.GENESIS_HASH : chain.get(chain.size() - 1).hash();
    List<EvidenceEvent> sealed = EvidenceSealing.seal(drafts, chain.size(), last);
    chain.addAll(sealed);
    for (EvidenceEvent event : sealed) {
      tree.append(Merkle.leafHash(event), treeNodes);
    }
    return sealed;
  }

  private void put(@Nullable AccessRecord previous, AccessRecord stored) {
    if (previous != null && previous.expiresAt() != null) {
      expiryIndex.remove(new Due(previous.expiresAt(), previous.id().value()));
    }
    if (stored.state() == RecordState.ACTIVE && stored.expiresAt() != null) {
      expiryIndex.add(new Due(stored.expiresAt(), stored.id().value()));
    }
    records.put(stored.id(), stored);
  }

  @Override
  public RecordLeases leases() {
    return leases;
  }

  /**
   * Campaigns, reminders, reclaim notices and exemptions in maps beside the records, under the same
   * write lock: a decision's evidence settles its item under that lock.
   */
  @Override
  public GovernanceStore governance() {
    return governance;
  }

  @Override
  public Optional<AccessRecord> find(RecordId id) {
    return Optional.ofNullable(records.get(requireNonNull(id, "id")));
  }

  @Override
  public List<AccessRecord> query(RecordQuery query) {
    requireNonNull(query, "query");
    Stream<AccessRecord> candidates;
    if (query.subject() != null) {
      candidates = ofSubject(query.subject());
    } else if (!query.subjects().isEmpty()) {
      candidates = query.subjects().stream().flatMap(this::ofSubject);
    } else {
      candidates = records.values().stream();
    }
    return candidates
        .filter(query::matches)
        .sorted(Comparator.comparing(AccessRecord::requestedAt).thenComparing(r -> r.id().value()))
        .limit(query.limit())
        .toList();
  }

  private Stream<AccessRecord> ofSubject(PersonId subject) {
    return bySubject.getOrDefault(subject, Set.of()).stream().map(records::get);
  }

  @Override
  public List<AccessRecord> dueForExpiry(Instant now, int limit) {
    requireNonNull(now, "now");
    List<AccessRecord> due = new ArrayList<>(Math.min(limit, 1024));
    for (Due d : expiryIndex) {
      if (d.expiresAt().isAfter(now) || due.size() >= limit) {
        break;
      }
      AccessRecord r = records.get(RecordId.of(d.id()));
      if (r != null && r.state() == RecordState.ACTIVE) {
        due.add(r);
      }
    }
    return due;
  }

  @Override
  public long evidenceSize() {
    writeLock.lock();
    try {
      return chain.size();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<EvidenceEvent> evidence(long fromSeq, int limit) {
    if (fromSeq < 1 || limit < 0) {
      throw new IllegalArgumentException("fromSeq must be >= 1 and limit >= 0");
    }
    writeLock.lock();
    try {
      int from = (int) Math.min(fromSeq - 1, chain.size());
      int to = (int) Math.min((long) from + limit, chain.size());
      return List.copyOf(chain.subList(from, to));
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public TreeNodes evidenceTree() {
    return subtrees -> {
      writeLock.lock();
      try {
        return treeNodes.hashes(subtrees);
      } finally {
        writeLock.unlock();
      }
    };
  }

  @Override
  public void saveCheckpoint(Checkpoint checkpoint) {
    requireNonNull(checkpoint, "checkpoint");
    writeLock.lock();
    try {
      if (checkpoint.size() > chain.size()) {
        throw new IllegalArgumentException(
            "checkpoint covers " + checkpoint.size() + " events but the chain has " + chain.size());
      }
      checkpoints.add(checkpoint);
      checkpoints.sort(Comparator.comparingLong(Checkpoint::size));
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public List<Checkpoint> checkpoints() {
    writeLock.lock();
    try {
      return List.copyOf(checkpoints);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryAccessStore[" + records.size() + " records]";
  }
}
