package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * An offline proof that one event is in the log: a C2SP {@code tlog-proof} (c2sp.org/tlog-proof),
 * the event's leaf index, its inclusion path and the signed checkpoint the path leads to:
 *
 * <pre>
 * c2sp.org/tlog-proof@v1
 * index 41
 * &lt;base64 hash, leaf side first&gt;
 * ...
 *
 * &lt;the checkpoint's signed note&gt;
 * </pre>
 *
 * Evidence packs carry one per event of their records ({@code proofs/<seq>.tlog-proof}), so each
 * event can be checked on its own against the checkpoint, by this library or any tlog-proof tool
 * given the event line as the leaf.
 *
 * @param index the leaf index: the event's sequence number minus one
 * @param path the inclusion path under the checkpoint's tree
 * @param checkpoint the signed checkpoint whose root the path leads to
 */
public record TlogProof(long index, List<byte[]> path, Checkpoint checkpoint) {
  /** The first line of every proof. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";

  /** Checks the index lies in the checkpoint's tree and copies the path. */
  public TlogProof {
    requireNonNull(checkpoint, "checkpoint");
    if (index < 0 || index >= checkpoint.size()) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in the checkpoint's " + checkpoint.size() + " leaves");
    }
    path = Merkle.copyHashes(path, "path");
  }

  /** The proof of {@code proof}'s leaf under {@code checkpoint}, whose size must be the proof's. */
  public static TlogProof of(InclusionProof proof, Checkpoint checkpoint) {
    if (proof.treeSize() != requireNonNull(checkpoint, "checkpoint").size()) {
      throw new IllegalArgumentException(
          "the proof is under a tree of "
              + proof.treeSize()
              + " leaves, the checkpoint of "
              + checkpoint.size());
    }
    return new TlogProof(proof.index(), proof.path(), checkpoint);
  }

  /** The proof's text, as C2SP tlog-proof writes it (no {@code extra} line). */
  public String text() {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    text.append("index ").append(index).append('\n');
    for (byte[] hash : path) {
      text.append(Base64.getEncoder().encodeToString(hash)).append('\n');
    }
    return text.append('\n').append(checkpoint.note()).toString();
  }

  /**
   * Reads a proof as {@link #text()} writes it.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static TlogProof parse(String text) {
    requireNonNull(text, "text");
    int blank = text.indexOf("\n\n");
    if (!text.startsWith(HEADER + "\n") || blank < 0) {
      throw new IllegalArgumentException(
          "a tlog proof starts with " + HEADER + " and has an empty line before its checkpoint");
    }
    List<String> lines = text.substring(0, blank).lines().toList();
    if (lines.size() < 2 || !lines.get(1).matches("index (0|[1-9][0-9]{0,18})")) {
      throw new IllegalArgumentException("the second line of a tlog proof is 'index <n>'");
    }
    long index = Long.parseLong(lines.get(1).substring("index ".length()));
    List<byte[]> path = new ArrayList<>();
    for (String line : lines.subList(2, lines.size())) {
      try {
        path.add(Base64.getDecoder().decode(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a proof line is not base64: " + line, e);
      }
    }
    TlogProof proof = new TlogProof(index, path, Checkpoint.parse(text.substring(blank + 2)));
    if (!proof.text().equals(text)) {
      throw new IllegalArgumentException("the proof is not in the one form proofs are written");
    }
    return proof;
  }

  /**
   * Whether this proves that {@code leafHash} is leaf {@link #index} of a log whose checkpoint is
   * signed by one of {@code trusted} ({@link Checkpoint.Trust#TRUSTED}).
   */
  public boolean verify(byte[] leafHash, Collection<PublicKey> trusted) {
    return checkpoint.trust(trusted) == Checkpoint.Trust.TRUSTED
        && Merkle.verifyInclusion(index, checkpoint.size(), leafHash, path, checkpoint.root());
  }

  /** Compares the hashes' contents. */
  @Override
  public boolean equals(Object other) {
    return other instanceof TlogProof p && p.text().equals(text());
  }

  @Override
  public int hashCode() {
    return text().hashCode();
  }

  @Override
  public String toString() {
    return "TlogProof[index=" + index + ", size=" + checkpoint.size() + "]";
  }
}
