package dev.accessgov.cli;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The {@code access-cli} command: an auditor's path through a store is {@code report}, {@code pack}
 * and {@code verify}. Run it as {@code java -jar access-cli-VERSION-all.jar <command> ...}; every
 * command has {@code --help}, and the exit status is one of {@link ExitCodes}.
 */
@Command(
    name = "access-cli",
    mixinStandardHelpOptions = true,
    versionProvider = AccessCli.Version.class,
    description = "Verify, report on and pack access-governance evidence.",
    subcommands = {
      VerifyCommand.class,
      ReportCommand.class,
      RecordCommand.class,
      PackCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "%nAn auditor's path: report access, pack one grant, verify the pack:",
      "  access-cli report access --store data/access --format csv --out access.csv",
      "  access-cli pack <record-id> --store data/access --signing-key key.pem --out pack",
      "  access-cli verify pack --public-key public-key.pem"
    })
public final class AccessCli implements Runnable {
  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  private AccessCli() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(
        commandLine(new PrintWriter(System.out), new PrintWriter(System.err)).execute(args));
  }

  /**
   * The command line, writing results to {@code out} and errors to {@code err}; {@link
   * CommandLine#execute} returns the exit status. For tests and for embedding. Both are wrapped so
   * that control characters from evidence or input are shown escaped ({@link Terminal}).
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    Errors errors = new Errors();
    CommandLine cmd =
        new CommandLine(new AccessCli())
            .setOut(Terminal.safe(out))
            .setErr(Terminal.safe(err))
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(errors)
            .setParameterExceptionHandler(errors);
    CommandLine report = requireNonNull(cmd.getSubcommands().get("report"), "report subcommand");
    ReportCommand.describeKinds(report.getCommandSpec().usageMessage());
    appendExitCodes(cmd);
    return cmd;
  }

  private static void appendExitCodes(CommandLine cmd) {
    UsageMessageSpec usage = cmd.getCommandSpec().usageMessage();
    List<String> footer = new ArrayList<>(List.of(usage.footer()));
    footer.addAll(List.of(ExitCodes.HELP));
    usage.footer(footer.toArray(String[]::new));
    cmd.getSubcommands().values().forEach(AccessCli::appendExitCodes);
  }

  /** Without a command: the usage help, and a usage error. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw CliException.usage("name a command: verify, report, record or pack");
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = AccessCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {
        "access-cli " + properties.getProperty("version", "(unknown version)"),
        "Java ${java.version} (${java.vendor})"
      };
    }
  }
}
