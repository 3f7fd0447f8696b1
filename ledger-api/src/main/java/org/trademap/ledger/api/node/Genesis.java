package org.trademap.ledger.api.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.tx.Transaction;

/**
 * The genesis document of a chain: who its members are and which contract versions it starts with.
 * Its canonical encoding's SHA-256 is the chain id every transaction names.
 *
 * @param channel the channel (Raft group) name
 * @param timestampMillis genesis time, also the time of block 0
 * @param members the members, with distinct ids and keys
 * @param contracts contract id to the version active from block 1
 */
public record Genesis(
    String channel, long timestampMillis, List<Member> members, Map<String, Integer> contracts) {

  public static final int FORMAT = 1;
  public static final int MAX_MEMBERS = 1000;

  /**
   * A member organisation.
   *
   * @param id organisation id, 1–64 characters of [a-z0-9._-]
   * @param role e.g. {@code consortium}, {@code securities-company}, {@code platform}, {@code
   *     notary}
   * @param key the organisation node's Ed25519 signing key
   */
  public record Member(String id, String role, PublicKey key) {
    public Member {
      Transaction.checkName(id, "member id");
      Transaction.checkName(role, "member role");
    }
  }

  public Genesis {
    members = List.copyOf(members);
    contracts = new TreeMap<>(contracts);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a genesis document needs at least one member");
    }
    if (members.size() > MAX_MEMBERS) {
      throw new IllegalArgumentException("at most " + MAX_MEMBERS + " members");
    }
    if (members.stream().map(Member::id).distinct().count() != members.size()) {
      throw new IllegalArgumentException("member ids must be distinct");
    }
    if (members.stream().map(Member::key).distinct().count() != members.size()) {
      throw new IllegalArgumentException("member keys must be distinct");
    }
    Transaction.checkName(channel, "channel");
    for (var e : contracts.entrySet()) {
      Transaction.checkName(e.getKey(), "contract id");
      if (e.getValue() < 1) {
        throw new IllegalArgumentException("contract " + e.getKey() + " needs a version >= 1");
      }
    }
  }

  /** The member that owns a key. */
  public Optional<Member> member(PublicKey key) {
    return members.stream().filter(m -> m.key().equals(key)).findFirst();
  }

  /** The member with an id. */
  public Optional<Member> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.u8(FORMAT).string(channel).i64(timestampMillis).i32(members.size());
    for (Member m : members) {
      w.string(m.id()).string(m.role()).fixed(m.key().bytes());
    }
    w.i32(contracts.size());
    contracts.forEach((id, version) -> w.string(id).i32(version));
    return w.toByteArray();
  }

  public static Genesis decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int format = r.u8("genesis format");
    if (format != FORMAT) {
      throw new EncodingException("unknown genesis format " + format);
    }
    String channel = r.string(64, "channel");
    long ts = r.i64("genesis time");
    int n = r.count(MAX_MEMBERS, "members");
    List<Member> members = new java.util.ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String id = r.string(64, "member id");
      String role = r.string(64, "member role");
      PublicKey key = new PublicKey(r.fixed(PublicKey.SIZE, "member key"));
      try {
        members.add(new Member(id, role, key));
      } catch (IllegalArgumentException e) {
        throw new EncodingException(String.valueOf(e.getMessage()));
      }
    }
    int c = r.count(1000, "contracts");
    TreeMap<String, Integer> contracts = new TreeMap<>();
    for (int i = 0; i < c; i++) {
      String id = r.string(64, "contract id");
      // encode() writes the ids in map order; any other order (or a repeat) would decode to a
      // document whose encoding, and so whose chain id, differs from the bytes read.
      if (!contracts.isEmpty() && id.compareTo(contracts.lastKey()) <= 0) {
        throw new EncodingException("contract ids must be in strictly ascending order");
      }
      contracts.put(id, r.i32("contract version"));
    }
    r.end();
    try {
      return new Genesis(channel, ts, members, contracts);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  /** The chain id: SHA-256 of the canonical encoding. */
  public Hash chainId() {
    return Hash.sha256(encode());
  }
}
