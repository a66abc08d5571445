package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The right edge of a growing Merkle tree (a compact range from leaf 0): the hashes of the perfect
 * subtrees that make up its leaves, at most one per level, 64 at most. Appending a leaf combines it
 * with the subtrees it completes, so appending is O(log n) and the root of any size is O(log n)
 * from the edge, never a recomputation over all leaves. A store keeps the edge beside its log head
 * ({@link #edge()}, {@link #resume}), and the verifier streams an export through one.
 *
 * <p>Not thread-safe; a store appends under the same lock that orders its events.
 */
public final class LogTree {
  /** Receives every subtree an append completes: the leaf itself, then each parent it finished. */
  @FunctionalInterface
  public interface CompletedSubtrees {
    /** {@code subtree} is complete and its hash is {@code hash}. */
    void completed(Subtree subtree, byte[] hash);
  }

  private static final CompletedSubtrees IGNORE = (subtree, hash) -> {};

  private long size;

  /** Largest subtree first, as the set bits of {@link #size} from the highest. */
  private final ArrayList<byte[]> edge;

  private LogTree(long size, List<byte[]> edge) {
    this.size = size;
    this.edge = new ArrayList<>(edge);
  }

  /** An empty tree. */
  public static LogTree empty() {
    return new LogTree(0, List.of());
  }

  /**
   * The tree of {@code size} leaves whose right edge is {@code edge}, as {@link #edge()} returned
   * it.
   *
   * @throws IllegalArgumentException if the edge does not have one 32-byte hash per set bit of
   *     {@code size}
   */
  public static LogTree resume(long size, List<byte[]> edge) {
    if (size < 0) {
      throw new IllegalArgumentException("a tree's size is >= 0, was " + size);
    }
    List<byte[]> copy = Merkle.copyHashes(edge, "edge");
    if (copy.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "a tree of "
              + size
              + " leaves has "
              + Long.bitCount(size)
              + " edge hashes, "
              + copy.size()
              + " given");
    }
    return new LogTree(size, copy);
  }

  /**
   * The tree of {@code size} leaves read from a store's complete subtrees: its right edge in one
   * round trip.
   */
  public static LogTree of(long size, TreeNodes nodes) {
    requireNonNull(nodes, "nodes");
    List<Subtree> parts = LogProofs.edgeOf(0, size);
    return resume(size, parts.isEmpty() ? List.of() : nodes.hashes(parts));
  }

  /** Appends a leaf whose leaf hash is {@code leafHash}. */
  public void append(byte[] leafHash) {
    append(leafHash, IGNORE);
  }

  /**
   * Appends a leaf whose leaf hash is {@code leafHash}, telling {@code completed} about the leaf
   * and every subtree it completes, lowest first: what a store persists to serve proofs later.
   */
  public void append(byte[] leafHash, CompletedSubtrees completed) {
    requireNonNull(completed, "completed");
    byte[] node = Merkle.copyHash(leafHash, "leafHash");
    long index = size;
    int level = 0;
    completed.completed(new Subtree(level, index), node);
    while ((index & 1) == 1) {
      node = Merkle.nodeHash(edge.remove(edge.size() - 1), node);
      index >>= 1;
      level++;
      completed.completed(new Subtree(level, index), node);
    }
    edge.add(node);
    size++;
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The root hash of the tree as it stands (RFC 9162 MTH). */
  public byte[] root() {
    if (edge.isEmpty()) {
      return Merkle.emptyRoot();
    }
    byte[] root = edge.get(edge.size() - 1);
    for (int i = edge.size() - 2; i >= 0; i--) {
      root = Merkle.nodeHash(edge.get(i), root);
    }
    return Arrays.copyOf(root, root.length);
  }

  /** A copy of the right edge, largest subtree first; {@link #resume} takes it back. */
  public List<byte[]> edge() {
    List<byte[]> copy = new ArrayList<>(edge.size());
    for (byte[] hash : edge) {
      copy.add(Arrays.copyOf(hash, hash.length));
    }
    return copy;
  }
}
