package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every complete subtree hash of a log, kept in memory: 32 bytes per node, about 64 bytes per leaf.
 * Feed it the subtrees {@link LogTree#append(byte[], LogTree.CompletedSubtrees)} completes; it
 * serves {@link LogProofs}. For the in-memory store and for tools that build proofs from an export.
 * Not thread-safe.
 */
public final class InMemoryTreeNodes implements TreeNodes, LogTree.CompletedSubtrees {
  private static final int HASH = Merkle.HASH_BYTES;

  /** One packed array per level; level {@code l} holds node {@code i} at {@code i * 32}. */
  private final List<byte[]> levels = new ArrayList<>();

  private final List<Long> counts = new ArrayList<>();

  /** An empty store of nodes. */
  public InMemoryTreeNodes() {}

  /**
   * Keeps {@code hash} as {@code subtree}'s; subtrees of a level must arrive in order.
   *
   * @throws IllegalArgumentException if {@code subtree} is not the next one of its level
   */
  @Override
  public void completed(Subtree subtree, byte[] hash) {
    requireNonNull(subtree, "subtree");
    byte[] copy = Merkle.copyHash(hash, "hash");
    while (levels.size() <= subtree.level()) {
      levels.add(new byte[HASH * 16]);
      counts.add(0L);
    }
    int level = subtree.level();
    long count = counts.get(level);
    if (subtree.index() != count) {
      throw new IllegalArgumentException(
          "expected subtree " + count + " of level " + level + ", got " + subtree.index());
    }
    byte[] packed = levels.get(level);
    long needed = (count + 1) * HASH;
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more nodes than an in-memory log can hold");
    }
    if (needed > packed.length) {
      packed = Arrays.copyOf(packed, (int) Math.min(Integer.MAX_VALUE - 8, packed.length * 2L));
      levels.set(level, packed);
    }
    System.arraycopy(copy, 0, packed, (int) (count * HASH), HASH);
    counts.set(level, count + 1);
  }

  @Override
  public List<byte[]> hashes(List<Subtree> subtrees) {
    List<byte[]> hashes = new ArrayList<>(subtrees.size());
    for (Subtree subtree : subtrees) {
      int level = subtree.level();
      if (level >= levels.size() || subtree.index() >= counts.get(level)) {
        throw new IllegalArgumentException(subtree + " is not complete in this log");
      }
      int from = (int) (subtree.index() * HASH);
      hashes.add(Arrays.copyOfRange(levels.get(level), from, from + HASH));
    }
    return hashes;
  }
}
