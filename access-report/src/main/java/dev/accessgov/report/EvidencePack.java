package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceReader;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordId;
import dev.accessgov.report.internal.RecordManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The evidence of one grant, in a directory an auditor verifies offline: the full evidence export
 * (see {@link EvidenceExport}: events, checkpoints, public key) ending in a checkpoint signed when
 * the pack was made, plus {@value #RECORD}, which names the record, its audit walkthrough and the
 * sequence numbers of its events.
 *
 * <p>The whole chain is included because an event can only be verified with every event before it;
 * the pack therefore also shows other records' events, and should be handled like any full export.
 *
 * @param directory where the pack was written
 * @param recordId the record
 * @param sequences the sequence numbers of the record's events, ascending
 */
public record EvidencePack(Path directory, RecordId recordId, List<Long> sequences) {

  /** The manifest file naming the record and its events. */
  public static final String RECORD = RecordManifest.FILE;

  /** Checks the fields and copies the list. */
  public EvidencePack {
    requireNonNull(directory, "directory");
    requireNonNull(recordId, "recordId");
    sequences = List.copyOf(requireNonNull(sequences, "sequences"));
  }

  /**
   * Writes the pack of record {@code id} to {@code dir} (created if needed; files of an earlier
   * pack there are replaced). Signs a fresh checkpoint, so every event of the record is covered by
   * a signature.
   *
   * @throws dev.accessgov.NotFoundException when there is no such record
   * @throws dev.accessgov.AccessConfigurationException when the service has no checkpoint signer
   * @throws java.io.UncheckedIOException when a file cannot be written
   */
  public static EvidencePack forRecord(AccessService access, RecordId id, Path dir) {
    requireNonNull(access, "access");
    requireNonNull(id, "id");
    requireNonNull(dir, "dir");
    AccessRecord record = access.record(id);
    access.evidence().export(dir);
    // Taken from the export rather than the record read above, so that an event appended in
    // between is listed exactly when the export holds it.
    List<Long> sequences = new ArrayList<>();
    try (EvidenceReader events = EvidenceExport.readEvents(dir)) {
      events.forEachRemaining(
          e -> {
            if (e.recordId().equals(id.value())) {
              sequences.add(e.seq());
            }
          });
    }
    RecordManifest.write(dir, record, sequences);
    return new EvidencePack(dir, id, sequences);
  }

  /**
   * Verifies the pack in {@code dir} against {@code trustedKey}, the checkpoint key the auditor
   * obtained independently (the pack's own key file is ignored): the chain must verify with {@link
   * EvidenceVerifier}, the manifest must list at least one sequence, every listed sequence must be
   * an event of the named record within the largest verified checkpoint, and every event of the
   * record in the chain must be listed (so none can be hidden from a reader of the manifest).
   * Problems are reported in the result, not thrown.
   *
   * @throws IllegalArgumentException if {@code trustedKey} is not an Ed25519 key
   */
  public static PackVerification verify(Path dir, PublicKey trustedKey) {
    requireNonNull(dir, "dir");
    requireNonNull(trustedKey, "trustedKey");
    RecordManifest manifest;
    try {
      manifest = RecordManifest.read(dir);
    } catch (IllegalArgumentException e) {
      return PackVerification.failed(null, null, e.getMessage());
    }
    String recordId = manifest.recordId();
    for (String file : List.of(EvidenceExport.EVENTS, EvidenceExport.CHECKPOINTS)) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        return PackVerification.failed(recordId, null, "the pack has no " + file);
      }
    }
    VerificationResult chain = EvidenceVerifier.verify(dir, trustedKey);
    if (!chain.valid()) {
      return PackVerification.failed(recordId, chain, "evidence chain: " + chain.reason());
    }
    if (manifest.sequences().isEmpty()) {
      return PackVerification.failed(recordId, chain, RECORD + " lists no event");
    }
    long signed =
        EvidenceExport.readCheckpoints(dir).stream().mapToLong(Checkpoint::size).max().orElse(0);
    Set<Long> missing = new TreeSet<>(manifest.sequences());
    try (EvidenceReader events = EvidenceExport.readEvents(dir)) {
      while (events.hasNext()) {
        String problem = problem(events.next(), recordId, missing, signed);
        if (problem != null) {
          return PackVerification.failed(recordId, chain, problem);
        }
      }
    }
    if (!missing.isEmpty()) {
      return PackVerification.failed(
          recordId, chain, RECORD + " lists events not in the chain: " + missing);
    }
    return PackVerification.ok(recordId, chain);
  }

  /** What is wrong with {@code event} for the manifest, or null; removes it from {@code listed}. */
  private static @Nullable String problem(
      EvidenceEvent event, String recordId, Set<Long> listed, long signed) {
    boolean ours = event.recordId().equals(recordId);
    if (!listed.remove(event.seq())) {
      return ours ? "event " + event.seq() + " of the record is not listed in " + RECORD : null;
    }
    if (!ours) {
      return "event "
          + event.seq()
          + " belongs to record "
          + event.recordId()
          + ", not "
          + recordId;
    }
    return event.seq() > signed
        ? "event " + event.seq() + " is after the last signed checkpoint (" + signed + ")"
        : null;
  }
}
