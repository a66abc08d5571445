package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds roots, inclusion proofs and consistency proofs of a log from the hashes of its complete
 * subtrees ({@link TreeNodes}), following the definitions of RFC 9162 sections 2.1.3.1 ({@code
 * PATH}) and 2.1.4.1 ({@code PROOF}, {@code SUBPROOF}). Each proof asks the store once, for at most
 * about 2·log2(n) subtrees, so a proof in a log of ten million events costs one indexed read,
 * whatever the log's size.
 */
public final class LogProofs {
  private LogProofs() {}

  /**
   * The root of the log's first {@code size} leaves.
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static byte[] root(long size, TreeNodes nodes) {
    return LogTree.of(size, nodes).root();
  }

  /**
   * The proof that leaf {@code index} is in the tree of the first {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException if {@code index} is not below {@code treeSize}
   */
  public static InclusionProof inclusion(long index, long treeSize, TreeNodes nodes) {
    requireNonNull(nodes, "nodes");
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of " + treeSize + " leaves");
    }
    List<long[]> ranges = new ArrayList<>();
    path(index, 0, treeSize, ranges);
    return new InclusionProof(index, treeSize, hashesOf(ranges, nodes));
  }

  /**
   * The proof that the tree of the first {@code size1} leaves is a prefix of the tree of the first
   * {@code size2}: empty when the sizes are equal or {@code size1} is 0.
   *
   * @throws IllegalArgumentException if not {@code 0 <= size1 <= size2}
   */
  public static ConsistencyProof consistency(long size1, long size2, TreeNodes nodes) {
    requireNonNull(nodes, "nodes");
    if (size1 < 0 || size2 < size1) {
      throw new IllegalArgumentException(
          "a consistency proof goes from a smaller tree to a larger one, not from "
              + size1
              + " to "
              + size2
              + " leaves");
    }
    List<long[]> ranges = new ArrayList<>();
    if (size1 > 0 && size1 < size2) {
      subproof(size1, 0, size2, true, ranges);
    }
    return new ConsistencyProof(size1, size2, hashesOf(ranges, nodes));
  }

  /** RFC 9162 PATH(m, D[start:end]), as the ranges whose roots it lists, leaf first. */
  private static void path(long m, long start, long end, List<long[]> out) {
    if (end - start == 1) {
      return;
    }
    long k = Long.highestOneBit(end - start - 1);
    if (m < start + k) {
      path(m, start, start + k, out);
      out.add(new long[] {start + k, end});
    } else {
      path(m, start + k, end, out);
      out.add(new long[] {start, start + k});
    }
  }

  /** RFC 9162 SUBPROOF(m, D[start:end], b), as the ranges whose roots it lists. */
  private static void subproof(long m, long start, long end, boolean whole, List<long[]> out) {
    long n = end - start;
    if (m == n) {
      if (!whole) {
        out.add(new long[] {start, end});
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, start, start + k, whole, out);
      out.add(new long[] {start + k, end});
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(new long[] {start, start + k});
    }
  }

  /** The roots of {@code ranges}, from one read of all the subtrees they are made of. */
  private static List<byte[]> hashesOf(List<long[]> ranges, TreeNodes nodes) {
    List<Subtree> parts = new ArrayList<>();
    int[] counts = new int[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      List<Subtree> edge = edgeOf(ranges.get(i)[0], ranges.get(i)[1]);
      counts[i] = edge.size();
      parts.addAll(edge);
    }
    List<byte[]> hashes = parts.isEmpty() ? List.of() : nodes.hashes(parts);
    if (hashes.size() != parts.size()) {
      throw new IllegalStateException(
          "asked for " + parts.size() + " subtree hashes, got " + hashes.size());
    }
    List<byte[]> roots = new ArrayList<>(ranges.size());
    int next = 0;
    for (int count : counts) {
      byte[] root = hashes.get(next + count - 1);
      for (int j = next + count - 2; j >= next; j--) {
        root = Merkle.nodeHash(hashes.get(j), root);
      }
      roots.add(root);
      next += count;
    }
    return roots;
  }

  /**
   * The perfect subtrees that make up leaves {@code [start, end)}, largest first, where {@code
   * start} is a multiple of the largest power of two not above {@code end - start} (true of every
   * range the RFC's recursions produce, and of {@code [0, n)}); the range's root is their hashes
   * folded from the right.
   */
  static List<Subtree> edgeOf(long start, long end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("not a range of leaves: [" + start + ", " + end + ")");
    }
    List<Subtree> parts = new ArrayList<>();
    long at = start;
    while (at < end) {
      int level = 63 - Long.numberOfLeadingZeros(end - at);
      if (at != 0) {
        level = Math.min(level, Long.numberOfTrailingZeros(at));
      }
      parts.add(new Subtree(level, at >> level));
      at += 1L << level;
    }
    return parts;
  }
}
