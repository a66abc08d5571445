package dev.accessgov.report;

import static dev.accessgov.report.ReportWorld.FEBRUARY;
import static dev.accessgov.report.ReportWorld.START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.report.Provenance.Verification;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("provenance")
class ProvenanceTest {
  /** The public key of RFC 8032's first Ed25519 test vector, X.509 (SubjectPublicKeyInfo). */
  static final String RFC8032_KEY =
      "302a300506032b6570032100"
          + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

  /**
   * Its fingerprint, from {@code openssl pkey -pubin -inform DER -outform DER | openssl dgst
   * -sha256 -binary | base64}.
   */
  static final String RFC8032_FINGERPRINT = "SHA256:BuP9j9opu2CrWVV95h7bCuzbIxE0vjDnW0Vfjht5L6k=";

  static final Instant CHECKPOINT = Instant.parse("2026-02-28T23:59:58.123Z");

  static PublicKey rfc8032Key() throws Exception {
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(RFC8032_KEY)));
  }

  /** A provenance with every field set. */
  static Provenance full() {
    return Provenance.builder()
        .verification(
            VerificationResult.ok(
                42,
                3,
                CheckpointSigner.generate("example.com/app").sign(42, new byte[32], CHECKPOINT)))
        .treeSize(42)
        .checkpoint(CHECKPOINT, "app-key", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=")
        .keyFingerprint(RFC8032_FINGERPRINT)
        .store("sqlite file /var/lib/app/store")
        .libraryVersion("1.2.3")
        .build();
  }

  @Nested
  @DisplayName("the record")
  class Record {
    @Test
    @DisplayName("a key's fingerprint is SHA256: and the base64 of the SHA-256 of its X.509 form")
    void fingerprint() throws Exception {
      assertThat(Provenance.fingerprint(rfc8032Key())).isEqualTo(RFC8032_FINGERPRINT);
    }

    @Test
    @DisplayName("a key without an X.509 encoding has no fingerprint")
    void rawKey() {
      PublicKey raw =
          new PublicKey() {
            @Override
            public String getAlgorithm() {
              return "Ed25519";
            }

            @Override
            public String getFormat() {
              return "RAW";
            }

            @Override
            public byte[] getEncoded() {
              return new byte[32];
            }
          };
      assertThatThrownBy(() -> Provenance.fingerprint(raw))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("X.509");
    }

    @Test
    @DisplayName("the library version is the one Maven wrote, not unknown")
    void version() {
      assertThat(Provenance.currentVersion()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
      Provenance p = Provenance.builder().treeSize(0).store("in memory").build();
      assertThat(p.libraryVersion()).isEqualTo(Provenance.currentVersion());
    }

    @Test
    @DisplayName("the verifier's answer sets the outcome and the one-line detail")
    void verification() {
      assertThat(full().verification()).isEqualTo(Verification.VERIFIED);
      assertThat(full().verificationDetail())
          .startsWith("evidence log verified: 42 events, 3 checkpoints; signed up to 42");
      Provenance failed =
          Provenance.builder()
              .verification(VerificationResult.failed(16, 1, 17, "hash does not match contents"))
              .treeSize(42)
              .store("x")
              .build();
      assertThat(failed.verification()).isEqualTo(Verification.FAILED);
      assertThat(failed.verificationDetail())
          .isEqualTo("evidence chain broken at sequence 17: hash does not match contents");
      Provenance unset = Provenance.builder().treeSize(42).store("x").build();
      assertThat(unset.verification()).isEqualTo(Verification.NOT_VERIFIED);
      assertThat(unset.verificationDetail()).isEqualTo("no verification was run");
      assertThat(unset.checkpointAt()).isNull();
      assertThat(unset.rootHash()).isNull();
      Provenance why =
          Provenance.builder().notVerified("no key\r\ngiven").treeSize(1).store("x").build();
      assertThat(why.verificationDetail()).isEqualTo("no key given");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "postgresql jdbc:postgresql://auditor:s3cret@db:5432/app?sslmode=require",
          "postgresql jdbc:postgresql://db:5432/app?user=auditor&password=s3cret",
          "h2 jdbc:h2:tcp://db/app;USER=auditor;PASSWORD=s3cret",
          "postgresql jdbc:postgresql://db/app?sslpassword=s3cret&user=auditor"
        })
    @DisplayName("a store's credentials are replaced by ***, its user name kept")
    void redacted(String store) {
      Provenance p = Provenance.builder().treeSize(1).store(store).build();
      assertThat(p.store()).doesNotContain("s3cret").contains("auditor", "***");
      assertThat(
              new Provenance(Verification.NOT_VERIFIED, "x", 1, null, null, null, null, store, "1")
                  .store())
          .as("the constructor redacts too")
          .doesNotContain("s3cret");
    }

    @Test
    @DisplayName("a tree size and a store are required, and nothing may be blank or negative")
    void required() {
      assertThatThrownBy(() -> Provenance.builder().store("x").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("treeSize");
      assertThatThrownBy(() -> Provenance.builder().treeSize(1).build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("store");
      assertThatThrownBy(() -> Provenance.builder().treeSize(-1).store("x").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("treeSize must be >= 0, was -1");
      assertThatThrownBy(() -> Provenance.builder().treeSize(1).store(" ").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("blank");
    }
  }

  @Nested
  @DisplayName("in the HTML page")
  class Html {
    private final ControlReport control =
        ControlReport.of(
            new ReportWorld().scripted().access, Period.of(START, START.plus(Duration.ofDays(1))));

    @Test
    @DisplayName("is the first section, with every fact")
    void shown() {
      String html =
          HtmlReport.builder("Controls")
              .control(control)
              .provenance(full())
              .generatedAt(FEBRUARY)
              .build()
              .render();
      assertThat(html.indexOf("id=\"provenance\"")).isLessThan(html.indexOf("id=\"summary\""));
      assertThat(html)
          .contains("The evidence log was verified: evidence log verified: 42 events")
          .contains("<td>VERIFIED</td>", "<td>42 events</td>")
          .contains("<code>q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=</code>")
          .contains("<td>2026-02-28T23:59:58.123Z</td>", "<code>app-key</code>")
          .contains("<code>" + RFC8032_FINGERPRINT + "</code>")
          .contains("<td>sqlite file /var/lib/app/store</td>", "access-report 1.2.3")
          .doesNotContain("Provenance: not given");
    }

    @Test
    @DisplayName("says plainly when none was given")
    void notGiven() {
      String html = HtmlReport.builder("Controls").control(control).build().render();
      assertThat(html)
          .contains("Provenance: not given — the evidence behind this report was not verified")
          .doesNotContain("<table class=\"provenance\">");
    }

    @Test
    @DisplayName("a failed or missing verification is not shown as verified")
    void failed() {
      Provenance failed =
          Provenance.builder()
              .verification(VerificationResult.failed(16, 1, 17, "hash does not match contents"))
              .treeSize(42)
              .store("x")
              .build();
      Provenance none =
          Provenance.builder()
              .notVerified("no public key was given")
              .treeSize(42)
              .store("x")
              .build();
      assertThat(HtmlReport.builder("C").control(control).provenance(failed).build().render())
          .contains("<strong>The evidence log FAILED verification</strong>: evidence chain broken")
          .doesNotContain("was verified");
      assertThat(HtmlReport.builder("C").control(control).provenance(none).build().render())
          .contains("<strong>The evidence log was not verified</strong>: no public key was given")
          .contains("<td>NOT_VERIFIED</td>", "<td>none</td>");
    }

    @Test
    @DisplayName("escapes every value")
    void escaped() {
      Provenance hostile =
          Provenance.builder()
              .notVerified(HtmlReportTest.SCRIPT)
              .treeSize(1)
              .checkpoint(CHECKPOINT, HtmlReportTest.IMG, HtmlReportTest.SCRIPT)
              .keyFingerprint(HtmlReportTest.IMG)
              .store(HtmlReportTest.SCRIPT)
              .libraryVersion(HtmlReportTest.SCRIPT)
              .build();
      String html = HtmlReport.builder("C").control(control).provenance(hostile).build().render();
      assertThat(html).doesNotContain("<script", "<img");
      assertThat(html).contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;");
    }
  }

  @Nested
  @DisplayName("in JSON")
  class Json {
    private final ReportWorld w = new ReportWorld().scripted();
    private final ObjectMapper mapper = new ObjectMapper();

    private void assertFirst(String json) throws Exception {
      JsonNode root = mapper.readTree(json);
      assertThat(root.fieldNames().next()).isEqualTo("provenance");
      JsonNode p = root.get("provenance");
      assertThat(p.fieldNames())
          .toIterable()
          .containsExactly(
              "verification",
              "verificationDetail",
              "treeSize",
              "rootHash",
              "checkpointAt",
              "keyId",
              "keyFingerprint",
              "store",
              "libraryVersion");
      assertThat(p.get("verification").asText()).isEqualTo("VERIFIED");
      assertThat(p.get("treeSize").asLong()).isEqualTo(42);
      assertThat(p.get("checkpointAt").asText()).isEqualTo("2026-02-28T23:59:58.123Z");
      assertThat(p.get("keyFingerprint").asText()).isEqualTo(RFC8032_FINGERPRINT);
    }

    @Test
    @DisplayName("comes first in every report that is given one")
    void first() throws Exception {
      Period day = Period.of(START, START.plus(Duration.ofDays(1)));
      Instant at = START.plus(Duration.ofHours(3));
      ControlReport control = ControlReport.of(w.access, day);
      AccessReport access = AccessReport.of(w.access, w.catalog, at);
      assertFirst(control.toJson(full()));
      assertFirst(access.toJson(full()));
      assertFirst(OperationalMetrics.of(w.access, w.catalog, at).toJson(full()));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      control.writeJson(out, full());
      assertFirst(out.toString(StandardCharsets.UTF_8));
      out.reset();
      access.writeJson(out, full());
      assertFirst(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("is null in a report that is given none")
    void absent() throws Exception {
      Instant at = START.plus(Duration.ofHours(3));
      JsonNode root = mapper.readTree(AccessReport.of(w.access, w.catalog, at).toJson());
      assertThat(root.fieldNames().next()).isEqualTo("provenance");
      assertThat(root.get("provenance").isNull()).isTrue();
    }
  }
}
