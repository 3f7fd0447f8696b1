package org.trademap.ledger.core.node;

import java.util.List;
import java.util.Optional;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.crypto.Ed25519;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.KeyPair;
import org.trademap.ledger.api.crypto.Signature;
import org.trademap.ledger.api.node.Genesis;

/**
 * One member's signed statement of its head at a checkpoint height: "on chain {@code chainId},
 * channel {@code channel}, my block at {@code height} has hash {@code blockHash} and leaves state
 * root {@code stateRoot}". The member's node key signs it; the genesis document lists the key.
 *
 * <p>Encoding: {@code fixed(32) chainId, string channel, i64 height, fixed(32) blockHash, fixed(32)
 * stateRoot, string member, fixed(64) signature}. The signature covers the same fields without
 * itself, behind the domain string {@value #DOMAIN}, so it cannot be replayed as a block or
 * transaction signature.
 */
record Checkpoint(
    Hash chainId,
    String channel,
    long height,
    Hash blockHash,
    Hash stateRoot,
    String member,
    Signature signature) {
  static final String DOMAIN = "trademap/checkpoint/1";

  Checkpoint {
    if (height < 1) {
      throw new IllegalArgumentException("a checkpoint is above genesis");
    }
  }

  /** A node's head at a height: what members compare. */
  record View(Hash blockHash, Hash stateRoot) {}

  static Checkpoint sign(
      Hash chainId, String channel, long height, View view, String member, KeyPair key) {
    byte[] body = body(chainId, channel, height, view, member);
    return new Checkpoint(
        chainId, channel, height, view.blockHash(), view.stateRoot(), member, key.sign(body));
  }

  View view() {
    return new View(blockHash, stateRoot);
  }

  /**
   * Why this checkpoint is not a valid statement of {@code expectedMember} about this channel of
   * {@code genesis}, or empty if it is: the chain, the channel and the member must be the expected
   * ones, the member must replicate the channel, and the member's genesis key must verify the
   * signature.
   */
  Optional<String> problem(Genesis genesis, String expectedMember) {
    return problem(genesis, genesis.channel(), expectedMember);
  }

  /** As {@link #problem(Genesis, String)}, for a statement about {@code expectedChannel}. */
  Optional<String> problem(Genesis genesis, String expectedChannel, String expectedMember) {
    return problem(
        genesis,
        expectedChannel,
        expectedMember,
        genesis.channel(expectedChannel).map(Genesis.Channel::members).orElse(List.of()));
  }

  /**
   * As {@link #problem(Genesis, String, String)}, with the channel's members as committed state has
   * them (ADR 0033).
   */
  Optional<String> problem(
      Genesis genesis, String expectedChannel, String expectedMember, List<String> members) {
    if (!chainId.equals(genesis.chainId()) || !channel.equals(expectedChannel)) {
      return Optional.of("it is for another chain or channel");
    }
    if (!member.equals(expectedMember)) {
      return Optional.of("it speaks for member " + member + ", not for the node that sent it");
    }
    boolean inChannel = members.contains(member);
    var listed = genesis.member(member);
    if (!inChannel || listed.isEmpty()) {
      return Optional.of("its signer is not a member of the channel");
    }
    byte[] body = body(chainId, channel, height, view(), member);
    if (!Ed25519.verify(listed.get().key(), body, signature)) {
      return Optional.of("its signature does not verify with the member's genesis key");
    }
    return Optional.empty();
  }

  private static byte[] body(Hash chainId, String channel, long height, View view, String member) {
    return new CanonicalWriter()
        .string(DOMAIN)
        .fixed(chainId.bytes())
        .string(channel)
        .i64(height)
        .fixed(view.blockHash().bytes())
        .fixed(view.stateRoot().bytes())
        .string(member)
        .toByteArray();
  }

  void write(CanonicalWriter w) {
    w.fixed(chainId.bytes())
        .string(channel)
        .i64(height)
        .fixed(blockHash.bytes())
        .fixed(stateRoot.bytes())
        .string(member)
        .fixed(signature.bytes());
  }

  static Checkpoint read(CanonicalReader r) {
    return new Checkpoint(
        new Hash(r.fixed(Hash.SIZE, "chain id")),
        r.string(64, "channel"),
        r.i64("height"),
        new Hash(r.fixed(Hash.SIZE, "block hash")),
        new Hash(r.fixed(Hash.SIZE, "state root")),
        r.string(64, "member"),
        new Signature(r.fixed(Signature.SIZE, "signature")));
  }
}
