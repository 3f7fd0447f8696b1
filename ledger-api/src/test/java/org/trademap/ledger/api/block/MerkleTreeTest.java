package org.trademap.ledger.api.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.trademap.ledger.api.LedgerArbitraries;
import org.trademap.ledger.api.crypto.Hash;

class MerkleTreeTest {
  private static final Hash A = leaf(0);
  private static final Hash B = leaf(1);
  private static final Hash C = leaf(2);

  @Provide
  Arbitrary<List<Hash>> leaves() {
    return LedgerArbitraries.hashes().list().ofMaxSize(40);
  }

  @Provide
  Arbitrary<List<Hash>> nonEmptyLeaves() {
    return LedgerArbitraries.hashes().list().ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<Hash> hashes() {
    return LedgerArbitraries.hashes();
  }

  @Test
  void theEmptyTreeHashesToTheSha256OfNothing() {
    assertThat(MerkleTree.root(List.of()).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void aSingleLeafHashesWithTheLeafPrefix() {
    assertThat(MerkleTree.root(List.of(A))).isEqualTo(sha256(new byte[] {0x00}, A.bytes()));
    assertThat(MerkleTree.root(List.of(A))).isNotEqualTo(A);
  }

  @Test
  void twoLeavesHashWithTheInnerNodePrefix() {
    byte[] ha = sha256(new byte[] {0x00}, A.bytes()).bytes();
    byte[] hb = sha256(new byte[] {0x00}, B.bytes()).bytes();

    assertThat(MerkleTree.root(List.of(A, B))).isEqualTo(sha256(new byte[] {0x01}, ha, hb));
  }

  @Test
  void threeLeavesSplitTwoAndOne() {
    byte[] ha = sha256(new byte[] {0x00}, A.bytes()).bytes();
    byte[] hb = sha256(new byte[] {0x00}, B.bytes()).bytes();
    byte[] hc = sha256(new byte[] {0x00}, C.bytes()).bytes();
    byte[] left = sha256(new byte[] {0x01}, ha, hb).bytes();

    assertThat(MerkleTree.root(List.of(A, B, C))).isEqualTo(sha256(new byte[] {0x01}, left, hc));
  }

  /**
   * Leaves are SHA-256 of the single bytes 0..6. The expected roots were computed outside Java
   * (Python's hashlib with the RFC 6962 definition), so they also pin the shape of the tree.
   */
  @Test
  void matchesKnownRoots() {
    List<Hash> seven = IntStream.range(0, 7).mapToObj(MerkleTreeTest::leaf).toList();

    assertThat(MerkleTree.root(seven.subList(0, 3)).hex())
        .isEqualTo("d1f13800048f5909d4043fc0c152f6643280cba608b672715e56ce159a20629f");
    assertThat(MerkleTree.root(seven).hex())
        .isEqualTo("bee2275db16667589a4515f63e0d053a2fa602c1d9f9703e98920a5bdad59baf");
    assertThat(reference(seven)).isEqualTo(MerkleTree.root(seven));
  }

  @Property
  void agreesWithTheRecursiveDefinition(@ForAll("leaves") List<Hash> leaves) {
    assertThat(MerkleTree.root(leaves)).isEqualTo(reference(leaves));
  }

  @Test
  void agreesWithTheRecursiveDefinitionForEverySizeUpTo70() {
    List<Hash> leaves = IntStream.range(0, 70).mapToObj(MerkleTreeTest::leaf).toList();
    for (int n = 0; n <= leaves.size(); n++) {
      assertThat(MerkleTree.root(leaves.subList(0, n)))
          .as("%d leaves", n)
          .isEqualTo(reference(leaves.subList(0, n)));
    }
  }

  @Property
  void changingAnyLeafChangesTheRoot(
      @ForAll("nonEmptyLeaves") List<Hash> leaves,
      @ForAll("hashes") Hash replacement,
      @ForAll int position) {
    int i = Math.floorMod(position, leaves.size());
    Assume.that(!leaves.get(i).equals(replacement));
    List<Hash> changed = new ArrayList<>(leaves);
    changed.set(i, replacement);

    assertThat(MerkleTree.root(changed)).isNotEqualTo(MerkleTree.root(leaves));
  }

  @Property
  void swappingTwoDifferentLeavesChangesTheRoot(
      @ForAll("nonEmptyLeaves") List<Hash> leaves, @ForAll int first, @ForAll int second) {
    int i = Math.floorMod(first, leaves.size());
    int j = Math.floorMod(second, leaves.size());
    Assume.that(!leaves.get(i).equals(leaves.get(j)));
    List<Hash> swapped = new ArrayList<>(leaves);
    Collections.swap(swapped, i, j);

    assertThat(MerkleTree.root(swapped)).isNotEqualTo(MerkleTree.root(leaves));
  }

  /** No CVE-2012-2459: duplicating the last leaf (as Bitcoin's odd-level padding does) differs. */
  @Property
  void duplicatingTheLastLeafChangesTheRoot(@ForAll("nonEmptyLeaves") List<Hash> leaves) {
    List<Hash> padded = new ArrayList<>(leaves);
    padded.add(leaves.getLast());

    assertThat(MerkleTree.root(padded)).isNotEqualTo(MerkleTree.root(leaves));
  }

  @Test
  void threeLeavesDifferFromTheSameThreeWithTheLastRepeated() {
    assertThat(MerkleTree.root(List.of(A, B, C)))
        .isNotEqualTo(MerkleTree.root(List.of(A, B, C, C)));
  }

  @Property
  void appendingOrRemovingALeafChangesTheRoot(
      @ForAll("leaves") List<Hash> leaves, @ForAll("hashes") Hash extra) {
    List<Hash> longer = new ArrayList<>(leaves);
    longer.add(extra);

    assertThat(MerkleTree.root(longer)).isNotEqualTo(MerkleTree.root(leaves));
  }

  /** An inner node of one tree is not accepted as the leaf of another (domain separation). */
  @Test
  void anInnerNodeIsNotALeaf() {
    Hash twoLeafRoot = MerkleTree.root(List.of(A, B));

    assertThat(MerkleTree.root(List.of(twoLeafRoot))).isNotEqualTo(twoLeafRoot);
    assertThat(MerkleTree.root(List.of(A, B)))
        .isNotEqualTo(sha256(A.bytes(), B.bytes()))
        .isNotEqualTo(sha256(new byte[] {0x01}, A.bytes(), B.bytes()));
  }

  @Test
  void doesNotChangeTheLeavesItIsGiven() {
    List<Hash> leaves = new ArrayList<>(List.of(A, B, C));

    MerkleTree.root(leaves);

    assertThat(leaves).containsExactly(A, B, C);
  }

  /**
   * RFC 6962 §2.1 written out directly: MTH({}) = SHA-256(), MTH({d}) = SHA-256(0x00 || d), and for
   * n > 1 with k the largest power of two smaller than n, MTH(D[n]) = SHA-256(0x01 || MTH(D[0:k])
   * || MTH(D[k:n])).
   */
  private static Hash reference(List<Hash> leaves) {
    int n = leaves.size();
    if (n == 0) {
      return sha256();
    }
    if (n == 1) {
      return sha256(new byte[] {0x00}, leaves.get(0).bytes());
    }
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return sha256(
        new byte[] {0x01},
        reference(leaves.subList(0, k)).bytes(),
        reference(leaves.subList(k, n)).bytes());
  }

  private static Hash sha256(byte[]... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        md.update(part);
      }
      return new Hash(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static Hash leaf(int i) {
    return sha256(new byte[] {(byte) i});
  }
}
