package org.trademap.ledger.api.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.crypto.PublicKey;
import org.trademap.ledger.api.crypto.TlsCertificate;
import org.trademap.ledger.api.tx.Transaction;

/**
 * The genesis document of a consortium: its members with their keys and node certificates, its
 * channels, its approval policies and the contract versions it starts with. Its canonical
 * encoding's SHA-256 is the chain id every transaction names.
 *
 * <p>Format 2 is the consortium document. Format 1 is the single-channel document of the first
 * single-node ledgers (no certificates, no policies); it is still read and encoded byte for byte as
 * before, so the chain ids of existing ledgers do not change.
 *
 * @param format {@link #FORMAT_SINGLE_CHANNEL} or {@link #FORMAT}
 * @param timestampMillis genesis time, also the time of block 0
 * @param members the members, with distinct ids, keys and certificates
 * @param channels the channels with their members; the first is the default channel
 * @param policies approval policies by name (format 2 has at least {@code governance})
 * @param contracts contract id to the version active from block 1
 */
public record Genesis(
    int format,
    long timestampMillis,
    List<Member> members,
    List<Channel> channels,
    Map<String, Policy> policies,
    Map<String, Integer> contracts) {

  /** The consortium format. */
  public static final int FORMAT = 2;

  /** The format of the first single-node ledgers: one channel of every member, nothing else. */
  public static final int FORMAT_SINGLE_CHANNEL = 1;

  public static final int MAX_MEMBERS = 1000;
  public static final int MAX_CHANNELS = 1000;
  public static final int MAX_POLICIES = 100;

  /** The policy that approves governance transactions (membership, contract upgrades). */
  public static final String GOVERNANCE = "governance";

  /**
   * The prefix of a channel's own governance policy, {@code governance.<channel>} (optional): it
   * approves the governance transactions of that channel instead of the {@code governance} policy
   * (upgrades) or a majority of the channel's members (membership), ADR 0033.
   */
  public static final String CHANNEL_GOVERNANCE_PREFIX = GOVERNANCE + ".";

  /**
   * A member organisation.
   *
   * @param id organisation id, 1–64 characters of [a-z0-9._-]
   * @param role e.g. {@code consortium}, {@code securities-company}, {@code platform}, {@code
   *     notary}
   * @param key the organisation node's Ed25519 signing key
   * @param tlsCertificate the certificate the organisation's node presents to its peers (mutual
   *     TLS); every member of a channel has one in format 2, none has one in format 1
   */
  public record Member(
      String id, String role, PublicKey key, @Nullable TlsCertificate tlsCertificate) {
    public Member {
      Transaction.checkName(id, "member id");
      Transaction.checkName(role, "member role");
    }

    /** A member without a node certificate. */
    public Member(String id, String role, PublicKey key) {
      this(id, role, key, null);
    }
  }

  /**
   * A channel: a chain of its own, replicated by the nodes of its members.
   *
   * @param name 1–64 characters of [a-z0-9._-]
   * @param members ids of the members whose nodes replicate it, distinct, at least one
   */
  public record Channel(String name, List<String> members) {
    public Channel {
      Transaction.checkName(name, "channel");
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("channel " + name + " needs at least one member");
      }
      if (new HashSet<>(members).size() != members.size()) {
        throw new IllegalArgumentException("channel " + name + " lists a member twice");
      }
    }
  }

  /**
   * An approval policy: how many of which members must sign.
   *
   * @param threshold signatures required, 1 to the number of approvers
   * @param approvers ids of the members who may approve, distinct
   */
  public record Policy(int threshold, List<String> approvers) {
    public Policy {
      approvers = List.copyOf(approvers);
      if (new HashSet<>(approvers).size() != approvers.size()) {
        throw new IllegalArgumentException("a policy lists an approver twice");
      }
      if (threshold < 1 || threshold > approvers.size()) {
        throw new IllegalArgumentException(
            "a policy's threshold must be 1 to its " + approvers.size() + " approvers");
      }
    }
  }

  public Genesis {
    members = List.copyOf(members);
    channels = List.copyOf(channels);
    policies = new TreeMap<>(policies);
    contracts = new TreeMap<>(contracts);
    if (format != FORMAT && format != FORMAT_SINGLE_CHANNEL) {
      throw new IllegalArgumentException("unknown genesis format " + format);
    }
    checkMembers(members);
    List<TlsCertificate> certificates = new ArrayList<>();
    for (Member m : members) {
      if (m.tlsCertificate() != null) {
        certificates.add(m.tlsCertificate());
      }
    }
    if (new HashSet<>(certificates).size() != certificates.size()) {
      throw new IllegalArgumentException("member TLS certificates must be distinct");
    }
    for (var e : contracts.entrySet()) {
      Transaction.checkName(e.getKey(), "contract id");
      if (e.getValue() < 1) {
        throw new IllegalArgumentException("contract " + e.getKey() + " needs a version >= 1");
      }
    }
    checkChannels(channels, members);
    checkPolicies(policies, members);
    if (format == FORMAT_SINGLE_CHANNEL) {
      checkSingleChannel(members, channels, policies);
    } else {
      checkConsortium(members, channels, policies);
    }
  }

  /** A format 1 document: one channel of every member, no certificates, no policies. */
  public Genesis(
      String channel, long timestampMillis, List<Member> members, Map<String, Integer> contracts) {
    this(
        FORMAT_SINGLE_CHANNEL,
        timestampMillis,
        members,
        onlyChannel(channel, members),
        Map.of(),
        contracts);
  }

  /** A format 2 (consortium) document. */
  public static Genesis consortium(
      long timestampMillis,
      List<Member> members,
      List<Channel> channels,
      Map<String, Policy> policies,
      Map<String, Integer> contracts) {
    return new Genesis(FORMAT, timestampMillis, members, channels, policies, contracts);
  }

  private static void checkMembers(List<Member> members) {
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
  }

  private static List<Channel> onlyChannel(String channel, List<Member> members) {
    checkMembers(members);
    return List.of(new Channel(channel, members.stream().map(Member::id).toList()));
  }

  private static void checkChannels(List<Channel> channels, List<Member> members) {
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("a genesis document needs at least one channel");
    }
    if (channels.size() > MAX_CHANNELS) {
      throw new IllegalArgumentException("at most " + MAX_CHANNELS + " channels");
    }
    Set<String> ids = new HashSet<>();
    members.forEach(m -> ids.add(m.id()));
    Set<String> names = new HashSet<>();
    for (Channel c : channels) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("channel " + c.name() + " is listed twice");
      }
      for (String m : c.members()) {
        if (!ids.contains(m)) {
          throw new IllegalArgumentException(
              "channel " + c.name() + " names " + m + ", which is not a member");
        }
      }
    }
  }

  private static void checkPolicies(Map<String, Policy> policies, List<Member> members) {
    if (policies.size() > MAX_POLICIES) {
      throw new IllegalArgumentException("at most " + MAX_POLICIES + " policies");
    }
    Set<String> ids = new HashSet<>();
    members.forEach(m -> ids.add(m.id()));
    for (var e : policies.entrySet()) {
      Transaction.checkName(e.getKey(), "policy name");
      for (String a : e.getValue().approvers()) {
        if (!ids.contains(a)) {
          throw new IllegalArgumentException(
              "policy " + e.getKey() + " names " + a + ", which is not a member");
        }
      }
    }
  }

  private static void checkSingleChannel(
      List<Member> members, List<Channel> channels, Map<String, Policy> policies) {
    List<String> ids = members.stream().map(Member::id).toList();
    if (channels.size() != 1 || !channels.get(0).members().equals(ids)) {
      throw new IllegalArgumentException(
          "a format 1 genesis document has one channel of every member");
    }
    if (!policies.isEmpty()) {
      throw new IllegalArgumentException("a format 1 genesis document has no policies");
    }
    if (members.stream().anyMatch(m -> m.tlsCertificate() != null)) {
      throw new IllegalArgumentException("a format 1 genesis document has no TLS certificates");
    }
  }

  private static void checkConsortium(
      List<Member> members, List<Channel> channels, Map<String, Policy> policies) {
    for (Channel c : channels) {
      for (String id : c.members()) {
        Member m = members.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        if (m.tlsCertificate() == null) {
          throw new IllegalArgumentException(
              "member " + id + " of channel " + c.name() + " has no TLS certificate");
        }
      }
    }
    if (!policies.containsKey(GOVERNANCE)) {
      throw new IllegalArgumentException("a consortium genesis document needs a governance policy");
    }
    for (String name : policies.keySet()) {
      if (name.startsWith(CHANNEL_GOVERNANCE_PREFIX)) {
        String channel = name.substring(CHANNEL_GOVERNANCE_PREFIX.length());
        if (channels.stream().noneMatch(c -> c.name().equals(channel))) {
          throw new IllegalArgumentException(
              "policy " + name + " names channel " + channel + ", which is not in the document");
        }
      }
    }
  }

  /** The name of a channel's own governance policy: {@code governance.<channel>}. */
  public static String channelGovernance(String channel) {
    return CHANNEL_GOVERNANCE_PREFIX + channel;
  }

  /** A channel's own governance policy, if the document has one. */
  public Optional<Policy> channelPolicy(String channel) {
    return Optional.ofNullable(policies.get(channelGovernance(channel)));
  }

  /** The default channel: the first one (the only one in format 1 and in trust model b). */
  public String channel() {
    return channels.get(0).name();
  }

  /** The channel with a name. */
  public Optional<Channel> channel(String name) {
    return channels.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The member that owns a key. */
  public Optional<Member> member(PublicKey key) {
    return members.stream().filter(m -> m.key().equals(key)).findFirst();
  }

  /** The member with an id. */
  public Optional<Member> member(String id) {
    return members.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  /** The member that presents a certificate. */
  public Optional<Member> member(TlsCertificate certificate) {
    return members.stream().filter(m -> certificate.equals(m.tlsCertificate())).findFirst();
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    if (format == FORMAT_SINGLE_CHANNEL) {
      w.u8(format).string(channel()).i64(timestampMillis).i32(members.size());
      for (Member m : members) {
        w.string(m.id()).string(m.role()).fixed(m.key().bytes());
      }
    } else {
      w.u8(format).i64(timestampMillis).i32(members.size());
      for (Member m : members) {
        w.string(m.id()).string(m.role()).fixed(m.key().bytes());
        TlsCertificate cert = m.tlsCertificate();
        w.bool(cert != null);
        if (cert != null) {
          w.bytes(cert.der());
        }
      }
      w.i32(channels.size());
      for (Channel c : channels) {
        w.string(c.name()).i32(c.members().size());
        c.members().forEach(w::string);
      }
      w.i32(policies.size());
      policies.forEach(
          (name, p) -> {
            w.string(name).i32(p.threshold()).i32(p.approvers().size());
            p.approvers().forEach(w::string);
          });
    }
    w.i32(contracts.size());
    contracts.forEach((id, version) -> w.string(id).i32(version));
    return w.toByteArray();
  }

  public static Genesis decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    int format = r.u8("genesis format");
    try {
      Genesis g =
          switch (format) {
            case FORMAT_SINGLE_CHANNEL -> decodeSingleChannel(r);
            case FORMAT -> decodeConsortium(r);
            default -> throw new EncodingException("unknown genesis format " + format);
          };
      r.end();
      return g;
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  private static Genesis decodeSingleChannel(CanonicalReader r) {
    String channel = r.string(64, "channel");
    long ts = r.i64("genesis time");
    int n = r.count(MAX_MEMBERS, "members");
    List<Member> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      members.add(readMember(r, false));
    }
    Map<String, Integer> contracts = readContracts(r);
    return new Genesis(channel, ts, members, contracts);
  }

  private static Genesis decodeConsortium(CanonicalReader r) {
    long ts = r.i64("genesis time");
    int n = r.count(MAX_MEMBERS, "members");
    List<Member> members = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      members.add(readMember(r, true));
    }
    int c = r.count(MAX_CHANNELS, "channels");
    List<Channel> channels = new ArrayList<>(c);
    for (int i = 0; i < c; i++) {
      String name = r.string(64, "channel");
      channels.add(new Channel(name, readNames(r, "channel members")));
    }
    int p = r.count(MAX_POLICIES, "policies");
    TreeMap<String, Policy> policies = new TreeMap<>();
    for (int i = 0; i < p; i++) {
      String name = r.string(64, "policy name");
      requireAscending(policies, name, "policy names");
      int threshold = r.i32("policy threshold");
      policies.put(name, new Policy(threshold, readNames(r, "policy approvers")));
    }
    Map<String, Integer> contracts = readContracts(r);
    return consortium(ts, members, channels, policies, contracts);
  }

  private static Member readMember(CanonicalReader r, boolean withCertificate) {
    String id = r.string(64, "member id");
    String role = r.string(64, "member role");
    PublicKey key = new PublicKey(r.fixed(PublicKey.SIZE, "member key"));
    TlsCertificate cert =
        withCertificate && r.bool("certificate present")
            ? TlsCertificate.ofDer(r.bytes(TlsCertificate.MAX_SIZE, "TLS certificate"))
            : null;
    return new Member(id, role, key, cert);
  }

  private static List<String> readNames(CanonicalReader r, String what) {
    int n = r.count(MAX_MEMBERS, what);
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(r.string(64, "member id"));
    }
    return names;
  }

  private static Map<String, Integer> readContracts(CanonicalReader r) {
    int c = r.count(1000, "contracts");
    TreeMap<String, Integer> contracts = new TreeMap<>();
    for (int i = 0; i < c; i++) {
      String id = r.string(64, "contract id");
      requireAscending(contracts, id, "contract ids");
      contracts.put(id, r.i32("contract version"));
    }
    return contracts;
  }

  /**
   * encode() writes map keys in order; any other order (or a repeat) would decode to a document
   * whose encoding, and so whose chain id, differs from the bytes read.
   */
  private static void requireAscending(TreeMap<String, ?> map, String key, String what) {
    if (!map.isEmpty() && key.compareTo(map.lastKey()) <= 0) {
      throw new EncodingException(what + " must be in strictly ascending order");
    }
  }

  /** The chain id: SHA-256 of the canonical encoding. */
  public Hash chainId() {
    return Hash.sha256(encode());
  }
}
