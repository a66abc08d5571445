package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What an auditor brings to {@link EvidenceVerifier}, obtained independently of the evidence: the
 * public keys that may sign the log's checkpoints (several during a key rotation), and checkpoints
 * seen earlier, for example at the last audit or from the published checkpoint directory. The log
 * must contain and extend every earlier checkpoint, so evidence cut back to an older state, or
 * rewritten since, fails.
 *
 * @param keys the trusted Ed25519 public keys; at least one
 * @param earlier checkpoints the auditor already trusts; each must be signed by one of {@code keys}
 */
public record Trusted(List<PublicKey> keys, List<Checkpoint> earlier) {
  /** Copies the lists; checks there is a key and each is Ed25519. */
  public Trusted {
    keys = List.copyOf(requireNonNull(keys, "keys"));
    earlier = List.copyOf(requireNonNull(earlier, "earlier"));
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("verification needs at least one trusted public key");
    }
    keys.forEach(NoteKey::raw);
  }

  /** Trusts checkpoints signed by {@code key}. */
  public static Trusted key(PublicKey key) {
    return new Trusted(List.of(requireNonNull(key, "key")), List.of());
  }

  /** Trusts checkpoints signed by any of {@code keys}. */
  public static Trusted keys(Collection<PublicKey> keys) {
    return new Trusted(List.copyOf(keys), List.of());
  }

  /** The same keys, and the log must also contain and extend {@code checkpoint}. */
  public Trusted since(Checkpoint checkpoint) {
    List<Checkpoint> more = new ArrayList<>(earlier);
    more.add(requireNonNull(checkpoint, "checkpoint"));
    return new Trusted(keys, more);
  }
}
