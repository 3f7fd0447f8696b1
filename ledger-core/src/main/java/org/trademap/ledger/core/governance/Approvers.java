package org.trademap.ledger.core.governance;

import java.util.List;

/**
 * The genesis {@code governance} policy as the governance contract sees it (the contract may not
 * reach the node facade's {@code Genesis}, whose {@code Policy} has already checked the values).
 *
 * @param threshold approvals needed, 1 to the number of members
 * @param members ids of the members who may propose and approve, distinct
 */
public record Approvers(int threshold, List<String> members) {
  public Approvers {
    members = List.copyOf(members);
  }
}
