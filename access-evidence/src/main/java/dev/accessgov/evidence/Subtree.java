package dev.accessgov.evidence;

/**
 * A perfect subtree of the log's Merkle tree: the {@code 2^level} leaves from {@code index *
 * 2^level} on. Level 0 subtrees are single leaves. Stores keep the hashes of the subtrees that are
 * complete, and every root and proof of the log is built from them ({@link LogProofs}).
 *
 * @param level the height, from 0 (a leaf)
 * @param index the position among the subtrees of that height, from 0
 */
public record Subtree(int level, long index) {
  /** Checks the ranges: level 0 to 62, index from 0, and the leaves it covers within a long. */
  public Subtree {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("a subtree's level is 0 to 62, was " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level)) {
      throw new IllegalArgumentException(
          "subtree index " + index + " at level " + level + " is out of range");
    }
  }

  /** The first leaf it covers. */
  public long start() {
    return index << level;
  }

  /** The leaf after the last it covers. */
  public long end() {
    return (index + 1) << level;
  }
}
