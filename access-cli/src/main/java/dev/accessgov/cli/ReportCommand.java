package dev.accessgov.cli;

import dev.accessgov.AccessService;
import dev.accessgov.EvidenceLog;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.report.Provenance;
import dev.accessgov.report.control.ControlMapping;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code access-cli report}: one of the {@link ReportKind}s, from a store, in a format. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Report from a store as of a moment (--at), or for a period (--from, --at):")
final class ReportCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "KIND",
      completionCandidates = ReportKind.Names.class,
      description = "what to report: ${COMPLETION-CANDIDATES}")
  private String kind;

  @Mixin private StoreOptions store;

  @Option(
      names = {"--at", "--to"},
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description =
          "the moment reported on, or the end of the period (exclusive): an ISO-8601 instant"
              + " or a date (its start, UTC). Default: now")
  private @Nullable Instant at;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = InstantConverter.class,
      description = "the start of the period, for a report that covers one")
  private @Nullable Instant from;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "json",
      description =
          "json, csv or html (default: ${DEFAULT-VALUE}); not every kind has every format")
  private ReportFormat format = ReportFormat.JSON;

  @Option(
      names = "--framework",
      paramLabel = "NAME",
      defaultValue = "soc2",
      description =
          "for report control: the controls it is arranged by, soc2 (CC6.1-CC6.3) or iso27001"
              + " (A.5.15, A.5.18); default: ${DEFAULT-VALUE}")
  private Framework framework = Framework.SOC2;

  /** The frameworks a control report can be arranged by. */
  enum Framework {
    /** SOC 2 (2017 TSC), CC6.1 to CC6.3. */
    SOC2,
    /** ISO/IEC 27001:2022 Annex A, A.5.15 and A.5.18. */
    ISO27001;

    ControlMapping mapping() {
      return this == SOC2 ? ControlMapping.soc2() : ControlMapping.iso27001();
    }
  }

  @Option(
      names = "--verified-domain",
      paramLabel = "DOMAIN",
      description =
          "for report access: a verified domain of the organisation, e.g. acme.com (repeat for"
              + " several); rows whose person lies outside every one are marked unmanaged. The"
              + " store has no people directory, so a person id that is not an e-mail address is"
              + " marked too")
  private List<String> verifiedDomains = new ArrayList<>();

  @Option(
      names = "--verified-domain-and-subdomains",
      paramLabel = "DOMAIN",
      description = "like --verified-domain, with every subdomain of DOMAIN verified as well")
  private List<String> verifiedSubdomains = new ArrayList<>();

  /** The domains given, or a usage error that says what to write. */
  private dev.accessgov.policy.VerifiedDomains domains() {
    try {
      return dev.accessgov.policy.VerifiedDomains.of(verifiedDomains.toArray(String[]::new))
          .withSubdomainsOf(verifiedSubdomains.toArray(String[]::new));
    } catch (dev.accessgov.AccessConfigurationException e) {
      throw CliException.usage(
          e.getMessage()
              + " (on the command line: --verified-domain-and-subdomains DOMAIN verifies a domain"
              + " with its subdomains)");
    }
  }

  @Option(
      names = {"-k", "--public-key"},
      paramLabel = "FILE",
      description =
          "the checkpoint public key (PEM) obtained from the key holder: the evidence log is"
              + " verified with it and the report states the outcome (without it the report says"
              + " the log was not verified); exit 1 when verification fails")
  private @Nullable Path publicKey;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description =
          "write the report to FILE instead of standard output; FILE must not exist (see"
              + " --force) and is never a symbolic link")
  private @Nullable Path out;

  @Option(
      names = "--force",
      description = "with --out: replace an existing FILE (never through a symbolic link)")
  private boolean force;

  /**
   * Lists every {@link ReportKind} with its formats in {@code usage}'s description, so that a new
   * kind appears in the help without editing it.
   */
  static void describeKinds(UsageMessageSpec usage) {
    List<String> lines = new ArrayList<>(List.of(usage.description()));
    for (ReportKind k : ReportKind.ALL) {
      String formats =
          k.formats().stream()
              .map(f -> f.name().toLowerCase(Locale.ROOT))
              .sorted()
              .collect(Collectors.joining(", "));
      lines.add(String.format("  %-8s %s (%s)", k.name(), k.description(), formats));
    }
    lines.add(
        "Without the application's catalog, an application is the part of a role id before"
            + " '/', and tiers are unknown (null in JSON, empty in CSV).");
    usage.description(lines.toArray(String[]::new));
  }

  @Override
  public Integer call() {
    ReportKind report =
        ReportKind.named(kind)
            .orElseThrow(
                () ->
                    CliException.usage(
                        "unknown report '"
                            + kind
                            + "'; known: "
                            + String.join(
                                ", ", ReportKind.ALL.stream().map(ReportKind::name).toList())));
    if (!report.formats().contains(format)) {
      throw CliException.usage(
          "report " + kind + " is not written as " + format.name().toLowerCase(Locale.ROOT));
    }
    Window times = times(report);
    dev.accessgov.policy.VerifiedDomains domains = domains();
    @Nullable PublicKey trusted = publicKey == null ? null : Keys.publicKey(publicKey);
    if (out != null) {
      OutputPaths.check(out, force); // before the work, and again when writing
    }
    String text;
    Provenance provenance;
    try (StoreOptions.OpenStore opened = store.open()) {
      AccessService access = opened.service(null, domains);
      provenance = provenance(access, trusted, opened.description());
      ReportKind.Request request =
          new ReportKind.Request(times.from(), times.at(), framework.mapping(), provenance);
      text = report.maker().apply(access, request).apply(format);
    }
    write(text);
    if (provenance.verification() == Provenance.Verification.FAILED) {
      // The report is written all the same, saying so at its top; scripts must not miss it.
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "access-cli: the evidence log failed verification: " + provenance.verificationDetail());
      err.flush();
      return ExitCodes.VERIFICATION_FAILED;
    }
    return ExitCodes.OK;
  }

  /**
   * What the report states about the evidence behind it, read from the store it was made from. The
   * log is verified against {@code trusted}, the key the auditor obtained, when one was given.
   */
  private static Provenance provenance(
      AccessService access, @Nullable PublicKey trusted, String storeDescription) {
    EvidenceLog log = access.evidence();
    List<Checkpoint> checkpoints = log.checkpoints();
    long size = log.size();
    Provenance.Builder p = Provenance.builder().treeSize(size).store(storeDescription);
    if (trusted == null) {
      Checkpoint.latest(checkpoints)
          .ifPresent(c -> p.checkpoint(c.time(), signer(c), c.rootHash()));
      return p.notVerified("no public key was given; pass --public-key FILE to verify").build();
    }
    VerificationResult result = EvidenceVerifier.verify(log.events(), checkpoints, trusted);
    // The checkpoint the verification vouches for, or else the latest one stored.
    Checkpoint shown =
        result.latest() != null ? result.latest() : Checkpoint.latest(checkpoints).orElse(null);
    if (shown != null) {
      p.checkpoint(shown.time(), signer(shown), shown.rootHash());
    }
    return p.verification(result).keyFingerprint(Provenance.fingerprint(trusted)).build();
  }

  /** The checkpoint's log and signing keys, as {@code origin (key ID 1a2b3c4d)}. */
  private static String signer(Checkpoint c) {
    return c.origin()
        + " (key ID "
        + String.join(", ", c.signatures().stream().map(s -> s.keyIdHex()).toList())
        + ")";
  }

  /** The moment reported on, or the period: {@code from} is null for a moment. */
  private record Window(@Nullable Instant from, Instant at) {}

  private Window times(ReportKind report) {
    Instant end = at != null ? at : Instant.now();
    if (report.span() == ReportKind.Span.MOMENT && from != null) {
      throw CliException.usage("report " + kind + " describes a moment: give --at, not --from");
    }
    if (report.span() != ReportKind.Span.PERIOD && from == null) {
      return new Window(null, end);
    }
    if (from == null) {
      throw CliException.usage("report " + kind + " covers a period: give --from (and --at)");
    }
    if (!end.isAfter(from)) {
      throw CliException.usage("--from " + from + " must be before --at " + end);
    }
    return new Window(from, end);
  }

  private void write(String text) {
    String ended = text.endsWith("\n") ? text : text + System.lineSeparator();
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(ended);
      stdout.flush();
      return;
    }
    OutputPaths.writeFile(out, ended, force);
  }
}
