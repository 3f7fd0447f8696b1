package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.trademap.ledger.api.codec.EncodingException;
import org.trademap.ledger.api.contract.Args;
import org.trademap.ledger.api.tx.Transaction;

/**
 * A change of a channel's members: organisation {@code org} (a member of the genesis document)
 * joins or leaves channel {@code channel}. Decided on that channel itself.
 *
 * @param kind add or remove
 * @param channel the channel whose members change
 * @param org the organisation that joins or leaves
 */
public record MemberChange(Kind kind, String channel, String org) implements Decision {

  /** The number of argument fields: {@value #TAG}, the kind, the channel, the organisation. */
  static final int FIELDS = 4;

  /** The first argument field, which tells a membership change from an upgrade. */
  static final String TAG = "membership";

  /** Whether the organisation joins or leaves. */
  public enum Kind {
    ADD,
    REMOVE;

    /** {@code add-member} or {@code remove-member}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT) + "-member";
    }
  }

  public MemberChange {
    Transaction.checkName(channel, "channel");
    Transaction.checkName(org, "member id");
  }

  /** {@code add-member(channel, org)}. */
  public static MemberChange add(String channel, String org) {
    return new MemberChange(Kind.ADD, channel, org);
  }

  /** {@code remove-member(channel, org)}. */
  public static MemberChange remove(String channel, String org) {
    return new MemberChange(Kind.REMOVE, channel, org);
  }

  @Override
  public byte[] toArgs() {
    return Args.encode(
        utf8(TAG), utf8(kind.label()), utf8(channel), org.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads the arguments of a membership change.
   *
   * @throws EncodingException if they are not four fields of the right shape
   */
  public static MemberChange fromArgs(byte[] args) {
    List<byte[]> f = Args.decode(args, FIELDS);
    if (!TAG.equals(text(f.get(0)))) {
      throw new EncodingException("not a membership change");
    }
    String kind = text(f.get(1));
    Kind k = null;
    for (Kind candidate : Kind.values()) {
      if (candidate.label().equals(kind)) {
        k = candidate;
      }
    }
    if (k == null) {
      throw new EncodingException("a membership change is add-member or remove-member");
    }
    try {
      return new MemberChange(k, text(f.get(2)), text(f.get(3)));
    } catch (IllegalArgumentException e) {
      throw new EncodingException(String.valueOf(e.getMessage()));
    }
  }

  /** Where the governance contract keeps this change's proposal. */
  byte[] proposalKey() {
    return utf8("membership/" + channel + "/" + kind.label() + "/" + org);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return kind.label() + " " + org + " on channel " + channel;
  }
}
