package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The incremental tree, the proofs built from stored subtrees and the RFC verifiers against the
 * RFC's recursive definition, over every tree size up to a few hundred leaves: roots match, every
 * proof verifies, and any changed leaf, index or hash makes it fail. (A proof does not by itself
 * fix the tree size: a path can also fit a neighbouring size. The size is bound by the signed
 * checkpoint whose root the proof must reach.)
 */
class MerkleLogPropertyTest {

  /** RFC 9162 MTH, written as the RFC states it: the slow, obviously right reference. */
  private static byte[] mth(List<byte[]> leaves, int from, int to) {
    int n = to - from;
    if (n == 0) {
      return Merkle.emptyRoot();
    }
    if (n == 1) {
      return Merkle.leafHash(leaves.get(from));
    }
    int k = Integer.highestOneBit(n - 1);
    return Merkle.nodeHash(mth(leaves, from, from + k), mth(leaves, from + k, to));
  }

  private static List<byte[]> leaves(int count, int salt) {
    List<byte[]> leaves = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      leaves.add(("leaf " + salt + "/" + i).getBytes(StandardCharsets.UTF_8));
    }
    return leaves;
  }

  private static InMemoryTreeNodes grow(List<byte[]> leaves, LogTree tree) {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    for (byte[] leaf : leaves) {
      tree.append(Merkle.leafHash(leaf), nodes);
    }
    return nodes;
  }

  @Property(tries = 60)
  @Label("roots: incremental, resumed from the edge and read from nodes all equal the RFC's MTH")
  void roots(@ForAll @IntRange(min = 0, max = 300) int size, @ForAll int salt) {
    List<byte[]> leaves = leaves(size, salt);
    LogTree tree = LogTree.empty();
    InMemoryTreeNodes nodes = grow(leaves, tree);
    byte[] expected = mth(leaves, 0, size);
    assertThat(tree.root()).isEqualTo(expected);
    assertThat(LogTree.resume(size, tree.edge()).root()).isEqualTo(expected);
    for (int smaller = 0; smaller <= size; smaller += Math.max(1, size / 7)) {
      assertThat(LogProofs.root(smaller, nodes)).isEqualTo(mth(leaves, 0, smaller));
    }
  }

  @Property(tries = 60)
  @Label("inclusion: every leaf's proof verifies; another leaf, index or path hash does not")
  void inclusion(
      @ForAll @IntRange(min = 1, max = 200) int size,
      @ForAll @IntRange(min = 0, max = 199) int pick,
      @ForAll int salt) {
    List<byte[]> leaves = leaves(size, salt);
    InMemoryTreeNodes nodes = grow(leaves, LogTree.empty());
    for (int treeSize : List.of(size, 1 + pick % size)) {
      byte[] root = mth(leaves, 0, treeSize);
      for (int i = 0; i < treeSize; i++) {
        InclusionProof proof = LogProofs.inclusion(i, treeSize, nodes);
        byte[] leaf = Merkle.leafHash(leaves.get(i));
        assertThat(proof.verify(leaf, root)).as("leaf %d of %d", i, treeSize).isTrue();
        if (treeSize > 1) {
          int other = (i + 1) % treeSize;
          assertThat(proof.verify(Merkle.leafHash(leaves.get(other)), root)).isFalse();
          assertThat(Merkle.verifyInclusion(other, treeSize, leaf, proof.path(), root)).isFalse();
          for (int h = 0; h < proof.path().size(); h++) {
            List<byte[]> changed = new ArrayList<>(proof.path());
            byte[] flipped = Arrays.copyOf(changed.get(h), Merkle.HASH_BYTES);
            flipped[h % Merkle.HASH_BYTES] ^= 1;
            changed.set(h, flipped);
            assertThat(Merkle.verifyInclusion(i, treeSize, leaf, changed, root)).isFalse();
          }
        }
      }
    }
  }

  @Property(tries = 60)
  @Label("consistency: every smaller tree is proved a prefix; a changed tree is not")
  void consistency(@ForAll @IntRange(min = 1, max = 130) int size, @ForAll int salt) {
    List<byte[]> leaves = leaves(size, salt);
    InMemoryTreeNodes nodes = grow(leaves, LogTree.empty());
    byte[] root2 = mth(leaves, 0, size);
    for (int size1 = 1; size1 <= size; size1++) {
      byte[] root1 = mth(leaves, 0, size1);
      ConsistencyProof proof = LogProofs.consistency(size1, size, nodes);
      assertThat(proof.verify(root1, root2)).as("%d -> %d", size1, size).isTrue();

      List<byte[]> rewritten = new ArrayList<>(leaves.subList(0, size1));
      rewritten.set(size1 - 1, "rewritten".getBytes(StandardCharsets.UTF_8));
      byte[] forgedRoot1 = mth(rewritten, 0, size1);
      assertThat(proof.verify(forgedRoot1, root2))
          .as("a tree whose last leaf was rewritten, %d -> %d", size1, size)
          .isFalse();
    }
  }
}
