package dev.accessgov.evidence;

import java.util.List;

/**
 * Reads the hashes of complete subtrees of a log, in one round trip for many: what a store gives
 * {@link LogProofs} to build roots and proofs without reading the whole log.
 */
@FunctionalInterface
public interface TreeNodes {
  /**
   * The hashes of {@code subtrees}, in the same order.
   *
   * @param subtrees complete subtrees of the log: each ends at or before the log's size
   * @throws IllegalArgumentException if a subtree is not complete in the log
   */
  List<byte[]> hashes(List<Subtree> subtrees);
}
