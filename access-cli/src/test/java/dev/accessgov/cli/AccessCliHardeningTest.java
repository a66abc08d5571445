package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.cli.CliWorld.Run;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.jdbc.AccessStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 16: bad input, hostile evidence and hostile paths are refused or made harmless. */
@DisplayName("access-cli hardening")
class AccessCliHardeningTest {
  @TempDir Path dir;
  CliWorld world;

  @BeforeEach
  void setUp() throws IOException {
    world = new CliWorld(dir);
  }

  /** An error is one line on standard error, with no stack trace. */
  private static void oneLineError(Run run, int exit, String text) {
    assertThat(run.exit()).isEqualTo(exit);
    assertThat(run.err()).startsWith("access-cli: ").contains(text).doesNotContain("\tat ");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  @Test
  @DisplayName("verify of an export without checkpoints.jsonl is an input error, exit 2")
  void exportWithoutCheckpoints() throws IOException {
    Files.delete(world.export.resolve(EvidenceExport.CHECKPOINTS));

    Run run =
        CliWorld.run("verify", world.export.toString(), "--public-key", world.publicKey.toString());

    oneLineError(run, ExitCodes.USAGE, EvidenceExport.CHECKPOINTS);
    assertThat(run.err()).doesNotContain("internal error");
  }

  @Test
  @DisplayName("record shows control characters and bidi overrides of evidence escaped")
  void recordEscapesControlCharacters() throws SQLException {
    // The service refuses such a reason now; a store written before, or by hand, may hold one.
    String id = world.carolRead.id().value();
    String raw = "ok\u001b[2J\rforged\u0007 line\u009b\u202eevil café 日本 👍";
    String json = "ok\\u001b[2J\\rforged\\u0007 line\u009b\u202eevil café 日本 👍";
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + world.store.resolve(AccessStores.EMBEDDED_FILE));
        PreparedStatement record =
            c.prepareStatement("UPDATE ag_record SET reason = ? WHERE id = ?");
        PreparedStatement events =
            c.prepareStatement(
                "UPDATE ag_evidence SET details = replace(details, 'left the team', ?)"
                    + " WHERE record_id = ?")) {
      record.setString(1, raw);
      record.setString(2, id);
      assertThat(record.executeUpdate()).isOne();
      events.setString(1, json);
      events.setString(2, id);
      assertThat(events.executeUpdate()).isPositive();
    }

    Run run = CliWorld.run("record", id, "--store", world.store.toString());

    assertThat(run.exit()).isZero();
    String shown = "ok\\u001b[2J\\u000dforged\\u0007 line\\u009b\\u202eevil café 日本 👍";
    assertThat(run.out())
        .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e")
        .doesNotContainPattern("\r(?!\n)")
        .contains("\"" + shown + "\"")
        .contains("reason=" + shown);
  }

  @Test
  @DisplayName("an error echoing input shows its control characters escaped")
  void errorEscapesControlCharacters() {
    Run run = CliWorld.run("verify", "x\u001b]0;owned\u0007", "--public-key", "k.pem");

    assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).doesNotContain("\u001b", "\u0007").contains("x\\u001b]0;owned\\u0007");
  }

  private Run report(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "report", "access", "--store", world.store.toString(), "--out", out.toString()));
    args.addAll(List.of(more));
    return CliWorld.run(args.toArray(String[]::new));
  }

  private Run pack(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "pack",
                world.bobAdmin.id().value(),
                "--store",
                world.store.toString(),
                "--signing-key",
                world.privateKey.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return CliWorld.run(args.toArray(String[]::new));
  }

  @Test
  @DisplayName("report --out refuses an existing file unless --force")
  void reportOutExisting() throws IOException {
    Path out = Files.writeString(dir.resolve("report.json"), "keep me");

    oneLineError(report(out), ExitCodes.USAGE, "already exists; give --force");
    assertThat(out).hasContent("keep me");

    Run forced = report(out, "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(Files.readString(out)).startsWith("{");
  }

  @Test
  @DisplayName("report --out never writes through a symbolic link, even with --force")
  void reportOutSymlink() throws IOException {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), victim);
    Path realDir = Files.createDirectory(dir.resolve("real"));
    Path linkedDir = Files.createSymbolicLink(dir.resolve("linked"), realDir);

    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), dir.resolve("new"));

    oneLineError(report(link, "--force"), ExitCodes.USAGE, "symbolic link");
    oneLineError(report(dangling), ExitCodes.USAGE, "symbolic link");
    oneLineError(report(linkedDir.resolve("r.json")), ExitCodes.USAGE, "symbolic link");
    assertThat(victim).hasContent("keep me");
    assertThat(dir.resolve("new")).doesNotExist();
    assertThat(realDir).isEmptyDirectory();
  }

  @Test
  @DisplayName("pack --out refuses an existing directory unless --force, and a symbolic link")
  void packOut() throws IOException {
    Path existing = Files.createDirectory(dir.resolve("existing"));
    Path realDir = Files.createDirectory(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), realDir);

    oneLineError(pack(existing), ExitCodes.USAGE, "already exists; give --force");
    assertThat(existing).isEmptyDirectory();
    oneLineError(pack(link, "--force"), ExitCodes.USAGE, "symbolic link");
    assertThat(realDir).isEmptyDirectory();

    Run fresh = pack(dir.resolve("fresh"));
    Run forced = pack(existing, "--force");
    assertThat(fresh.exit()).as(fresh.err()).isZero();
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(existing.resolve(EvidenceExport.EVENTS)).isRegularFile();
    assertThat(dir.resolve("fresh").resolve(EvidenceExport.EVENTS)).isRegularFile();
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc:postgresql://auditor:s3cr3tPass@127.0.0.1:1/db",
        "jdbc:postgresql://127.0.0.1:1/db?user=auditor&password=s3cr3tPass&ssl=false",
      })
  @DisplayName("an error never shows a password from the JDBC URL")
  void urlPasswordRedacted(String url) {
    Run run = CliWorld.run("record", "ar-x", "--url", url, "--password-env", "NO_SUCH_VAR_16");

    assertThat(run.exit()).as(run.err()).isNotZero();
    assertThat(run.out() + run.err()).doesNotContain("s3cr3tPass");
    assertThat(run.err()).startsWith("access-cli: ");
  }

  @Test
  @DisplayName("--store with URL syntax in its name is a plain directory, or refused (exit 2)")
  void storeDirectoryIsNotUrlText() throws IOException {
    Path odd = Files.createDirectory(dir.resolve("x;INIT=RUNSCRIPT FROM 'y'"));
    for (String name :
        new String[] {AccessStores.EMBEDDED_FILE, AccessStores.EMBEDDED_FILE + "-wal"}) {
      Path file = world.store.resolve(name);
      if (Files.exists(file)) {
        Files.copy(file, odd.resolve(name));
      }
    }

    Run run = CliWorld.run("record", world.carolRead.id().value(), "--store", odd.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("github/read for carol");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("y", "x");
    }

    Path query = Files.createDirectory(dir.resolve("s?mode=memory"));
    Files.copy(
        world.store.resolve(AccessStores.EMBEDDED_FILE), query.resolve(AccessStores.EMBEDDED_FILE));
    oneLineError(
        CliWorld.run("record", world.carolRead.id().value(), "--store", query.toString()),
        ExitCodes.USAGE,
        "'?'");
  }

  @Test
  @DisplayName("--url on a database without the schema is not a store; nothing is created")
  void urlWithoutSchemaIsNotAStore() throws SQLException {
    String url = "jdbc:h2:file:" + dir.resolve("empty");
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement().execute("CREATE TABLE app_own (id INT)");
    }

    Run run = CliWorld.run("report", "access", "--url", url, "--password-env", "NO_SUCH_VAR_16");

    oneLineError(run, ExitCodes.STORE, "not an access-governance store");
    assertThat(run.out()).isEmpty();
    try (Connection c = DriverManager.getConnection(url);
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                        + " WHERE LOWER(TABLE_NAME) LIKE 'ag\\_%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }
}
