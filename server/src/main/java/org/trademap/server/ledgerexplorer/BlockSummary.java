package org.trademap.server.ledgerexplorer;

import java.time.Instant;
import org.trademap.ledger.api.block.Block;

/** One row of the explorer's list of latest blocks. */
record BlockSummary(long height, String hash, int txCount, String timestamp) {

  static BlockSummary of(Block block) {
    return new BlockSummary(
        block.height(),
        block.hash().hex(),
        block.header().txCount(),
        Instant.ofEpochMilli(block.header().timestampMillis()).toString());
  }
}
