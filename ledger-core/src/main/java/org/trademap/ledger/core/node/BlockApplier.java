package org.trademap.ledger.core.node;

import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;
import org.trademap.ledger.api.crypto.Hash;
import org.trademap.ledger.api.node.Genesis;
import org.trademap.ledger.core.chain.ChainStore;
import org.trademap.ledger.core.chain.Head;
import org.trademap.ledger.core.exec.BlockExecutor;
import org.trademap.ledger.core.exec.ContractNotInstalledException;

/**
 * Applies an ordered block proposal: checks that it extends the head and is signed by a member,
 * re-executes it (verifying every signature again), and stores it only if the result is exactly the
 * proposed header and receipts. Deterministic, so every node skips or commits the same entries.
 */
final class BlockApplier {

  /** What became of a proposal. */
  sealed interface Applied {
    /** Stored as the new head. */
    record Committed(Block block) implements Applied {}

    /** Not stored, on every node alike (stale or invalid proposal). */
    record Skipped(String reason) implements Applied {}

    /** This node computed a different result than the proposer: it must stop serving. */
    record Diverged(long height, String reason) implements Applied {}

    /**
     * This node cannot apply the block (it lacks a contract version the chain needs): nothing is
     * stored or marked applied, so that once the version is installed the node applies it again.
     */
    record Stopped(long height, String reason) implements Applied {}
  }

  private final ChainStore chain;
  private final BlockExecutor executor;
  private final Genesis genesis;
  private final Hash chainId;
  private final String channel;

  BlockApplier(ChainStore chain, BlockExecutor executor) {
    this.chain = chain;
    this.executor = executor;
    this.genesis = executor.genesis();
    this.chainId = executor.chainId();
    this.channel = executor.channel();
  }

  Applied apply(Block block, long term, long index) {
    Head head = chain.requireHead();
    BlockHeader h = block.header();
    String problem = structuralProblem(block, head);
    if (problem != null) {
      chain.markApplied(term, index);
      return new Applied.Skipped(problem);
    }
    BlockExecutor.Result result;
    try {
      result =
          executor.execute(
              chain.store()::get, head, h.timestampMillis(), h.proposer(), block.transactions());
    } catch (ContractNotInstalledException e) {
      return new Applied.Stopped(h.height(), String.valueOf(e.getMessage()));
    }
    if (!result.header().equals(h) || !result.receipts().equals(block.receipts())) {
      chain.markApplied(term, index);
      return new Applied.Diverged(
          h.height(),
          result.header().stateRoot().equals(h.stateRoot())
              ? "receipts differ from the proposer's"
              : "state root differs from the proposer's");
    }
    chain.commit(block, result.writes(), term, index);
    return new Applied.Committed(block);
  }

  private @org.jspecify.annotations.Nullable String structuralProblem(Block block, Head head) {
    BlockHeader h = block.header();
    if (!h.chainId().equals(chainId) || !h.channel().equals(channel)) {
      return "proposal for another chain or channel";
    }
    if (h.height() != head.height() + 1 || !h.previousHash().equals(head.hash())) {
      return "stale proposal: height " + h.height() + " does not extend head " + head.height();
    }
    if (genesis.member(h.proposer()).isEmpty()) {
      return "proposer is not a member";
    }
    if (!block.verifyProposerSignature()) {
      return "proposer signature does not verify";
    }
    if (h.timestampMillis() < head.timestampMillis()) {
      return "block time goes back";
    }
    return null;
  }
}
