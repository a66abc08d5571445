package dev.accessgov.cli;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.NoteKey;
import dev.accessgov.evidence.Trusted;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.report.EvidencePack;
import dev.accessgov.report.PackVerification;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code access-cli verify}: checks an export or a pack offline against trusted public keys and,
 * optionally, checkpoints the auditor kept from an earlier visit. Evidence that no trusted key
 * signed is FAILED, never OK.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an evidence export or an evidence pack against the checkpoint public key(s).",
      "A directory holding "
          + EvidencePack.RECORD
          + " or "
          + EvidencePack.CAMPAIGN
          + " is checked as a pack, any other as an export. Prints OK with the counts and the"
          + " latest signed checkpoint, or FAILED with the first bad sequence number and why.",
      "Every event must be covered by a checkpoint signed by a trusted key: unsigned evidence,"
          + " or events after the last signed checkpoint, are FAILED.",
      "Keep the checkpoint this prints (--save-checkpoint) and pass it with --since next time:"
          + " evidence cut back or rewritten since then is FAILED."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "the export or pack directory")
  private Path directory;

  @Option(
      names = {"-k", "--public-key"},
      required = true,
      paramLabel = "FILE",
      description =
          "a checkpoint public key (PEM) obtained from the key holder, not the one in DIR;"
              + " repeat it for every key of a rotation")
  private List<Path> publicKeys = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "FILE",
      description =
          "a checkpoint kept from an earlier verification (as --save-checkpoint writes it): the"
              + " evidence must contain it and have only grown since; repeatable")
  private List<Path> since = new ArrayList<>();

  @Option(
      names = "--save-checkpoint",
      paramLabel = "FILE",
      description =
          "after an OK, write the latest verified checkpoint (a C2SP signed note) to FILE, to"
              + " pass with --since next time; refuses to overwrite unless --force")
  private @Nullable Path saveCheckpoint;

  @Option(names = "--force", description = "let --save-checkpoint replace an existing file")
  private boolean force;

  @Override
  public Integer call() {
    if (!Files.isDirectory(directory)) {
      throw CliException.usage(
          Files.exists(directory)
              ? directory + " is not a directory"
              : "directory " + directory + " does not exist");
    }
    List<PublicKey> keys = new ArrayList<>();
    publicKeys.forEach(file -> keys.add(Keys.publicKey(file)));
    Trusted trusted = Trusted.keys(keys);
    for (Path file : since) {
      trusted = trusted.since(checkpointFile(file));
    }
    PrintWriter out = spec.commandLine().getOut();
    Checkpoint latest =
        Files.isRegularFile(directory.resolve(EvidencePack.RECORD))
                || Files.isRegularFile(directory.resolve(EvidencePack.CAMPAIGN))
            ? pack(trusted, out)
            : export(trusted, out);
    out.flush();
    if (latest == null) {
      return ExitCodes.VERIFICATION_FAILED;
    }
    if (saveCheckpoint != null) {
      Path target = saveCheckpoint;
      OutputPaths.writeFile(target, latest.note(), force);
      out.println("saved the checkpoint to " + target + "; pass it with --since next time");
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The checkpoint in {@code file}: a signed note as {@code --save-checkpoint} writes it. */
  private static Checkpoint checkpointFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CliException.usage(
          "checkpoint file " + file + (Files.exists(file) ? " is not a file" : " does not exist"));
    }
    try {
      return Checkpoint.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (CharacterCodingException e) {
      throw CliException.usage(file + " is not a checkpoint (it is not UTF-8 text)");
    } catch (IllegalArgumentException e) {
      throw CliException.usage(file + " is not a checkpoint: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private @Nullable Checkpoint export(Trusted trusted, PrintWriter out) {
    if (!Files.isRegularFile(directory.resolve(EvidenceExport.EVENTS))) {
      throw CliException.usage(
          directory + " is neither an export nor a pack: it has no " + EvidenceExport.EVENTS);
    }
    if (!Files.isRegularFile(directory.resolve(EvidenceExport.CHECKPOINTS))) {
      // Without checkpoints nothing is signed: an incomplete export, not a failed verification.
      throw CliException.usage(
          directory
              + " is an incomplete export: it has "
              + EvidenceExport.EVENTS
              + " but no "
              + EvidenceExport.CHECKPOINTS);
    }
    VerificationResult result = EvidenceVerifier.verify(directory, trusted);
    if (!result.valid() || result.latest() == null) {
      out.println("FAILED: " + result);
      return null;
    }
    out.println(
        "OK: evidence export in "
            + directory
            + ": "
            + counts(result)
            + "; "
            + signedBy(result.latest(), trusted));
    return result.latest();
  }

  private @Nullable Checkpoint pack(Trusted trusted, PrintWriter out) {
    PackVerification result = EvidencePack.verify(directory, trusted);
    String what = "evidence pack of " + result.subject() + " in " + directory;
    VerificationResult chain = result.chain();
    if (result.valid() && chain != null && chain.latest() != null) {
      String whose = result.campaignId() != null ? "its records" : "the record";
      out.println(
          "OK: "
              + what
              + ": "
              + counts(chain)
              + "; every event of "
              + whose
              + " is signed; "
              + signedBy(chain.latest(), trusted));
      out.println("what the verified events say (the pack's manifest is not taken on trust):");
      result.facts().forEach(fact -> out.println("  " + fact));
      return chain.latest();
    }
    out.println(
        "FAILED: " + what + ": " + (chain != null && !chain.valid() ? chain : result.reason()));
    return null;
  }

  private static String counts(VerificationResult result) {
    return result.eventsChecked()
        + " events and "
        + result.checkpointsChecked()
        + " checkpoints verified";
  }

  /** The latest checkpoint, named so the auditor can judge its date and compare it. */
  private static String signedBy(Checkpoint latest, Trusted trusted) {
    String keys =
        String.join(
            ", ",
            trusted.keys().stream()
                .map(k -> NoteKey.of(latest.origin(), k).keyIdHex())
                .filter(id -> latest.signatures().stream().anyMatch(s -> s.keyIdHex().equals(id)))
                .toList());
    return "latest checkpoint: "
        + latest.size()
        + " events of log "
        + latest.origin()
        + ", signed "
        + latest.time()
        + " (key ID "
        + keys
        + ")";
  }
}
