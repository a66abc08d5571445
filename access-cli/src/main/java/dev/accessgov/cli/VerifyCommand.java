package dev.accessgov.cli;

import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.report.EvidencePack;
import dev.accessgov.report.PackVerification;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code access-cli verify}: checks an export or a pack offline against a trusted public key. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an evidence export or an evidence pack against the checkpoint public key.",
      "A directory holding "
          + EvidencePack.RECORD
          + " or "
          + EvidencePack.CAMPAIGN
          + " is checked as a pack, any other as an"
          + " export. Prints OK with the counts, or FAILED with the first bad sequence number"
          + " and why."
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
          "the checkpoint public key (PEM) obtained from the key holder, not the one in DIR")
  private Path publicKey;

  @Override
  public Integer call() {
    if (!Files.isDirectory(directory)) {
      throw CliException.usage(
          Files.exists(directory)
              ? directory + " is not a directory"
              : "directory " + directory + " does not exist");
    }
    PublicKey key = Keys.publicKey(publicKey);
    PrintWriter out = spec.commandLine().getOut();
    boolean valid =
        Files.isRegularFile(directory.resolve(EvidencePack.RECORD))
                || Files.isRegularFile(directory.resolve(EvidencePack.CAMPAIGN))
            ? pack(key, out)
            : export(key, out);
    out.flush();
    return valid ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
  }

  private boolean export(PublicKey key, PrintWriter out) {
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
    VerificationResult result = EvidenceVerifier.verify(directory, key);
    if (!result.valid()) {
      out.println("FAILED: " + result);
      return false;
    }
    out.println("OK: evidence export in " + directory + ": " + counts(result));
    long signed =
        EvidenceExport.readCheckpoints(directory).stream()
            .mapToLong(Checkpoint::size)
            .max()
            .orElse(0);
    if (signed < result.eventsChecked()) {
      // Verified, but only consistent past the last signature: the auditor should know.
      out.println(
          "note: events "
              + (signed + 1)
              + " to "
              + result.eventsChecked()
              + " come after the last signed checkpoint; they are consistent but not signed");
    }
    return true;
  }

  private boolean pack(PublicKey key, PrintWriter out) {
    PackVerification result = EvidencePack.verify(directory, key);
    String what = "evidence pack of " + result.subject() + " in " + directory;
    VerificationResult chain = result.chain();
    if (result.valid() && chain != null) {
      String whose = result.campaignId() != null ? "its records" : "the record";
      out.println(
          "OK: " + what + ": " + counts(chain) + "; every event of " + whose + " is signed");
      return true;
    }
    out.println(
        "FAILED: " + what + ": " + (chain != null && !chain.valid() ? chain : result.reason()));
    return false;
  }

  private static String counts(VerificationResult result) {
    return result.eventsChecked()
        + " events and "
        + result.checkpointsChecked()
        + " checkpoints verified";
  }
}
