package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;
import org.trademap.ledger.api.codec.EncodingException;

/**
 * A channel's members as committed state: the genesis list until the first membership decision,
 * then what the governance contract stored under {@link #key(String)}. Also remembers who left, so
 * that a node can tell "removed" from "not yet added".
 *
 * @param members the current members in the order they joined, distinct, at least one
 * @param former members that were removed and not added again
 */
public record ChannelMembers(List<String> members, List<String> former) {
  /** As many as a genesis document may have. */
  private static final int MAX_MEMBERS = 1000;

  public ChannelMembers {
    members = List.copyOf(members);
    former = List.copyOf(former);
    if (members.isEmpty() || new HashSet<>(members).size() != members.size()) {
      throw new IllegalArgumentException("a channel has distinct members, at least one");
    }
  }

  /** The members a channel starts with (the genesis document's list). */
  public static ChannelMembers initial(List<String> members) {
    return new ChannelMembers(members, List.of());
  }

  /** The key of a channel's members in the governance contract's key space. */
  public static byte[] key(String channel) {
    return ("members/" + channel).getBytes(StandardCharsets.UTF_8);
  }

  /** Whether an organisation is a member now. */
  public boolean contains(String org) {
    return members.contains(org);
  }

  /** Whether an organisation was removed (and not added again). */
  public boolean removed(String org) {
    return former.contains(org);
  }

  /** The default membership policy: a majority of the current members. */
  Approvers majority() {
    return new Approvers(members.size() / 2 + 1, members);
  }

  /** Why the change cannot apply to these members, as a rejection code, if it cannot. */
  Optional<String> refusal(MemberChange change) {
    boolean member = members.contains(change.org());
    return switch (change.kind()) {
      case ADD -> member ? Optional.of("governance.already-member") : Optional.empty();
      case REMOVE ->
          !member
              ? Optional.of("governance.not-a-member")
              : members.size() == 1 ? Optional.of("governance.last-member") : Optional.empty();
    };
  }

  /** The members after a change that {@link #refusal} accepts. */
  ChannelMembers with(MemberChange change) {
    List<String> m = new ArrayList<>(members);
    List<String> f = new ArrayList<>(former);
    if (change.kind() == MemberChange.Kind.ADD) {
      m.add(change.org());
      f.remove(change.org());
    } else {
      m.remove(change.org());
      f.add(change.org());
    }
    return new ChannelMembers(m, f);
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.i32(members.size());
    members.forEach(w::string);
    w.i32(former.size());
    former.forEach(w::string);
    return w.toByteArray();
  }

  /**
   * Reads stored members.
   *
   * @throws EncodingException if the bytes are not such a record
   */
  public static ChannelMembers decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    List<String> members = names(r, "members");
    List<String> former = names(r, "former members");
    r.end();
    try {
      return new ChannelMembers(members, former);
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  private static List<String> names(CanonicalReader r, String what) {
    int n = r.count(MAX_MEMBERS, what);
    List<String> names = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      names.add(r.string(64, "member id"));
    }
    return names;
  }
}
