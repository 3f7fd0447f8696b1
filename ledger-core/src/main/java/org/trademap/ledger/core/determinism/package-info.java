/**
 * The bytecode check that keeps smart contracts deterministic. Before a node accepts a contract it
 * calls {@link
 * org.trademap.ledger.core.determinism.DeterminismChecker#requireDeterministic(Class)}, which reads
 * the class files of the contract and of the own code it reaches with ASM and refuses any use of
 * clocks, randomness, threads, I/O, reflection, the process environment or any API not on the
 * allowlist. Every node runs the same check, so every node accepts the same contracts.
 */
@NullMarked
package org.trademap.ledger.core.determinism;

import org.jspecify.annotations.NullMarked;
