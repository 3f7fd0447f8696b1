package org.trademap.ledger.api.block;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.crypto.Hash;

/**
 * Binary Merkle tree hash in the shape of RFC 6962 (Certificate Transparency): leaves are hashed
 * with prefix 0x00, inner nodes with prefix 0x01, the tree splits at the largest power of two below
 * the count, and the empty tree hashes to SHA-256 of nothing. The prefixes keep a leaf from being
 * passed off as an inner node.
 */
public final class MerkleTree {
  private MerkleTree() {}

  public static Hash root(List<Hash> leaves) {
    if (leaves.isEmpty()) {
      return Hash.sha256(new byte[0]);
    }
    MessageDigest md = Hash.digest();
    List<byte[]> level = new ArrayList<>(leaves.size());
    for (Hash leaf : leaves) {
      md.update((byte) 0x00);
      md.update(leaf.bytes());
      level.add(md.digest());
    }
    return new Hash(subtree(level, 0, level.size(), md));
  }

  private static byte[] subtree(List<byte[]> nodes, int from, int to, MessageDigest md) {
    int n = to - from;
    if (n == 1) {
      return nodes.get(from);
    }
    int split = Integer.highestOneBit(n - 1);
    byte[] left = subtree(nodes, from, from + split, md);
    byte[] right = subtree(nodes, from + split, to, md);
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }
}
