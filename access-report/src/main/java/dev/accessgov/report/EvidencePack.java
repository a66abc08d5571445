package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.NotFoundException;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceReader;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.TlogProof;
import dev.accessgov.evidence.Trusted;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.report.internal.PackManifest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The evidence of one grant or one review campaign, in a directory an auditor verifies offline: the
 * full evidence export (see {@link EvidenceExport}: events, checkpoints, public key) ending in a
 * checkpoint signed when the pack was made, plus a manifest naming the records and the sequence
 * numbers of their events: {@value #RECORD} for a grant, {@value #CAMPAIGN} for a campaign; and, in
 * {@value #PROOFS}, a C2SP tlog-proof of each of those events under that checkpoint, which any
 * tlog-proof tool can check against the event line alone.
 *
 * <p>Nothing in a pack is taken on trust but what the signed log proves. The manifest holds only
 * record ids and sequence numbers, and {@link #verify} checks it against the verified events: every
 * event of a listed record is listed, and a campaign pack lists every record the campaign decided
 * on (its decision events, and the items its {@code CAMPAIGN_CLOSED} event lists). What a record
 * is, verify reads from its events ({@link PackVerification#facts}). Pass the checkpoint kept from
 * an earlier audit ({@link Trusted#since}) to catch a pack cut back to an older state.
 *
 * <p>The whole chain is included because an event can only be verified with every event before it:
 * verifying the chain up to the signed checkpoint is the proof that the listed events belong to it.
 * The pack therefore also shows other records' events, and should be handled like any full export.
 *
 * @param directory where the pack was written
 * @param campaignId the campaign, for a campaign pack; null for the pack of one grant
 * @param records the sequence numbers of each record's events, ascending, by record id
 */
public record EvidencePack(
    Path directory, @Nullable String campaignId, Map<RecordId, List<Long>> records) {

  /** The manifest of the pack of one grant. */
  public static final String RECORD = PackManifest.RECORD;

  /** The manifest of the pack of one review campaign. */
  public static final String CAMPAIGN = PackManifest.CAMPAIGN;

  /** The directory of the proofs: {@code <seq>.tlog-proof} per listed event (C2SP tlog-proof). */
  public static final String PROOFS = "proofs";

  /** Checks the fields and copies the map, keeping its order. */
  public EvidencePack {
    requireNonNull(directory, "directory");
    Map<RecordId, List<Long>> copy = new LinkedHashMap<>();
    requireNonNull(records, "records").forEach((id, seqs) -> copy.put(id, List.copyOf(seqs)));
    records = Collections.unmodifiableMap(copy);
  }

  /** Every listed sequence number, ascending. */
  public List<Long> sequences() {
    return records.values().stream().flatMap(List::stream).sorted().toList();
  }

  /**
   * Writes the pack of record {@code id} to {@code dir} (created if needed; files of an earlier
   * pack there are replaced). Signs a fresh checkpoint, so every event of the record is covered by
   * a signature.
   *
   * @throws NotFoundException when there is no such record
   * @throws dev.accessgov.AccessConfigurationException when the service has no checkpoint signer
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static EvidencePack forRecord(AccessService access, RecordId id, Path dir) {
    requireNonNull(access, "access");
    requireNonNull(id, "id");
    requireNonNull(dir, "dir");
    AccessRecord record = access.record(id);
    Map<String, List<Long>> sequences = export(access, Set.of(id.value()), dir);
    List<Long> ours = sequences.getOrDefault(id.value(), List.of());
    PackManifest.writeRecord(dir, record, ours);
    return new EvidencePack(dir, null, Map.of(id, ours));
  }

  /**
   * Writes the pack of review campaign {@code campaignId} to {@code dir}: every record the campaign
   * decided on (a {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} event naming it) with all of its
   * events, from request to removal. Signs a fresh checkpoint, as {@link #forRecord} does. Works
   * from the evidence alone, so any instance can make it, after a restart too.
   *
   * @throws NotFoundException when the evidence holds no decision of the campaign
   * @throws dev.accessgov.AccessConfigurationException when the service has no checkpoint signer
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static EvidencePack forCampaign(AccessService access, String campaignId, Path dir) {
    requireNonNull(access, "access");
    requireNonNull(campaignId, "campaignId");
    requireNonNull(dir, "dir");
    Set<String> decided = decidedIn(access, campaignId);
    if (decided.isEmpty()) {
      throw new NotFoundException(
          "no review decision of campaign " + campaignId + " in the evidence");
    }
    List<AccessRecord> records = new ArrayList<>();
    decided.forEach(id -> records.add(access.record(RecordId.of(id))));
    Map<String, List<Long>> sequences = export(access, decided, dir);
    PackManifest.writeCampaign(dir, campaignId, records, sequences);
    Map<RecordId, List<Long>> listed = new LinkedHashMap<>();
    decided.forEach(id -> listed.put(RecordId.of(id), sequences.getOrDefault(id, List.of())));
    return new EvidencePack(dir, campaignId, listed);
  }

  /** The ids of the records a campaign decided on, in chain order. */
  private static Set<String> decidedIn(AccessService access, String campaignId) {
    Set<String> ids = new LinkedHashSet<>();
    access
        .evidence()
        .events()
        .forEachRemaining(
            e -> {
              boolean decision =
                  e.type() == EvidenceType.REVIEW_KEPT || e.type() == EvidenceType.REVIEW_REVOKED;
              if (decision && campaignId.equals(e.detailText(EvidenceKeys.CAMPAIGN))) {
                ids.add(e.recordId());
              }
            });
    return ids;
  }

  /**
   * Exports the chain with a fresh checkpoint to {@code dir} and returns the sequences of the
   * events of {@code recordIds} in it. Taken from the export rather than the records, so that an
   * event appended in between is listed exactly when the export holds it.
   */
  private static Map<String, List<Long>> export(
      AccessService access, Set<String> recordIds, Path dir) {
    access.evidence().export(dir);
    Map<String, List<Long>> sequences = new HashMap<>();
    long[] count = {0};
    try (EvidenceReader events = EvidenceExport.readEvents(dir)) {
      events.forEachRemaining(
          e -> {
            count[0] = e.seq();
            if (recordIds.contains(e.recordId())) {
              sequences.computeIfAbsent(e.recordId(), r -> new ArrayList<>()).add(e.seq());
            }
          });
    }
    writeProofs(access, dir, count[0], sequences);
    return sequences;
  }

  /**
   * Writes {@code proofs/<seq>.tlog-proof} for every listed event, under the checkpoint the export
   * signed last (which covers all {@code size} events).
   */
  private static void writeProofs(
      AccessService access, Path dir, long size, Map<String, List<Long>> sequences) {
    Checkpoint head =
        EvidenceExport.readCheckpoints(dir).stream()
            .filter(c -> c.size() == size)
            .reduce((first, second) -> second)
            .orElseThrow(() -> new IllegalStateException("the export signed no checkpoint"));
    try {
      Path proofs = Files.createDirectories(dir.resolve(PROOFS));
      for (List<Long> seqs : sequences.values()) {
        for (long seq : seqs) {
          TlogProof proof = TlogProof.of(access.evidence().inclusionProof(seq, size), head);
          Files.writeString(proofs.resolve(proofName(seq)), proof.text(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the proofs of the pack in " + dir, e);
    }
  }

  private static String proofName(long seq) {
    return seq + ".tlog-proof";
  }

  /**
   * What is wrong with the tlog-proof of each listed event, or null: each must exist, be signed by
   * a trusted key, and prove that very event (its leaf hash, at its index).
   */
  private static @Nullable String proofProblem(Path dir, Scan scan, Trusted trusted) {
    java.util.SortedMap<Long, byte[]> leaves = new java.util.TreeMap<>();
    scan.byRecord
        .values()
        .forEach(events -> events.forEach(e -> leaves.put(e.seq(), Merkle.leafHash(e))));
    for (Map.Entry<Long, byte[]> leaf : leaves.entrySet()) {
      long seq = leaf.getKey();
      Path file = dir.resolve(PROOFS).resolve(proofName(seq));
      TlogProof proof;
      try {
        proof = TlogProof.parse(Files.readString(file, StandardCharsets.UTF_8));
      } catch (java.nio.file.NoSuchFileException e) {
        return "the pack has no " + PROOFS + "/" + proofName(seq) + " for event " + seq;
      } catch (IOException | IllegalArgumentException e) {
        return PROOFS + "/" + proofName(seq) + " is not a tlog proof: " + e.getMessage();
      }
      if (proof.index() != seq - 1 || !proof.verify(leaf.getValue(), trusted.keys())) {
        return PROOFS
            + "/"
            + proofName(seq)
            + " does not prove event "
            + seq
            + " under a checkpoint signed by a trusted key";
      }
    }
    return null;
  }

  /**
   * Verifies the pack in {@code dir} against {@code trustedKey}, the checkpoint key the auditor
   * obtained independently (the pack's own key file is ignored): the chain must verify with {@link
   * EvidenceVerifier}; the manifest must list at least one sequence for each record; every listed
   * sequence must be an event of the record it is listed for, within the largest verified
   * checkpoint; and every event in the chain of a listed record must be listed (so none can be
   * hidden from a reader of the manifest). Problems are reported in the result, not thrown.
   *
   * @throws IllegalArgumentException if {@code trustedKey} is not an Ed25519 key
   */
  public static PackVerification verify(Path dir, PublicKey trustedKey) {
    return verify(dir, Trusted.key(requireNonNull(trustedKey, "trustedKey")));
  }

  /**
   * Verifies the pack in {@code dir} as {@link #verify(Path, PublicKey)} does, against every key
   * and earlier checkpoint in {@code trusted}.
   */
  public static PackVerification verify(Path dir, Trusted trusted) {
    requireNonNull(dir, "dir");
    requireNonNull(trusted, "trusted");
    PackManifest manifest;
    try {
      manifest = PackManifest.read(dir);
    } catch (IllegalArgumentException e) {
      return PackVerification.failed(null, null, null, String.valueOf(e.getMessage()));
    }
    String recordId =
        manifest.campaignId() == null ? manifest.records().keySet().iterator().next() : null;
    String campaignId = manifest.campaignId();
    for (String file : List.of(EvidenceExport.EVENTS, EvidenceExport.CHECKPOINTS)) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        return PackVerification.failed(recordId, campaignId, null, "the pack has no " + file);
      }
    }
    VerificationResult chain = EvidenceVerifier.verify(dir, trusted);
    if (!chain.valid()) {
      return PackVerification.failed(
          recordId, campaignId, chain, "evidence chain: " + chain.reason());
    }
    String problem = manifestProblem(manifest);
    Scan scan = problem == null ? Scan.of(dir, manifest, campaignId) : null;
    if (scan != null) {
      problem = scan.listingProblem;
      if (problem == null && campaignId != null) {
        problem = campaignProblem(scan, manifest);
      }
      if (problem == null) {
        problem = proofProblem(dir, scan, trusted);
      }
    }
    return problem == null && scan != null
        ? PackVerification.ok(recordId, campaignId, chain, facts(scan))
        : PackVerification.failed(recordId, campaignId, chain, requireNonNull(problem));
  }

  /**
   * What the checks after the chain's need from the events, read in one pass over the verified
   * export: the listed records' events, the first listing problem, and a campaign's decisions.
   */
  private static final class Scan {
    final Map<String, List<EvidenceEvent>> byRecord = new LinkedHashMap<>();
    @Nullable String listingProblem;
    final Map<String, Long> decided = new LinkedHashMap<>();
    final Map<Long, String> decisions = new HashMap<>();
    final List<String[]> closedItems = new ArrayList<>();
    long closedAt;

    static Scan of(Path dir, PackManifest manifest, @Nullable String campaignId) {
      Scan scan = new Scan();
      manifest.records().keySet().forEach(id -> scan.byRecord.put(id, new ArrayList<>()));
      Map<Long, String> listed = new HashMap<>();
      manifest.records().forEach((id, seqs) -> seqs.forEach(seq -> listed.put(seq, id)));
      try (EvidenceReader events = EvidenceExport.readEvents(dir)) {
        while (events.hasNext() && scan.listingProblem == null) {
          EvidenceEvent e = events.next();
          scan.listingProblem = listing(e, listed.remove(e.seq()), manifest);
          List<EvidenceEvent> ours = scan.byRecord.get(e.recordId());
          if (ours != null) {
            ours.add(e);
          }
          if (campaignId != null) {
            scan.campaign(e, campaignId);
          }
        }
      }
      if (scan.listingProblem == null && !listed.isEmpty()) {
        scan.listingProblem =
            manifest.file()
                + " lists events not in the chain: "
                + new java.util.TreeSet<>(listed.keySet());
      }
      return scan;
    }

    /** Notes {@code e} if it is a decision of the campaign, or the campaign's closing. */
    private void campaign(EvidenceEvent e, String campaignId) {
      boolean decision =
          e.type() == EvidenceType.REVIEW_KEPT || e.type() == EvidenceType.REVIEW_REVOKED;
      if (decision && campaignId.equals(e.detailText(EvidenceKeys.CAMPAIGN))) {
        decided.putIfAbsent(e.recordId(), e.seq());
        decisions.put(e.seq(), e.recordId());
      }
      if (e.type() == EvidenceType.CAMPAIGN_CLOSED && campaignId.equals(e.recordId())) {
        closedAt = e.seq();
        String items = e.detailText(EvidenceKeys.ITEMS);
        closedItems.clear();
        if (items != null) {
          items.lines().map(line -> line.split(" ")).forEach(closedItems::add);
        }
      }
    }
  }

  /** What is wrong with the manifest on its own: a record with no event, an event twice. */
  private static @Nullable String manifestProblem(PackManifest manifest) {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (Map.Entry<String, List<Long>> r : manifest.records().entrySet()) {
      if (r.getValue().isEmpty()) {
        return manifest.file() + " lists no event of record " + r.getKey();
      }
      for (long seq : r.getValue()) {
        if (!seen.add(seq)) {
          return manifest.file() + " lists event " + seq + " twice";
        }
      }
    }
    return null;
  }

  /**
   * What is wrong with the listing of {@code event}, listed for record {@code listedFor} (null when
   * not listed): an event of a listed record must be listed, and for its own record.
   */
  private static @Nullable String listing(
      EvidenceEvent event, @Nullable String listedFor, PackManifest manifest) {
    if (listedFor == null) {
      return manifest.records().containsKey(event.recordId())
          ? "event "
              + event.seq()
              + " of record "
              + event.recordId()
              + " is not listed in "
              + manifest.file()
          : null;
    }
    return listedFor.equals(event.recordId())
        ? null
        : "event " + event.seq() + " belongs to record " + event.recordId() + ", not " + listedFor;
  }

  /**
   * What a campaign pack leaves out: every record the verified chain shows the campaign decided on
   * (a {@code REVIEW_KEPT} or {@code REVIEW_REVOKED} event naming it, and every decided item its
   * {@code CAMPAIGN_CLOSED} event lists) must be in the manifest; null when none is missing.
   */
  private static @Nullable String campaignProblem(Scan scan, PackManifest manifest) {
    List<String[]> closedItems = scan.closedItems;
    Map<Long, String> decisions = scan.decisions;
    long closedAt = scan.closedAt;
    for (String[] item : closedItems) {
      if (item.length != 4) {
        return "the CAMPAIGN_CLOSED event " + closedAt + " has an item line that is not 4 fields";
      }
      if (!item[2].equals("-")) {
        long seq = Long.parseLong(item[3]);
        if (!item[2].equals(decisions.get(seq))) {
          return "the CAMPAIGN_CLOSED event "
              + closedAt
              + " names event "
              + seq
              + " as the decision on record "
              + item[2]
              + ", but that event is not such a decision";
        }
      }
    }
    for (Map.Entry<String, Long> d : scan.decided.entrySet()) {
      if (!manifest.records().containsKey(d.getKey())) {
        return manifest.file()
            + " leaves out record "
            + d.getKey()
            + ", which the campaign decided on (event "
            + d.getValue()
            + ")";
      }
    }
    return null;
  }

  /**
   * What the verified events say of each listed record, one line each: its subject and role (from
   * its first event) and every event's type, time and actor. Nothing of it comes from the manifest.
   */
  private static List<String> facts(Scan scan) {
    List<String> facts = new ArrayList<>();
    scan.byRecord.forEach(
        (id, events) -> {
          EvidenceEvent first = events.get(0);
          StringBuilder line =
              new StringBuilder("record ")
                  .append(id)
                  .append(" (subject ")
                  .append(
                      first.detailText(EvidenceKeys.SUBJECT) != null
                          ? first.detailText(EvidenceKeys.SUBJECT)
                          : first.detailText(EvidenceKeys.IDP_USER))
                  .append(", role ")
                  .append(
                      first.detailText(EvidenceKeys.ROLE) != null
                          ? first.detailText(EvidenceKeys.ROLE)
                          : first.detailText(EvidenceKeys.GROUP))
                  .append("):");
          for (EvidenceEvent e : events) {
            line.append(' ')
                .append(e.seq())
                .append(' ')
                .append(e.type())
                .append(' ')
                .append(e.time())
                .append(" by ")
                .append(e.actor())
                .append(';');
          }
          facts.add(line.substring(0, line.length() - 1));
        });
    return facts;
  }
}
