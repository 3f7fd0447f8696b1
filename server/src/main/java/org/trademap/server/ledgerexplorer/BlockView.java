package org.trademap.server.ledgerexplorer;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.trademap.ledger.api.block.Block;
import org.trademap.ledger.api.block.BlockHeader;

@Schema(name = "Block", description = "A committed block with its transactions and receipts.")
record BlockView(
    @Schema(description = "Height; 0 is the genesis block") long height,
    @Schema(description = "Block hash: SHA-256 of the header, hex") String hash,
    @Schema(description = "Hash of the previous header (the chain id for genesis), hex")
        String previousHash,
    @Schema(description = "Merkle root of the transaction ids, hex") String txRoot,
    @Schema(description = "Merkle root of the receipt hashes, hex") String receiptsRoot,
    @Schema(description = "State root after this block, hex") String stateRoot,
    @Schema(description = "Chain id, hex") String chainId,
    @Schema(description = "Channel") String channel,
    @Schema(description = "Block time, ISO-8601 UTC") String timestamp,
    @Schema(description = "Block time, Unix epoch milliseconds") long timestampMillis,
    @Schema(description = "Proposer's Ed25519 public key, base64") String proposer,
    @Schema(description = "Proposer's signature over the header, hex") String signature,
    @Schema(description = "Number of transactions") int txCount,
    @Schema(description = "The transactions in order, each with its receipt")
        List<TransactionView> transactions) {

  static BlockView of(Block block) {
    BlockHeader header = block.header();
    List<TransactionView> transactions = new ArrayList<>(header.txCount());
    for (int i = 0; i < block.transactions().size(); i++) {
      transactions.add(
          TransactionView.of(
              header.height(), i, block.transactions().get(i), block.receipts().get(i)));
    }
    return new BlockView(
        header.height(),
        header.hash().hex(),
        header.previousHash().hex(),
        header.txRoot().hex(),
        header.receiptsRoot().hex(),
        header.stateRoot().hex(),
        header.chainId().hex(),
        header.channel(),
        Instant.ofEpochMilli(header.timestampMillis()).toString(),
        header.timestampMillis(),
        header.proposer().base64(),
        block.signature().toString(),
        header.txCount(),
        transactions);
  }
}
