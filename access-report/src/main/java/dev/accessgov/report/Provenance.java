package dev.accessgov.report;

import static java.util.Objects.requireNonNull;

import dev.accessgov.evidence.NoteKey;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.report.internal.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The evidence behind a report, as the report states it at its top: whether the evidence log was
 * verified and with what outcome, how many events it held, the latest signed checkpoint, the key
 * that signed it, the store it was read from and the library version that made the report. A report
 * without one says so instead ({@link HtmlReport.Builder#provenance}, the {@code
 * toJson(Provenance)} forms of {@link AccessReport}, {@link ControlReport} and {@link
 * OperationalMetrics}).
 *
 * <pre>{@code
 * Provenance p = Provenance.builder()
 *     .verification(access.evidence().verify())
 *     .treeSize(access.evidence().size())
 *     .checkpoint(latest.time(), latest.origin(), latest.rootHash())
 *     .keyFingerprint(Provenance.fingerprint(trustedKey))
 *     .store("postgresql jdbc:postgresql://db:5432/app")
 *     .build();
 * }</pre>
 *
 * @param verification whether the log was verified, and the outcome
 * @param verificationDetail the verifier's one-line answer, or why no verification was run
 * @param treeSize how many events the evidence log held
 * @param rootHash the Merkle root hash the latest checkpoint signs (base64, as in the checkpoint),
 *     or null when there is no checkpoint
 * @param checkpointAt when the latest checkpoint was signed, or null when there is none
 * @param keyId the id of the key that signed the latest checkpoint, or null when there is none
 * @param keyFingerprint the fingerprint ({@link #fingerprint(PublicKey)}) of the public key the log
 *     was verified with, or null when no key was given
 * @param store where the evidence was read from; credentials in it are replaced by {@code ***}
 * @param libraryVersion the version of access-report that made the report
 */
public record Provenance(
    Verification verification,
    String verificationDetail,
    long treeSize,
    @Nullable String rootHash,
    @Nullable Instant checkpointAt,
    @Nullable String keyId,
    @Nullable String keyFingerprint,
    String store,
    String libraryVersion) {

  private static final String UNKNOWN_VERSION = "unknown";

  /** Whether the evidence log behind a report was verified. */
  public enum Verification {
    /** Every event and checkpoint passed the verifier. */
    VERIFIED,
    /** The verifier found a problem; the detail names it. */
    FAILED,
    /** No verification was run; the detail says why. */
    NOT_VERIFIED
  }

  /**
   * Checks the fields, makes the detail one line and takes credentials out of {@code store}.
   *
   * @throws IllegalArgumentException when {@code treeSize} is negative or a text is blank
   */
  public Provenance {
    requireNonNull(verification, "verification");
    verificationDetail = oneLine(requireNonNull(verificationDetail, "verificationDetail"));
    if (treeSize < 0) {
      throw new IllegalArgumentException("treeSize must be >= 0, was " + treeSize);
    }
    store = Credentials.redact(oneLine(requireNonNull(store, "store")));
    requireNonNull(libraryVersion, "libraryVersion");
    for (String text : new String[] {verificationDetail, store, libraryVersion}) {
      if (text.isBlank()) {
        throw new IllegalArgumentException(
            "verificationDetail, store and libraryVersion must not be blank");
      }
    }
  }

  /** A builder; see each setter for its default. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The fingerprint of {@code key}: {@code SHA256:} and the base64 (with padding) of the SHA-256 of
   * its X.509 SubjectPublicKeyInfo encoding, so that {@code openssl pkey -pubin -in key.pem
   * -outform DER | openssl dgst -sha256 -binary | base64} gives the same text.
   *
   * <p>It is the same as {@link NoteKey#fingerprint()}.
   *
   * @throws IllegalArgumentException when the key is not an Ed25519 key
   */
  public static String fingerprint(PublicKey key) {
    return NoteKey.fingerprint(requireNonNull(key, "key"));
  }

  /**
   * The version of access-report on the class path: the one Maven wrote into its {@code
   * version.properties}, else the jar manifest's {@code Implementation-Version}, else {@code
   * unknown}.
   */
  public static String currentVersion() {
    try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties properties = new Properties();
        properties.load(in);
        String version = properties.getProperty("version", "").strip();
        // Unfiltered (an IDE copying the resource as it is) is no version.
        if (!version.isEmpty() && !version.startsWith("${")) {
          return version;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read access-report's version.properties", e);
    }
    String manifest = Provenance.class.getPackage().getImplementationVersion();
    return manifest != null && !manifest.isBlank() ? manifest : UNKNOWN_VERSION;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Collects a {@link Provenance}; {@link #treeSize} and {@link #store} are required. */
  public static final class Builder {
    private Verification verification = Verification.NOT_VERIFIED;
    private String verificationDetail = "no verification was run";
    private @Nullable Long treeSize;
    private @Nullable String rootHash;
    private @Nullable Instant checkpointAt;
    private @Nullable String keyId;
    private @Nullable String keyFingerprint;
    private @Nullable String store;
    private @Nullable String libraryVersion;

    private Builder() {}

    /**
     * The verifier's answer: {@link Verification#VERIFIED} or {@link Verification#FAILED}, with its
     * one-line text. Default: {@link Verification#NOT_VERIFIED}, "no verification was run".
     */
    public Builder verification(VerificationResult result) {
      requireNonNull(result, "result");
      this.verification = result.valid() ? Verification.VERIFIED : Verification.FAILED;
      this.verificationDetail = result.toString();
      return this;
    }

    /** Says that the log was not verified, and why (e.g. "no public key was given"). */
    public Builder notVerified(String why) {
      this.verification = Verification.NOT_VERIFIED;
      this.verificationDetail = requireNonNull(why, "why");
      return this;
    }

    /** How many events the evidence log held. Required. */
    public Builder treeSize(long size) {
      this.treeSize = size;
      return this;
    }

    /**
     * The latest checkpoint: when it was signed, the id of the key that signed it and the root hash
     * it signs (opaque text, shown as given). Default: none.
     */
    public Builder checkpoint(Instant at, String keyId, String rootHash) {
      this.checkpointAt = requireNonNull(at, "at");
      this.keyId = requireNonNull(keyId, "keyId");
      this.rootHash = requireNonNull(rootHash, "rootHash");
      return this;
    }

    /**
     * The fingerprint of the public key the log was verified with; see {@link
     * Provenance#fingerprint(PublicKey)}. Default: none.
     */
    public Builder keyFingerprint(String fingerprint) {
      this.keyFingerprint = requireNonNull(fingerprint, "fingerprint");
      return this;
    }

    /**
     * Where the evidence was read from, e.g. {@code sqlite file /var/lib/app/store} or a JDBC URL;
     * credentials in it are replaced by {@code ***}. Required.
     */
    public Builder store(String description) {
      this.store = requireNonNull(description, "description");
      return this;
    }

    /** The version that made the report. Default: {@link Provenance#currentVersion()}. */
    public Builder libraryVersion(String version) {
      this.libraryVersion = requireNonNull(version, "version");
      return this;
    }

    /**
     * The provenance.
     *
     * @throws IllegalStateException when the tree size or the store was not given
     * @throws IllegalArgumentException as the record's constructor does
     */
    public Provenance build() {
      if (treeSize == null || store == null) {
        throw new IllegalStateException(
            "a provenance needs treeSize(the evidence log's event count) and store(where it was"
                + " read from)");
      }
      return new Provenance(
          verification,
          verificationDetail,
          treeSize,
          rootHash,
          checkpointAt,
          keyId,
          keyFingerprint,
          store,
          libraryVersion != null ? libraryVersion : currentVersion());
    }
  }
}
