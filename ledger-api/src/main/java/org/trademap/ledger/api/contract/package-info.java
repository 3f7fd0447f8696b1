/**
 * The smart-contract SPI. A contract is a deterministic Java class: it sees only its {@link
 * org.trademap.ledger.api.contract.ContractContext} (its own key space, the transaction, the signer
 * and the block time) and returns an {@link org.trademap.ledger.api.contract.Outcome}. Business
 * rejections are values, never exceptions. Contracts are found with {@link java.util.ServiceLoader}
 * and checked for non-deterministic API use before the node accepts them.
 */
@NullMarked
package org.trademap.ledger.api.contract;

import org.jspecify.annotations.NullMarked;
