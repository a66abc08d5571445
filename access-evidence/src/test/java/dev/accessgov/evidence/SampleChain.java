package dev.accessgov.evidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A small evidence chain for tests: 12 events across three access records, with details that
 * exercise every value kind and the awkward corners of string escaping, and checkpoints after
 * events 4, 9 and 12.
 */
final class SampleChain {
  /** One key for the whole test run; Ed25519 key generation is cheap but not free. */
  static final java.security.KeyPair KEYS = keyPair();

  /** The private key of {@link #SIGNER}, to sign under another origin. */
  static final java.security.PrivateKey PRIVATE_KEY = KEYS.getPrivate();

  static final CheckpointSigner SIGNER =
      CheckpointSigner.ed25519("example.com/test-log", KEYS.getPrivate(), KEYS.getPublic());

  private static java.security.KeyPair keyPair() {
    try {
      return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static final long[] CHECKPOINT_SIZES = {4, 9, 12};

  static final Instant START = Instant.parse("2024-05-01T09:00:00.250Z");

  private SampleChain() {}

  /** The 12 events, sealed into a valid chain. */
  static List<EvidenceEvent> events() {
    return seal(drafts());
  }

  /** Checkpoints over {@code events} at {@link #CHECKPOINT_SIZES}. */
  static List<Checkpoint> checkpoints(List<EvidenceEvent> events) {
    return checkpoints(events, CHECKPOINT_SIZES);
  }

  /** Checkpoints over {@code events} at the given sizes, signed by {@link #SIGNER}. */
  static List<Checkpoint> checkpoints(List<EvidenceEvent> events, long... sizes) {
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (long size : sizes) {
      EvidenceEvent head = events.get((int) size - 1);
      checkpoints.add(SIGNER.sign(size, root(events, size), head.time().plusSeconds(1)));
    }
    return checkpoints;
  }

  /** The Merkle root of the first {@code size} of {@code events}. */
  static byte[] root(List<EvidenceEvent> events, long size) {
    LogTree tree = LogTree.empty();
    events.subList(0, (int) size).forEach(e -> tree.append(Merkle.leafHash(e)));
    return tree.root();
  }

  /** Seals {@code drafts} into a chain starting at sequence 1. */
  static List<EvidenceEvent> seal(List<EvidenceDraft> drafts) {
    List<EvidenceEvent> events = new ArrayList<>();
    String prev = EvidenceEvent.GENESIS_HASH;
    for (EvidenceDraft draft : drafts) {
      EvidenceEvent event = EvidenceHasher.seal(draft, events.size() + 1, prev);
      events.add(event);
      prev = event.hash();
    }
    return events;
  }

  /** The drafts behind {@link #events()}. */
  static List<EvidenceDraft> drafts() {
    return List.of(
        draft(
            1,
            "rec-1",
            EvidenceType.REQUESTED,
            "person:alice",
            "reason",
            "on-call: DB incident \u2713",
            "days",
            7,
            "urgent",
            true),
        draft(
            2,
            "rec-1",
            EvidenceType.APPROVED,
            "person:bob",
            "step",
            1,
            "comment",
            "ok\tlooks \"fine\" \\ to me"),
        draft(
            3,
            "rec-2",
            EvidenceType.REQUESTED,
            "person:carol",
            "reason",
            "St\u00f6rung \u2013 \ud83d\ude92",
            "days",
            30,
            "ticket",
            null),
        draft(
            4,
            "rec-1",
            EvidenceType.PROVISIONED,
            "system:okta",
            "group",
            "grp-prod-db",
            "alreadyMember",
            false,
            "vendorRequestId",
            "req/1\u0001"),
        draft(5, "rec-2", EvidenceType.DENIED, "person:dave", "comment", "", "maxDays", 14),
        draft(
            6,
            "rec-3",
            EvidenceType.REQUESTED,
            "person:erin",
            "reason",
            "line1\nline2\r\n</script>",
            "days",
            1),
        draft(
            7, "rec-3", EvidenceType.APPROVED, "system:policy", "auto", true, "policy", "low-risk"),
        draft(
            8,
            "rec-3",
            EvidenceType.PROVISIONED,
            "system:okta",
            "group",
            "grp-read-only",
            "latencyNanos",
            9_007_199_254_740_993L),
        draft(
            9,
            "rec-1",
            EvidenceType.EXTENDED,
            "person:alice",
            "newEnd",
            "2024-06-01T00:00:00Z",
            "days",
            14,
            "previousDays",
            -7),
        draft(10, "rec-3", EvidenceType.REVOKED, "person:frank", "reason", null),
        draft(
            11,
            "rec-3",
            EvidenceType.DEPROVISIONED,
            "system:okta",
            "group",
            "grp-read-only",
            "alreadyAbsent",
            true),
        draft(12, "rec-1", EvidenceType.EXPIRED, "system:expiry"));
  }

  /** A draft at {@code minute} minutes (and a few milliseconds) after the start. */
  static EvidenceDraft draft(
      int minute, String recordId, EvidenceType type, String actor, @Nullable Object... kv) {
    Map<String, @Nullable Object> details = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      details.put((String) kv[i], kv[i + 1]);
    }
    Instant time = START.plus(Duration.ofMinutes(minute)).plusMillis(minute * 7L);
    return EvidenceDraft.of(recordId, type, actor, time, details);
  }

  /** A copy of {@code events} with the events from index {@code from} on re-sealed. */
  static List<EvidenceEvent> resealFrom(List<EvidenceEvent> events, int from) {
    List<EvidenceEvent> result = new ArrayList<>(events.subList(0, from));
    String prev = from == 0 ? EvidenceEvent.GENESIS_HASH : events.get(from - 1).hash();
    for (EvidenceEvent e : events.subList(from, events.size())) {
      EvidenceDraft draft =
          new EvidenceDraft(e.recordId(), e.type(), e.actor(), e.time(), e.details());
      EvidenceEvent sealed = EvidenceHasher.seal(draft, e.seq(), prev);
      result.add(sealed);
      prev = sealed.hash();
    }
    return result;
  }

  /** {@code events} with the element at {@code index} replaced. */
  static List<EvidenceEvent> replace(List<EvidenceEvent> events, int index, EvidenceEvent e) {
    List<EvidenceEvent> copy = new ArrayList<>(events);
    copy.set(index, e);
    return copy;
  }

  /** The sizes as a readable list, for display names. */
  static String sizes() {
    return Arrays.toString(CHECKPOINT_SIZES);
  }
}
