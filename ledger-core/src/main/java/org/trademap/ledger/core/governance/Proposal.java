package org.trademap.ledger.core.governance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.codec.CanonicalReader;
import org.trademap.ledger.api.codec.CanonicalWriter;

/**
 * A proposed upgrade as the governance contract stores it under {@code proposal/<id>/<version>}.
 *
 * @param activationHeight the height it activates at once scheduled
 * @param approvals member ids in the order they approved (the proposer first)
 * @param scheduled whether the policy's threshold was met
 */
record Proposal(long activationHeight, List<String> approvals, boolean scheduled) {
  Proposal {
    approvals = List.copyOf(approvals);
  }

  static byte[] key(String contractId, int version) {
    return ("proposal/" + contractId + "/" + version).getBytes(StandardCharsets.UTF_8);
  }

  /** Open: not scheduled and still approvable at {@code height}. */
  boolean openAt(long height) {
    return !scheduled && height < activationHeight;
  }

  /**
   * With one more approval; decided once {@code threshold} of the approvals are by {@code counted}
   * (the policy's approvers now: a membership policy's approvers change with the members).
   */
  Proposal approvedBy(String member, Approvers policy) {
    List<String> more = new ArrayList<>(approvals);
    more.add(member);
    long counting = more.stream().filter(policy.members()::contains).count();
    return new Proposal(activationHeight, more, scheduled || counting >= policy.threshold());
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter();
    w.i64(activationHeight).bool(scheduled).i32(approvals.size());
    approvals.forEach(w::string);
    return w.toByteArray();
  }

  static Proposal decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes);
    long height = r.i64("activation height");
    boolean scheduled = r.bool("scheduled");
    int n = r.count(1000, "approvals");
    List<String> approvals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      approvals.add(r.string(64, "approver"));
    }
    r.end();
    return new Proposal(height, approvals, scheduled);
  }
}
