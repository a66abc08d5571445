package dev.accessgov.evidence;

import java.util.Base64;
import java.util.List;

/**
 * The audit path of one leaf in a tree of {@code treeSize} leaves (RFC 9162 section 2.1.3): the
 * hashes from the leaf's sibling up to the root's child.
 *
 * @param index the leaf's position, from 0 (an event's sequence number minus one)
 * @param treeSize the size of the tree the path leads to the root of
 * @param path the 32-byte hashes, leaf side first
 */
public record InclusionProof(long index, long treeSize, List<byte[]> path) {
  /** Checks the index and copies the hashes, each of which must be 32 bytes. */
  public InclusionProof {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of " + treeSize + " leaves");
    }
    path = Merkle.copyHashes(path, "inclusion path");
  }

  /** Whether this proves that {@code leafHash} is leaf {@link #index} under {@code root}. */
  public boolean verify(byte[] leafHash, byte[] root) {
    return Merkle.verifyInclusion(index, treeSize, leafHash, path, root);
  }

  /** The path as base64 lines, as a C2SP {@code tlog-proof} lists it. */
  public List<String> base64Path() {
    return path.stream().map(Base64.getEncoder()::encodeToString).toList();
  }

  /** Compares the hashes' contents, not the arrays' identities. */
  @Override
  public boolean equals(Object other) {
    return other instanceof InclusionProof p
        && p.index == index
        && p.treeSize == treeSize
        && p.base64Path().equals(base64Path());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + base64Path().hashCode();
  }

  @Override
  public String toString() {
    return "InclusionProof[index="
        + index
        + ", treeSize="
        + treeSize
        + ", path="
        + base64Path()
        + "]";
  }
}
