/**
 * Contract upgrades at a block height: the built-in {@code governance} contract, which every node
 * runs, records proposals and approvals by the members of the genesis {@code governance} policy and
 * schedules version N+1 of a contract once enough of them approved; {@link
 * org.trademap.ledger.core.governance.Schedule} is what the block executor reads to run each
 * transaction with the version active at its height. The same contract adds and removes members of
 * a channel ({@link org.trademap.ledger.core.governance.MemberChange}); {@link
 * org.trademap.ledger.core.governance.ChannelMembers} is the committed member set every node reads
 * (ADR 0033). Deterministic: everything here passes the contract determinism check.
 */
@NullMarked
package org.trademap.ledger.core.governance;

import org.jspecify.annotations.NullMarked;
