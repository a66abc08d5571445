package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The evidence log's Merkle tree hashing and proof checks, exactly as RFC 9162 (Certificate
 * Transparency 2.0, section 2.1) defines them with SHA-256, which is also RFC 6962's tree:
 *
 * <ul>
 *   <li>leaf hash: {@code SHA-256(0x00 || leaf)}; the leaf of an evidence event is its export line
 *       without the newline ({@link #leafHash(EvidenceEvent)});
 *   <li>node hash: {@code SHA-256(0x01 || left || right)};
 *   <li>the root of {@code n > 1} leaves splits them at {@code k}, the largest power of two below
 *       {@code n}: {@code node(root(first k), root(the rest))}; the root of no leaves is {@code
 *       SHA-256("")}.
 * </ul>
 *
 * <p>The two verification functions follow RFC 9162 sections 2.1.3.2 and 2.1.4.2 step by step, so a
 * proof that verifies here verifies in any conforming implementation (the tests check this with
 * published test vectors and with sigstore-java). All methods are thread-safe.
 */
public final class Merkle {
  /** The length of every hash in the tree, in bytes. */
  public static final int HASH_BYTES = 32;

  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(Merkle::newSha256);

  private Merkle() {}

  /** The root of the empty tree: {@code SHA-256("")}. */
  public static byte[] emptyRoot() {
    MessageDigest digest = SHA_256.get();
    return digest.digest();
  }

  /** {@code SHA-256(0x00 || leaf)}. */
  public static byte[] leafHash(byte[] leaf) {
    requireNonNull(leaf, "leaf");
    return leafHash(leaf, 0, leaf.length);
  }

  /**
   * The leaf hash of {@code event}: {@code SHA-256(0x00 || line)}, where {@code line} is the
   * event's line in {@code events.jsonl} ({@link CanonicalJson#eventLine}) without the newline.
   */
  public static byte[] leafHash(EvidenceEvent event) {
    CanonicalBuffer line = CanonicalJson.writeEventLine(requireNonNull(event, "event"));
    return leafHash(line.array(), 0, line.size());
  }

  static byte[] leafHash(byte[] bytes, int offset, int length) {
    MessageDigest digest = SHA_256.get();
    digest.update((byte) 0x00);
    digest.update(bytes, offset, length);
    return digest.digest();
  }

  /** {@code SHA-256(0x01 || left || right)}. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    requireNonNull(left, "left");
    requireNonNull(right, "right");
    MessageDigest digest = SHA_256.get();
    digest.update((byte) 0x01);
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /**
   * The root an inclusion proof leads to (RFC 9162 section 2.1.3.2, steps 1 to 4): the root of the
   * tree of {@code treeSize} leaves if {@code leafHash} is its leaf {@code index} and {@code path}
   * is that leaf's audit path.
   *
   * @throws IllegalArgumentException if the proof cannot belong to such a tree: the index is not
   *     below the tree size, or the path is too long or too short for it
   */
  public static byte[] rootFromInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> path) {
    requireNonNull(leafHash, "leafHash");
    requireNonNull(path, "path");
    if (leafHash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          "a leaf hash is " + HASH_BYTES + " bytes, this one is " + leafHash.length);
    }
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of " + treeSize + " leaves");
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        throw new IllegalArgumentException(
            "the inclusion path is longer than a tree of " + treeSize + " leaves needs");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalArgumentException(
          "the inclusion path is shorter than a tree of " + treeSize + " leaves needs");
    }
    return r;
  }

  /**
   * Whether {@code path} proves that {@code leafHash} is leaf {@code index} of the tree of {@code
   * treeSize} leaves whose root is {@code root} (RFC 9162 section 2.1.3.2). A path of the wrong
   * length, an index outside the tree, or any changed byte gives {@code false}.
   */
  public static boolean verifyInclusion(
      long index, long treeSize, byte[] leafHash, List<byte[]> path, byte[] root) {
    requireNonNull(root, "root");
    try {
      return MessageDigest.isEqual(rootFromInclusion(index, treeSize, leafHash, path), root);
    } catch (IllegalArgumentException impossible) {
      return false;
    }
  }

  /**
   * Whether {@code path} proves that the tree of {@code size1} leaves with root {@code root1} is a
   * prefix of the tree of {@code size2} leaves with root {@code root2}: that the log only grew
   * between them (RFC 9162 section 2.1.4.2). Equal sizes need an empty path and equal roots. A
   * proof from the empty tree proves nothing and is refused, as transparency-dev's reference
   * verifier does: every tree extends the empty one, so callers need no proof for it.
   */
  public static boolean verifyConsistency(
      long size1, long size2, byte[] root1, byte[] root2, List<byte[]> path) {
    requireNonNull(root1, "root1");
    requireNonNull(root2, "root2");
    requireNonNull(path, "path");
    if (size1 <= 0 || size2 < size1) {
      return false;
    }
    if (size1 == size2) {
      return path.isEmpty() && MessageDigest.isEqual(root1, root2);
    }
    if (path.isEmpty()) {
      return false;
    }
    List<byte[]> c = new ArrayList<>(path.size() + 1);
    if (Long.bitCount(size1) == 1) {
      c.add(root1);
    }
    c.addAll(path);
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    byte[] fr = c.get(0);
    byte[] sr = c.get(0);
    for (byte[] hash : c.subList(1, c.size())) {
      if (sn == 0) {
        return false;
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = nodeHash(hash, fr);
        sr = nodeHash(hash, sr);
        if ((fn & 1) == 0) {
          while ((fn & 1) == 0 && fn != 0) {
            fn >>= 1;
            sn >>= 1;
          }
        }
      } else {
        sr = nodeHash(sr, hash);
      }
      fn >>= 1;
      sn >>= 1;
    }
    return MessageDigest.isEqual(fr, root1) && MessageDigest.isEqual(sr, root2) && sn == 0;
  }

  /** A copy of {@code hashes}, each checked to be {@value #HASH_BYTES} bytes and copied. */
  static List<byte[]> copyHashes(List<byte[]> hashes, String what) {
    requireNonNull(hashes, what);
    List<byte[]> copy = new ArrayList<>(hashes.size());
    for (byte[] hash : hashes) {
      copy.add(copyHash(hash, what));
    }
    return List.copyOf(copy);
  }

  static byte[] copyHash(byte[] hash, String what) {
    requireNonNull(hash, what);
    if (hash.length != HASH_BYTES) {
      throw new IllegalArgumentException(
          what + ": a tree hash is " + HASH_BYTES + " bytes, this one is " + hash.length);
    }
    return Arrays.copyOf(hash, HASH_BYTES);
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
