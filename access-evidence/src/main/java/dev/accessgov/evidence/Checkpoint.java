package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A signed statement that the evidence chain had {@code size} events ending in {@code headHash} at
 * {@code time}. The signature is Ed25519 over the canonical JSON of {@code {"headHash", "size",
 * "time", "keyId"}} (see {@link CanonicalJson#checkpointBody}); the private key never enters the
 * store, so whoever can write the store cannot forge a checkpoint.
 *
 * @param size number of events covered, from 1
 * @param headHash hash of event {@code size}
 * @param time when the checkpoint was signed
 * @param keyId names the signing key, so verifiers can pick the matching public key
 * @param signature base64 of the Ed25519 signature
 */
public record Checkpoint(long size, String headHash, Instant time, String keyId, String signature) {
  /** Checks the fields' shape; {@link EvidenceVerifier} checks the signature. */
  public Checkpoint {
    if (size < 1) {
      throw new IllegalArgumentException("checkpoint size must be >= 1, was " + size);
    }
    requireNonNull(headHash, "headHash");
    time = requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
    requireNonNull(keyId, "keyId");
    requireNonNull(signature, "signature");
  }
}
