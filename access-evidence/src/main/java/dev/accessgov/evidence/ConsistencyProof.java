package dev.accessgov.evidence;

import java.util.Base64;
import java.util.List;

/**
 * The proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves
 * (RFC 9162 section 2.1.4): that between two checkpoints the log only grew.
 *
 * @param size1 the older, smaller tree
 * @param size2 the newer tree, at least as large
 * @param path the 32-byte hashes; empty when the sizes are equal or {@code size1} is 0
 */
public record ConsistencyProof(long size1, long size2, List<byte[]> path) {
  /** Checks the sizes and copies the hashes, each of which must be 32 bytes. */
  public ConsistencyProof {
    if (size1 < 0 || size2 < size1) {
      throw new IllegalArgumentException(
          "a consistency proof goes from a smaller tree to a larger one, not from "
              + size1
              + " to "
              + size2);
    }
    path = Merkle.copyHashes(path, "consistency path");
  }

  /**
   * Whether this proves that the tree with root {@code root1} grew into the one with {@code root2}.
   */
  public boolean verify(byte[] root1, byte[] root2) {
    return Merkle.verifyConsistency(size1, size2, root1, root2, path);
  }

  /** The path as base64 strings. */
  public List<String> base64Path() {
    return path.stream().map(Base64.getEncoder()::encodeToString).toList();
  }

  /** Compares the hashes' contents, not the arrays' identities. */
  @Override
  public boolean equals(Object other) {
    return other instanceof ConsistencyProof p
        && p.size1 == size1
        && p.size2 == size2
        && p.base64Path().equals(base64Path());
  }

  @Override
  public int hashCode() {
    return Long.hashCode(size1) * 31 + Long.hashCode(size2) * 17 + base64Path().hashCode();
  }

  @Override
  public String toString() {
    return "ConsistencyProof[" + size1 + " -> " + size2 + ", path=" + base64Path() + "]";
  }
}
