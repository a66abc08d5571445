package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.cli.CliWorld.Run;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceReader;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.report.Provenance;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("access-cli")
class AccessCliTest {
  @TempDir Path dir;
  CliWorld world;

  @BeforeEach
  void setUp() throws IOException {
    world = new CliWorld(dir);
  }

  private String store() {
    return world.store.toString();
  }

  private String pub() {
    return world.publicKey.toString();
  }

  /** An error is one line on standard error, with no stack trace. */
  private static void oneLineError(Run run, int exit, String text) {
    assertThat(run.exit()).isEqualTo(exit);
    assertThat(run.err()).startsWith("access-cli: ").contains(text).doesNotContain("\tat ");
    assertThat(run.err().strip().lines()).hasSize(1);
  }

  /** Replaces the first {@code from} in {@code file} by {@code to}, of the same length. */
  private static void tamper(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    assertThat(to).hasSameSizeAs(from);
    Files.writeString(file, text.replaceFirst(from, to), StandardCharsets.UTF_8);
  }

  /** The sequence number of the event whose reason is {@code reason}. */
  private static long seqOfReason(Path export, String reason) {
    try (EvidenceReader events = EvidenceExport.readEvents(export)) {
      while (events.hasNext()) {
        EvidenceEvent e = events.next();
        if (reason.equals(e.detailText(EvidenceKeys.REASON))) {
          return e.seq();
        }
      }
    }
    throw new AssertionError("no event with reason " + reason);
  }

  @Nested
  @DisplayName("verify")
  class Verify {
    @Test
    @DisplayName("says OK with the counts of an intact export, and exits 0")
    void exportOk() {
      VerificationResult expected = EvidenceVerifier.verify(world.export, world.key);

      Run run = CliWorld.run("verify", world.export.toString(), "--public-key", pub());

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .startsWith("OK: evidence export in " + world.export)
          .contains(
              expected.eventsChecked()
                  + " events and "
                  + expected.checkpointsChecked()
                  + " checkpoints verified");
      assertThat(expected.checkpointsChecked()).isEqualTo(2);
      assertThat(run.err()).isEmpty();
    }

    @Test
    @DisplayName("names the first bad sequence of an export with one changed byte, and exits 1")
    void exportTampered() throws IOException {
      long seq = seqOfReason(world.export, "release window");
      tamper(world.export.resolve(EvidenceExport.EVENTS), "release window", "releasE window");

      Run run = CliWorld.run("verify", world.export.toString(), "--public-key", pub());

      assertThat(run.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(run.out())
          .isEqualTo(
              "FAILED: evidence chain broken at sequence "
                  + seq
                  + ": hash does not match contents"
                  + System.lineSeparator());
    }

    @Test
    @DisplayName("fails a valid key that did not sign the checkpoints, and exits 1")
    void wrongKey() throws IOException {
      Path other =
          Files.writeString(
              dir.resolve("other.pem"), EvidenceExport.toPem(CliWorld.ed25519().getPublic()));

      Run run = CliWorld.run("verify", world.export.toString(), "--public-key", other.toString());

      assertThat(run.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(run.out())
          .startsWith("FAILED: evidence chain broken at sequence ")
          .contains("is not signed by a trusted key (signed by app-key (key ID ");
    }

    @Test
    @DisplayName("refuses a file that is not a public key, and exits 2")
    void notAKey() throws IOException {
      Path text = Files.writeString(dir.resolve("notes.txt"), "hello auditor\n");
      Path binary = Files.write(dir.resolve("key.der"), new byte[] {(byte) 0xff, 0, 1, 2});

      oneLineError(
          CliWorld.run("verify", world.export.toString(), "-k", text.toString()),
          ExitCodes.USAGE,
          "is not a PEM public key");
      oneLineError(
          CliWorld.run("verify", world.export.toString(), "-k", binary.toString()),
          ExitCodes.USAGE,
          "is not a PEM public key");
      oneLineError(
          CliWorld.run("verify", world.export.toString(), "-k", world.privateKey.toString()),
          ExitCodes.USAGE,
          "is not a PEM public key");
      oneLineError(
          CliWorld.run("verify", world.export.toString(), "-k", dir.resolve("nope.pem").toString()),
          ExitCodes.USAGE,
          "does not exist");
    }

    @Test
    @DisplayName("refuses a missing directory, and one that holds no evidence, and exits 2")
    void missingDirectory() throws IOException {
      oneLineError(
          CliWorld.run("verify", dir.resolve("nowhere").toString(), "--public-key", pub()),
          ExitCodes.USAGE,
          "directory " + dir.resolve("nowhere") + " does not exist");
      Path empty = Files.createDirectory(dir.resolve("empty"));
      oneLineError(
          CliWorld.run("verify", empty.toString(), "--public-key", pub()),
          ExitCodes.USAGE,
          "is neither an export nor a pack");
    }

    @Test
    @DisplayName("wants the public key, with a usage error naming the option")
    void needsKey() {
      oneLineError(
          CliWorld.run("verify", world.export.toString()),
          ExitCodes.USAGE,
          "Missing required option: '--public-key=FILE'");
    }
  }

  @Nested
  @DisplayName("pack, then verify the pack")
  class Pack {
    private Path pack;

    @BeforeEach
    void pack() {
      pack = dir.resolve("pack");
      Run run =
          CliWorld.run(
              "pack",
              world.bobAdmin.id().value(),
              "--store",
              store(),
              "--signing-key",
              world.privateKey.toString(),
              "--out",
              pack.toString());
      assertThat(run.err()).isEmpty();
      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .startsWith("wrote the evidence pack of record " + world.bobAdmin.id())
          .as("signed under the origin of the log's earlier checkpoints")
          .contains("by key 'app-key' (key ID ");
    }

    @Test
    @DisplayName("verifies an intact pack with the application's public key")
    void ok() {
      Run run = CliWorld.run("verify", pack.toString(), "--public-key", pub());

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .startsWith("OK: evidence pack of record " + world.bobAdmin.id())
          .contains("3 checkpoints verified; every event of the record is signed");
    }

    @Test
    @DisplayName("fails a pack with one changed byte, naming the sequence")
    void tampered() throws IOException {
      long seq = seqOfReason(pack, "release window");
      tamper(pack.resolve(EvidenceExport.EVENTS), "release window", "release windoW");

      Run run = CliWorld.run("verify", pack.toString(), "--public-key", pub());

      assertThat(run.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(run.out())
          .startsWith("FAILED: evidence pack of record " + world.bobAdmin.id())
          .contains("broken at sequence " + seq + ": hash does not match contents");
    }

    @Test
    @DisplayName("fails a pack whose manifest hides an event of the record")
    void manifestTampered() throws IOException {
      Path manifest = pack.resolve("record.json");
      String text = Files.readString(manifest);
      String hidden = text.replaceFirst("(\"sequences\"\\s*:\\s*\\[)\\s*\\d+\\s*,", "$1");
      assertThat(hidden).isNotEqualTo(text);
      Files.writeString(manifest, hidden);

      Run run = CliWorld.run("verify", pack.toString(), "--public-key", pub());

      assertThat(run.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(run.out()).contains("is not listed in record.json");
    }

    @Test
    @DisplayName("packs a review campaign's records, and the pack verifies")
    void campaign() {
      Path out = dir.resolve("campaign-pack");
      Run pack =
          CliWorld.run(
              "pack",
              "--campaign",
              world.campaignId,
              "--store",
              store(),
              "--signing-key",
              world.privateKey.toString(),
              "--out",
              out.toString());
      Run verify =
          CliWorld.run("verify", out.toString(), "--public-key", world.publicKey.toString());

      assertThat(pack.exit()).as(pack.err()).isZero();
      assertThat(pack.out()).contains("campaign " + world.campaignId, "of 1 record in a chain");
      assertThat(verify.exit()).as(verify.out()).isZero();
      assertThat(verify.out())
          .startsWith("OK: evidence pack of campaign " + world.campaignId)
          .contains("every event of its records is signed");
      oneLineError(
          CliWorld.run(
              "pack",
              "--campaign",
              "rc-nope",
              "--store",
              store(),
              "--signing-key",
              world.privateKey.toString(),
              "--out",
              out.toString(),
              "--force"),
          ExitCodes.USAGE,
          "no review decision of campaign rc-nope");
      oneLineError(
          CliWorld.run(
              "pack",
              "--store",
              store(),
              "--signing-key",
              world.privateKey.toString(),
              "--out",
              out.toString()),
          ExitCodes.USAGE,
          "give either a RECORD_ID or --campaign CAMPAIGN_ID");
    }

    @Test
    @DisplayName("refuses a public key as signing key, and an unknown record, with exit 2")
    void badInput() {
      oneLineError(
          CliWorld.run(
              "pack",
              world.bobAdmin.id().value(),
              "--store",
              store(),
              "--signing-key",
              pub(),
              "--out",
              dir.resolve("p2").toString()),
          ExitCodes.USAGE,
          "holds a public key; signing needs the private key");
      oneLineError(
          CliWorld.run(
              "pack",
              "no-such-record",
              "--store",
              store(),
              "--signing-key",
              world.privateKey.toString(),
              "--out",
              dir.resolve("p3").toString()),
          ExitCodes.USAGE,
          "no access record no-such-record");
    }
  }

  @Nested
  @DisplayName("report")
  class Report {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    @DisplayName("access as JSON: the active grants, application from the role id, no tier")
    void accessJson() throws Exception {
      Run run = CliWorld.run("report", "access", "--store", store());

      assertThat(run.exit()).isZero();
      assertThat(run.err()).isEmpty();
      JsonNode root = mapper.readTree(run.out());
      assertThat(root.get("applications")).hasSize(1);
      JsonNode github = root.get("applications").get(0);
      assertThat(github.get("application").asText()).isEqualTo("github");
      assertThat(github.get("name").asText()).isEqualTo("github");
      assertThat(github.get("grants")).hasSize(2);
      JsonNode admin = github.get("grants").get(0);
      assertThat(admin.get("role").asText()).isEqualTo("github/admin");
      assertThat(admin.get("tier").isNull()).isTrue();
      assertThat(admin.get("groups").toString()).isEqualTo("[\"okta:gh-admin\",\"okta:gh-audit\"]");
      assertThat(admin.get("approvedBy").get(0).asText()).isEqualTo("olivia");
      assertThat(run.out()).doesNotContain(world.carolRead.id().value());
    }

    @Test
    @DisplayName("access as CSV to a file, as of a moment before any grant")
    void accessCsv() throws Exception {
      Path csv = dir.resolve("access.csv");

      Run run =
          CliWorld.run("report", "access", "--store", store(), "-f", "csv", "-o", csv.toString());
      Run before =
          CliWorld.run(
              "report", "access", "--store", store(), "--format=CSV", "--at", "2026-01-04");

      assertThat(run.exit()).isZero();
      assertThat(run.out()).isEmpty();
      String text = Files.readString(csv);
      String[] lines = text.split("\r\n");
      assertThat(lines).hasSize(3);
      assertThat(lines[0]).startsWith("application,application_name,role,tier,person");
      assertThat(text).contains("github,github,github/admin,,bob,\"okta:gh-admin; okta:gh-audit\"");
      assertThat(before.exit()).isZero();
      assertThat(before.out().strip().lines()).hasSize(1);
    }

    @Test
    @DisplayName("access marks unmanaged accounts when given the verified domains")
    void accessUnmanaged() throws Exception {
      Run plain = CliWorld.run("report", "access", "--store", store(), "-f", "csv");
      Run judged =
          CliWorld.run(
              "report", "access", "--store", store(), "-f", "csv", "--verified-domain", "acme.com");
      Run bad =
          CliWorld.run("report", "access", "--store", store(), "--verified-domain", "*.acme.com");

      assertThat(plain.out().strip().lines().skip(1)).isNotEmpty().allMatch(l -> l.endsWith(",no"));
      assertThat(judged.exit()).isZero();
      assertThat(judged.out().strip().lines().findFirst().orElseThrow()).endsWith(",unmanaged");
      // The store has no people directory: a plain person id shows no address in the domain.
      assertThat(judged.out().strip().lines().skip(1))
          .isNotEmpty()
          .allMatch(l -> l.endsWith(",yes"));
      assertThat(bad.exit()).isEqualTo(ExitCodes.USAGE);
      assertThat(bad.err()).contains("wildcard", "--verified-domain-and-subdomains");
    }

    @Test
    @DisplayName("metrics as JSON")
    void metrics() throws Exception {
      Run run =
          CliWorld.run("report", "metrics", "--store", store(), "--at", "2026-01-06T00:00:00Z");

      assertThat(run.exit()).isZero();
      JsonNode root = mapper.readTree(run.out());
      assertThat(root.get("at").asText()).isEqualTo("2026-01-06T00:00:00Z");
      JsonNode github = root.get("applications").get(0);
      assertThat(github.get("application").asText()).isEqualTo("github");
      assertThat(github.get("records").asInt()).isEqualTo(3);
      assertThat(github.get("removalLag").get("count").asInt()).isEqualTo(1);

      Run later =
          CliWorld.run(
              "report",
              "metrics",
              "--store",
              store(),
              "--from",
              "2026-01-05T09:30:00Z",
              "--at",
              "2026-01-06");
      assertThat(later.exit()).as(later.err()).isZero();
      JsonNode within = mapper.readTree(later.out());
      assertThat(within.get("from").asText()).isEqualTo("2026-01-05T09:30:00Z");
      assertThat(within.get("applications").get(0).get("records").asInt())
          .as("every request was made at 09:00")
          .isZero();
    }

    @Test
    @DisplayName("control as JSON for a period: requests with approvals, the revoke with its lag")
    void controlJson() throws Exception {
      Run run =
          CliWorld.run(
              "report",
              "control",
              "--store",
              store(),
              "--from",
              "2026-01-05",
              "--at",
              "2026-01-06");

      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode root = mapper.readTree(run.out());
      assertThat(root.at("/period/from").asText()).isEqualTo("2026-01-05T00:00:00Z");
      assertThat(root.at("/controls/1/id").asText()).isEqualTo("CC6.2");
      assertThat(root.at("/summary/grants").asInt()).isEqualTo(3);
      assertThat(root.at("/summary/approvedByPerson").asInt()).isEqualTo(1);
      assertThat(root.at("/sections/grants/1/approvals/0/by").asText()).isEqualTo("olivia");
      JsonNode revoke = root.at("/sections/removals/0");
      assertThat(revoke.get("recordId").asText()).isEqualTo(world.carolRead.id().value());
      assertThat(revoke.get("trigger").asText()).isEqualTo("REVOKED");
      assertThat(revoke.get("lag").asText()).isEqualTo("PT0S");

      Run iso =
          CliWorld.run(
              "report",
              "control",
              "--store",
              store(),
              "--from",
              "2026-01-05",
              "--at",
              "2026-01-06",
              "--framework",
              "iso27001");
      assertThat(iso.exit()).as(iso.err()).isZero();
      JsonNode isoJson = mapper.readTree(iso.out());
      assertThat(isoJson.at("/framework").asText()).isEqualTo("ISO/IEC 27001:2022");
      assertThat(isoJson.at("/controls/1/id").asText()).isEqualTo("A.5.18");
      assertThat(isoJson.at("/sections/removals").toString())
          .isEqualTo(root.at("/sections/removals").toString());
    }

    /** The export's checkpoints: every checkpoint the store held when the world was made. */
    private Checkpoint latestCheckpoint() {
      return EvidenceExport.readCheckpoints(world.export).stream()
          .max(Comparator.comparing(Checkpoint::time).thenComparingLong(Checkpoint::size))
          .orElseThrow();
    }

    private long treeSize() {
      long n = 0;
      try (EvidenceReader events = EvidenceExport.readEvents(world.export)) {
        while (events.hasNext()) {
          events.next();
          n++;
        }
      }
      return n;
    }

    private Run control(String... more) {
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "report",
                  "control",
                  "--store",
                  store(),
                  "--from",
                  "2026-01-05",
                  "--at",
                  "2026-01-06"));
      args.addAll(List.of(more));
      return CliWorld.run(args.toArray(String[]::new));
    }

    @Test
    @DisplayName("with --public-key states the evidence behind it: verified, size, checkpoint, key")
    void provenanceVerified() throws Exception {
      Run run = control("-k", pub());

      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode root = mapper.readTree(run.out());
      assertThat(root.fieldNames().next()).isEqualTo("provenance");
      JsonNode p = root.get("provenance");
      Checkpoint latest = latestCheckpoint();
      assertThat(p.get("verification").asText()).isEqualTo("VERIFIED");
      assertThat(p.get("verificationDetail").asText())
          .startsWith(
              "evidence log verified: " + treeSize() + " events, 2 checkpoints; signed up to");
      assertThat(p.get("treeSize").asLong()).isEqualTo(treeSize());
      assertThat(p.get("checkpointAt").asText()).isEqualTo(latest.time().toString());
      assertThat(p.get("keyId").asText()).startsWith("app-key (key ID ");
      assertThat(p.get("rootHash").asText()).isEqualTo(latest.rootHash());
      assertThat(p.get("keyFingerprint").asText()).isEqualTo(Provenance.fingerprint(world.key));
      assertThat(p.get("store").asText())
          .isEqualTo("embedded store " + world.store.toAbsolutePath().normalize());
      assertThat(p.get("libraryVersion").asText())
          .isEqualTo(Provenance.currentVersion())
          .isNotEqualTo("unknown");
    }

    @Test
    @DisplayName("without --public-key says the evidence was not verified, and how to verify it")
    void provenanceNotVerified() throws Exception {
      Run json = control();
      Run html = control("-f", "html");

      assertThat(json.exit()).as(json.err()).isZero();
      JsonNode p = mapper.readTree(json.out()).get("provenance");
      assertThat(p.get("verification").asText()).isEqualTo("NOT_VERIFIED");
      assertThat(p.get("verificationDetail").asText()).contains("--public-key");
      assertThat(p.get("keyFingerprint").isNull()).isTrue();
      assertThat(p.get("keyId").asText())
          .as("the checkpoint is still named")
          .startsWith("app-key (key ID ");
      assertThat(html.exit()).as(html.err()).isZero();
      assertThat(html.out())
          .contains("<strong>The evidence log was not verified</strong>: no public key was given")
          .contains("Reconcile did not run in this period")
          .doesNotContainIgnoringCase("no drift found");
    }

    @Test
    @DisplayName("a key that did not sign the checkpoints fails verification: said, and exit 1")
    void provenanceFailed() throws Exception {
      Path other =
          Files.writeString(
              dir.resolve("other.pem"), EvidenceExport.toPem(CliWorld.ed25519().getPublic()));

      Run run = control("-f", "html", "--public-key", other.toString());
      Run access = CliWorld.run("report", "access", "--store", store(), "-k", other.toString());

      assertThat(run.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(run.out()).contains("<strong>The evidence log FAILED verification</strong>");
      assertThat(run.err())
          .startsWith("access-cli: the evidence log failed verification: evidence chain broken");
      assertThat(access.exit()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
      assertThat(mapper.readTree(access.out()).at("/provenance/verification").asText())
          .isEqualTo("FAILED");
    }

    @Test
    @DisplayName("a store opened by URL is named without its password")
    void provenanceStoreRedacted() throws Exception {
      Path db = dir.resolve("h2store");
      org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
      h2.setURL("jdbc:h2:file:" + db);
      h2.setUser("auditor");
      h2.setPassword("s3cretPass");
      AccessStores.jdbc(h2).close();

      Run run =
          CliWorld.run(
              "report",
              "metrics",
              "--url",
              "jdbc:h2:file:" + db + ";USER=auditor;PASSWORD=s3cretPass",
              "--password-env",
              "NO_SUCH_VAR_16");

      assertThat(run.exit()).as(run.err()).isZero();
      JsonNode p = mapper.readTree(run.out()).get("provenance");
      assertThat(p.get("store").asText())
          .isEqualTo("jdbc:h2:file:" + db + ";USER=auditor;PASSWORD=***")
          .doesNotContain("s3cretPass");
      assertThat(p.get("treeSize").asLong()).isZero();
      assertThat(p.get("checkpointAt").isNull()).isTrue();
    }

    @Test
    @DisplayName("control, access and metrics as one self-contained HTML page each")
    void html() throws Exception {
      Path page = dir.resolve("control.html");
      Run control =
          CliWorld.run(
              "report",
              "control",
              "--store",
              store(),
              "--from",
              "2026-01-05",
              "--at",
              "2026-01-06",
              "-f",
              "html",
              "-o",
              page.toString());
      Run access = CliWorld.run("report", "access", "--store", store(), "-f", "html");
      Run metrics = CliWorld.run("report", "metrics", "--store", store(), "--format=html");

      assertThat(List.of(control.exit(), access.exit(), metrics.exit())).containsOnly(0);
      assertThat(Files.readString(page))
          .startsWith("<!DOCTYPE html>")
          .contains("CC6.3", world.carolRead.id().value(), "<svg");
      assertThat(access.out()).contains("<h2>Who has access</h2>", "okta:gh-admin");
      assertThat(metrics.out()).contains("<h2>Operational metrics</h2>");
    }

    @Test
    @DisplayName("retrospective of a period as JSON, CSV and HTML")
    void retrospective() throws Exception {
      Run json =
          CliWorld.run(
              "report",
              "retrospective",
              "--store",
              store(),
              "--from",
              "2026-01-01",
              "--at",
              "2026-02-01");
      Run csv =
          CliWorld.run(
              "report",
              "retrospective",
              "--store",
              store(),
              "--from",
              "2026-01-01",
              "--format=csv");
      Run html =
          CliWorld.run(
              "report",
              "retrospective",
              "--store",
              store(),
              "--from",
              "2026-01-01",
              "--format=html");

      assertThat(List.of(json.exit(), csv.exit(), html.exit())).as(json.err()).containsOnly(0);
      JsonNode root = mapper.readTree(json.out());
      assertThat(root.get("provenance").isObject()).isTrue();
      assertThat(root.get("period").get("from").asText()).isEqualTo("2026-01-01T00:00:00Z");
      assertThat(root.get("teams").asText()).isEqualTo("none");
      assertThat(root.get("shares").has("shareUsed")).isTrue();
      assertThat(csv.out()).startsWith("table,name,measure,value");
      assertThat(html.out()).contains("<section id=\"retrospective\">");
      oneLineError(
          CliWorld.run("report", "retrospective", "--store", store()),
          ExitCodes.USAGE,
          "report retrospective covers a period: give --from (and --at)");
    }

    @Test
    @DisplayName("refuses an unknown kind, a format the kind lacks, a bad time and --from")
    void badUsage() {
      oneLineError(
          CliWorld.run("report", "everything", "--store", store()),
          ExitCodes.USAGE,
          "unknown report 'everything'; known: access, control, metrics, retrospective");
      oneLineError(
          CliWorld.run("report", "control", "--store", store(), "--at", "2026-01-06"),
          ExitCodes.USAGE,
          "report control covers a period: give --from (and --at)");
      oneLineError(
          CliWorld.run(
              "report",
              "control",
              "--store",
              store(),
              "--from",
              "2026-01-06",
              "--at",
              "2026-01-05"),
          ExitCodes.USAGE,
          "must be before --at");
      oneLineError(
          CliWorld.run("report", "metrics", "--store", store(), "--format", "csv"),
          ExitCodes.USAGE,
          "report metrics is not written as csv");
      oneLineError(
          CliWorld.run("report", "access", "--store", store(), "--at", "yesterday"),
          ExitCodes.USAGE,
          "'yesterday' is not a moment");
      oneLineError(
          CliWorld.run("report", "access", "--store", store(), "--from", "2026-01-01"),
          ExitCodes.USAGE,
          "describes a moment");
      oneLineError(CliWorld.run("report", "access"), ExitCodes.USAGE, "Missing required argument");
    }

    @Test
    @DisplayName("refuses a store directory that is missing or holds no store")
    void missingStore() throws IOException {
      oneLineError(
          CliWorld.run("report", "access", "--store", dir.resolve("nowhere").toString()),
          ExitCodes.USAGE,
          "store directory " + dir.resolve("nowhere") + " does not exist");
      Path empty = Files.createDirectory(dir.resolve("empty"));
      oneLineError(
          CliWorld.run("report", "access", "--store", empty.toString()),
          ExitCodes.USAGE,
          "holds no access store");
      assertThat(Files.list(empty)).isEmpty();
    }

    @Test
    @DisplayName("refuses a store migrated by a newer access-jdbc, with exit 3")
    void newerSchema() throws SQLException {
      AccessStores.embedded(world.store).close();
      try (Connection c =
              DriverManager.getConnection("jdbc:sqlite:" + world.store.resolve("access.db"));
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "INSERT INTO \"ag_schema_history\" (\"installed_rank\", \"version\", \"description\","
                + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\","
                + " \"success\") VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0,"
                + " 'test', 1, 1)");
      }

      oneLineError(
          CliWorld.run("report", "access", "--store", store()),
          ExitCodes.STORE,
          "the store cannot be used: ");
      assertThat(CliWorld.run("record", "x", "--store", store()).err()).contains("version 99");
    }
  }

  @Nested
  @DisplayName("record")
  class Record {
    @Test
    @DisplayName("prints the five audit answers with their evidence, and the timeline")
    void answers() {
      Run run = CliWorld.run("record", world.carolRead.id().value(), "--store", store());

      assertThat(run.exit()).isZero();
      assertThat(run.out())
          .startsWith("record " + world.carolRead.id() + ": github/read for carol, REVOKED")
          .contains("1. requested:   alice requested github/read for carol")
          .contains("2. approved:    approved by system:policy")
          .contains("3. provisioned: okta:gh-read ADDED")
          .contains("4. ends:        ended at 2026-01-05T10:00:00Z (REVOKED)")
          .contains("5. removed:     REVOKED by person:olivia")
          .contains("complete: every answer")
          .contains("Timeline (" + world.carolRead.timeline().size() + " events)")
          .contains("REVOKED")
          .contains("reason=left the team");
      assertThat(run.out()).containsPattern("\\[evidence \\d+(, \\d+)*\\]");
    }

    @Test
    @DisplayName("marks an answer not yet due")
    void notYet() {
      Run run = CliWorld.run("record", world.bobAdmin.id().value(), "--store", store());

      assertThat(run.out()).contains("5. removed:     (not yet) not removed: ACTIVE");
    }

    @Test
    @DisplayName("refuses an unknown record id with exit 2")
    void unknown() {
      oneLineError(
          CliWorld.run("record", "no-such-record", "--store", store()),
          ExitCodes.USAGE,
          "access-cli: no access record no-such-record");
    }
  }

  @ParameterizedTest(name = "{0} --help")
  @ValueSource(strings = {"verify", "report", "record", "pack"})
  @DisplayName("every command has --help, listing the exit codes, and exits 0")
  void help(String command) {
    Run run = CliWorld.run(command, "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("Usage: access-cli " + command)
        .contains("Exit status:")
        .contains("1  verification failed")
        .contains("3  the store cannot be used");
  }

  @Test
  @DisplayName("--help and --version of the tool exit 0; no command is a usage error")
  void topLevel() {
    Run help = CliWorld.run("--help");
    Run version = CliWorld.run("--version");
    Run none = CliWorld.run();

    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("verify", "report", "record", "pack", "An auditor's path");
    assertThat(version.exit()).isZero();
    assertThat(version.out()).startsWith("access-cli 0.1.0-SNAPSHOT");
    assertThat(none.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err()).contains("access-cli: name a command");
  }
}
