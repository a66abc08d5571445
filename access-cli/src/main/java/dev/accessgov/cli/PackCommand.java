package dev.accessgov.cli;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.record.RecordId;
import dev.accessgov.report.EvidencePack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code access-cli pack}: the evidence pack of one grant or one review campaign, for an auditor to
 * verify offline.
 */
@Command(
    name = "pack",
    mixinStandardHelpOptions = true,
    description = {
      "Write the evidence pack of one record (or, with --campaign, of every record a review"
          + " campaign decided on) to a directory: the whole evidence chain, its checkpoints and"
          + " public key, a freshly signed checkpoint, and "
          + EvidencePack.RECORD
          + " (or "
          + EvidencePack.CAMPAIGN
          + ") naming the records and their events; verify reads what they are from the events.",
      "Signing stores one new checkpoint in the store; nothing else is written to it. Sign with"
          + " the application's checkpoint key, so that the pack verifies with its public key."
    })
final class PackCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "RECORD_ID",
      arity = "0..1",
      description = "the record's id; leave out with --campaign")
  private @Nullable String id;

  @Option(
      names = "--campaign",
      paramLabel = "CAMPAIGN_ID",
      description = "pack every record this review campaign decided on, e.g. rc-...")
  private @Nullable String campaign;

  @Mixin private StoreOptions store;

  @Option(
      names = {"-o", "--out"},
      required = true,
      paramLabel = "DIR",
      description =
          "the directory to write the pack to; it must not exist (see --force) and is never a"
              + " symbolic link")
  private Path out;

  @Option(
      names = "--force",
      description = "write into an existing --out directory, replacing an earlier pack's files")
  private boolean force;

  @Option(
      names = "--signing-key",
      required = true,
      paramLabel = "FILE",
      description = "the Ed25519 checkpoint private key, PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)")
  private Path signingKey;

  @Option(
      names = {"--origin", "--key-id"},
      paramLabel = "NAME",
      description =
          "the log's name, which the new checkpoint carries and signs under (default: the origin"
              + " of the store's latest checkpoint; for a store without one, the key file's name)")
  private @Nullable String origin;

  @Override
  public Integer call() {
    if ((id == null) == (campaign == null)) {
      throw CliException.usage("give either a RECORD_ID or --campaign CAMPAIGN_ID");
    }
    OutputPaths.check(out, force);
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)
        && !Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
      throw CliException.usage("--out must be a directory; " + out + " is a file");
    }
    EvidencePack[] made = new EvidencePack[1];
    CheckpointSigner signer;
    try (StoreOptions.OpenStore opened = store.open()) {
      signer = Keys.signer(signingKey, origin != null ? origin : defaultOrigin(opened));
      AccessService access = opened.service(signer);
      OutputPaths.writeDirectory(
          out,
          force,
          dir ->
              made[0] =
                  id != null
                      ? EvidencePack.forRecord(access, RecordId.of(id), dir)
                      : EvidencePack.forCampaign(access, requireNonNull(campaign), dir));
    }
    EvidencePack pack = made[0];
    // The pack's own last checkpoint: another writer may have added events since it was signed.
    long chain =
        EvidenceExport.readCheckpoints(out).stream().mapToLong(Checkpoint::size).max().orElse(0);
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        "wrote the evidence pack of "
            + (id != null ? "record " + id : "campaign " + campaign)
            + " to "
            + out
            + ": "
            + pack.sequences().size()
            + " events of "
            + pack.records().size()
            + (pack.records().size() == 1 ? " record" : " records")
            + " in a chain of "
            + chain
            + ", signed at "
            + chain
            + " by key '"
            + signer.origin()
            + "' (key ID "
            + signer.noteKey().keyIdHex()
            + ")");
    stdout.println("verify it with: access-cli verify " + out + " --public-key <public key file>");
    stdout.flush();
    return ExitCodes.OK;
  }

  /** The origin the log's checkpoints were signed under, so the new one continues the log. */
  private String defaultOrigin(StoreOptions.OpenStore opened) {
    List<Checkpoint> signed = opened.store().checkpoints();
    return signed.isEmpty() ? defaultKeyId() : signed.get(signed.size() - 1).origin();
  }

  private String defaultKeyId() {
    Path name = signingKey.getFileName();
    String file = name == null ? "access-cli" : name.toString();
    int dot = file.lastIndexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }
}
